package dev.ddlab.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.sim.host.DockerHost;
import dev.ddlab.sim.network.types.Ipv4;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One sandbox per running container: its namespace, the interfaces its endpoints bring and the
 * routes they give, as a real dockerd 20.10 showed them with {@code ip addr} and {@code ip route}
 * (networks joined zz, then aa; eth0 left, then mm joined: eth1 and eth2, default via aa).
 */
class SandboxTest {
  private final SimSession session = SimSession.open("single", 5);
  private final DockerHost node = session.host("node1");

  @AfterEach
  void close() {
    session.close();
  }

  private List<TranscriptEntry> run(String script) {
    List<TranscriptEntry> t = new ScriptRunner(session).run(script);
    for (TranscriptEntry e : t) {
      assertEquals(0, e.exitCode(), e.command() + "\n" + e.output());
    }
    return t;
  }

  private Sandbox sandbox(String container) {
    return node.network().sandbox(node.containers().get(container).id());
  }

  private static String interfaces(Sandbox sb) {
    return sb.interfaces().stream()
        .map(i -> i.name() + " " + Ipv4.format(i.address()) + "/" + i.prefix())
        .collect(Collectors.joining(", "));
  }

  private static String routes(Sandbox sb) {
    return sb.routes().stream()
        .map(
            r ->
                (r.destination().prefix() == 0 ? "default" : r.destination().toString())
                    + (r.gateway() == 0 ? "" : " via " + Ipv4.format(r.gateway()))
                    + " dev "
                    + r.device())
        .collect(Collectors.joining(", "));
  }

  @Test
  void a_sandbox_lives_while_its_container_runs() {
    run(
        """
        docker pull -q alpine
        docker create --name c1 alpine sleep 1d
        """);
    assertNull(sandbox("c1"), "created, not started");
    run("docker start c1\n");
    Sandbox first = sandbox("c1");
    assertNotNull(first);
    assertEquals(node.containers().get("c1").id(), first.containerId());
    assertEquals("/var/run/docker/netns/" + first.id().substring(0, 12), first.key());
    run("docker stop -t 0 c1\n");
    assertNull(sandbox("c1"));
    run("docker start c1\n");
    assertNotEquals(first.id(), sandbox("c1").id(), "a new sandbox at each start");
  }

  @Test
  void each_container_has_its_own_and_container_mode_joins_another_s() {
    run(
        """
        docker run -d --name ca alpine sleep 1d
        docker run -d --name cb alpine sleep 1d
        docker run -d --name cc --network container:ca alpine sleep 1d
        """);
    assertNotEquals(sandbox("ca").namespace(), sandbox("cb").namespace());
    assertNull(sandbox("cc"), "cc has none of its own");
    assertEquals(
        sandbox("ca").namespace(), node.containers().get("cc").mainProcess().context().netNs());
  }

  @Test
  void interfaces_are_numbered_in_join_order_and_the_default_route_follows_network_names() {
    run(
        """
        docker network create --subnet 10.201.0.0/24 zz
        docker network create --subnet 10.202.0.0/24 aa
        docker network create --subnet 10.203.0.0/24 mm
        docker run -d --name probe --network zz alpine sleep 1d
        docker network connect aa probe
        """);
    Sandbox sb = sandbox("probe");
    assertEquals("eth0 10.201.0.2/24, eth1 10.202.0.2/24", interfaces(sb));
    assertEquals(
        "default via 10.202.0.1 dev eth1, 10.201.0.0/24 dev eth0, 10.202.0.0/24 dev eth1",
        routes(sb));
    run(
        """
        docker network disconnect zz probe
        docker network connect mm probe
        """);
    assertEquals("eth1 10.202.0.2/24, eth2 10.203.0.2/24", interfaces(sb));
    assertEquals(
        "default via 10.202.0.1 dev eth1, 10.202.0.0/24 dev eth1, 10.203.0.0/24 dev eth2",
        routes(sb));
  }

  @Test
  void an_internal_network_gives_no_default_route_and_none_gives_no_interface() {
    run(
        """
        docker network create --internal back
        docker run -d --name ci --network back alpine sleep 1d
        docker run -d --name cn --network none alpine sleep 1d
        """);
    assertEquals("172.18.0.0/16 dev eth0", routes(sandbox("ci")));
    assertEquals("", interfaces(sandbox("cn")));
    assertEquals("", routes(sandbox("cn")));
  }
}
