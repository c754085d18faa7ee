package dev.ddlab.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The course's macvlan network (10.0.0.0/24) on a node that is still in the swarm of the chapter
 * before: the swarm's ingress has 10.0.0.0/24 too, but in the global address space, so the local
 * network is made (libnetwork keeps the two spaces apart); two local networks still may not
 * overlap.
 */
class LocalAndSwarmPoolsTest {
  @Test
  void a_local_network_may_take_the_subnet_of_the_swarm_s_ingress_but_not_of_another_local_one() {
    try (SimSession s = SimSession.open("single", 5)) {
      List<TranscriptEntry> t =
          new ScriptRunner(s)
              .run(
                  """
                  docker swarm init
                  docker service create -d --name web -p 8080:80 nginx
                  docker network create -d macvlan --subnet=10.0.0.0/24 --ip-range=10.0.0.0/25 --gateway=10.0.0.1 -o parent=eth0.100 macvlan100
                  docker network ls --filter driver=macvlan --format '{{.Name}} {{.Scope}}'
                  docker network create --subnet 10.0.0.0/16 other
                  docker service create -q --name web2 -p 8081:80 nginx
                  docker service ls --format '{{.Name}} {{.Replicas}}'
                  """);
      assertEquals(0, t.get(2).exitCode(), t.get(2).output());
      assertEquals("macvlan100 local\n", t.get(3).output());
      assertEquals(
          "Error response from daemon: Pool overlaps with other one on this address space\n",
          t.get(4).output());
      assertEquals(1, t.get(4).exitCode());
      // the ingress (10.0.0.0/24, global) comes to the node when web's task starts, beside
      // macvlan100
      assertEquals(0, t.get(5).exitCode(), t.get(5).output());
      assertEquals("web 1/1\nweb2 1/1\n", t.get(6).output());
    }
  }
}
