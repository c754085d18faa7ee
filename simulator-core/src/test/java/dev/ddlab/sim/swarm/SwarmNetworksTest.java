package dev.ddlab.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;

/**
 * The allocator and the networks API of swarm nodes: the ingress network made at init, overlay
 * networks created on a manager with a /24 from 10.0.0.0/8 and a VNI from 4096 up, services' VIPs
 * and tasks' addresses on them, and where each network shows in {@code docker network ls}.
 */
class SwarmNetworksTest {
  private static String ok(SimSession s, String node, String line) {
    TranscriptEntry e = s.type(node, line);
    assertEquals(0, e.exitCode(), line + "\n" + e.output());
    return e.output();
  }

  private static String fails(SimSession s, String node, String line) {
    TranscriptEntry e = s.type(node, line);
    assertEquals(1, e.exitCode(), line + "\n" + e.output());
    return e.output();
  }

  @Test
  void swarm_init_makes_the_ingress_network_with_10_0_0_0_24_and_vni_4096_and_docker_gwbridge() {
    try (SimSession s = SimSession.open("swarm-1m1w", 1)) {
      ok(s, "mgr1", "docker swarm init --advertise-addr 10.0.0.1");
      String ls = ok(s, "mgr1", "docker network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'");
      assertEquals(
          "bridge bridge local\ndocker_gwbridge bridge local\nhost host local\n"
              + "ingress overlay swarm\nnone null local\n",
          ls);
      // one docker_gwbridge per node, the network controller's, on the next local pool
      assertEquals(
          "172.18.0.0/16 false\n",
          ok(
              s,
              "mgr1",
              "docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}"
                  + " {{index .Options \"com.docker.network.bridge.enable_icc\"}}'"
                  + " docker_gwbridge"));
      assertEquals(
          "10.0.0.0/24 10.0.0.1 4096 true swarm false\n",
          ok(
              s,
              "mgr1",
              "docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}"
                  + " {{index .Options"
                  + " \"com.docker.network.driver.overlay.vxlanid_list\"}} {{.Ingress}}"
                  + " {{.Scope}} {{.Attachable}}' ingress"));
      // the ID is swarmkit's (25 characters), the same on every node
      String id = ok(s, "mgr1", "docker network inspect -f '{{.Id}}' ingress").strip();
      assertEquals(25, id.length(), id);
    }
  }

  @Test
  void overlay_networks_get_the_next_24_and_the_next_vni_and_their_options() {
    try (SimSession s = SimSession.open("swarm-1m1w", 2)) {
      ok(s, "mgr1", "docker swarm init --advertise-addr 10.0.0.1");
      String id = ok(s, "mgr1", "docker network create -d overlay uber-net").strip();
      assertEquals(25, id.length(), id);
      ok(s, "mgr1", "docker network create -d overlay --attachable --subnet 10.20.0.0/16 own");
      ok(s, "mgr1", "docker network create -d overlay third");
      String fmt =
          "-f '{{.Name}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}} {{index .Options"
              + " \"com.docker.network.driver.overlay.vxlanid_list\"}} {{.Attachable}}"
              + " {{.Driver}} {{.Scope}}'";
      assertEquals(
          "uber-net 10.0.1.0/24 10.0.1.1 4097 false overlay swarm\n"
              + "own 10.20.0.0/16 10.20.0.1 4098 true overlay swarm\n"
              + "third 10.0.2.0/24 10.0.2.1 4099 false overlay swarm\n",
          ok(s, "mgr1", "docker network inspect " + fmt + " uber-net own third"));
      String dup = fails(s, "mgr1", "docker network create -d overlay uber-net");
      assertEquals("Error response from daemon: network with name uber-net already exists\n", dup);
    }
  }

  @Test
  void an_overlay_network_is_created_only_on_a_manager() {
    try (SimSession s = SimSession.open("swarm-1m1w", 3)) {
      assertEquals(
          "Error response from daemon: This node is not a swarm manager. Use \"docker swarm init\""
              + " or \"docker swarm join\" to connect this node to swarm and try again.\n",
          fails(s, "mgr1", "docker network create -d overlay early"));
      ok(s, "mgr1", "docker swarm init --advertise-addr 10.0.0.1");
      ok(
          s,
          "wrk1",
          "docker swarm join --token $(ssh mgr1 docker swarm join-token -q worker) 10.0.0.1:2377");
      assertEquals(
          "Error response from daemon: Cannot create a multi-host network from a worker node."
              + " Please create the network from a manager node.\n",
          fails(s, "wrk1", "docker network create -d overlay net"));
      assertFalse(ok(s, "mgr1", "docker network ls").contains(" early "));
    }
  }

  @Test
  void
      services_get_a_vip_per_network_and_tasks_an_address_and_workers_see_a_network_once_a_task_runs_there() {
    try (SimSession s = SimSession.open("swarm-1m1w", 4)) {
      ok(s, "mgr1", "docker swarm init --advertise-addr 10.0.0.1");
      ok(
          s,
          "wrk1",
          "docker swarm join --token $(ssh mgr1 docker swarm join-token -q worker) 10.0.0.1:2377");
      String netId = ok(s, "mgr1", "docker network create -d overlay uber-net").strip();
      String wrkLs = ok(s, "wrk1", "docker network ls --format '{{.Name}}'");
      assertEquals("bridge\ndocker_gwbridge\nhost\ningress\nnone\n", wrkLs);

      ok(
          s,
          "mgr1",
          "docker service create --name web --network uber-net --replicas 2 --constraint"
              + " node.hostname==wrk1 alpine sleep 1d");
      assertEquals(
          "[{\"NetworkID\":\"" + netId + "\",\"Addr\":\"10.0.1.2/24\"}]\n",
          ok(s, "mgr1", "docker service inspect -f '{{json .Endpoint.VirtualIPs}}' web"));
      assertEquals(
          "[{\"Target\":\"" + netId + "\"}]\n",
          ok(s, "mgr1", "docker service inspect -f '{{json .Spec.TaskTemplate.Networks}}' web"));
      String addrs =
          ok(
              s,
              "mgr1",
              "docker inspect -f '{{range .NetworksAttachments}}{{.Network.Spec.Name}}"
                  + " {{.Addresses}}{{end}}' $(docker service ps -q web)");
      assertEquals("uber-net [10.0.1.3/24]\nuber-net [10.0.1.4/24]\n", addrs);
      assertEquals(
          "bridge\ndocker_gwbridge\nhost\ningress\nnone\nuber-net\n",
          ok(s, "wrk1", "docker network ls --format '{{.Name}}'"));
      assertEquals(
          "overlay swarm\n",
          ok(s, "wrk1", "docker network inspect -f '{{.Driver}} {{.Scope}}' uber-net"));

      // a published port puts the service on ingress too, after the nodes' own ingress addresses
      ok(s, "mgr1", "docker service create --name pub -p 8080:80 --replicas 1 nginx");
      String pub =
          ok(
              s,
              "mgr1",
              "docker service inspect -f '{{json .Endpoint.Ports}} {{range .Endpoint.VirtualIPs}}"
                  + "{{.Addr}}{{end}}' pub");
      assertEquals(
          "[{\"Protocol\":\"tcp\",\"TargetPort\":80,\"PublishedPort\":8080,"
              + "\"PublishMode\":\"ingress\"}] 10.0.0.4/24\n",
          pub);
    }
  }

  @Test
  void
      a_service_cannot_use_a_local_network_or_a_missing_one_and_a_used_network_cannot_be_removed() {
    try (SimSession s = SimSession.open("swarm-1m1w", 5)) {
      ok(s, "mgr1", "docker swarm init --advertise-addr 10.0.0.1");
      ok(s, "mgr1", "docker network create localnet");
      TranscriptEntry local =
          s.type("mgr1", "docker service create --name a --network localnet alpine sleep 1d");
      assertEquals(
          "Error response from daemon: The network localnet cannot be used with services. Only"
              + " networks scoped to the swarm can be used, such as those created with the overlay"
              + " driver.\n",
          local.output());
      TranscriptEntry missing =
          s.type("mgr1", "docker service create --name b --network nope alpine sleep 1d");
      assertEquals("Error response from daemon: network nope not found\n", missing.output());
      ok(s, "mgr1", "docker network create -d overlay used");
      ok(s, "mgr1", "docker service create --name c --network used -d alpine sleep 1d");
      String svc = ok(s, "mgr1", "docker service inspect -f '{{.ID}}' c").strip();
      String net = ok(s, "mgr1", "docker network inspect -f '{{.Id}}' used").strip();
      String rm = fails(s, "mgr1", "docker network rm used");
      assertEquals(
          "Error response from daemon: rpc error: code = FailedPrecondition desc = network "
              + net
              + " is in use by service "
              + svc
              + "\n",
          rm);
      ok(s, "mgr1", "docker service rm c");
      assertTrue(ok(s, "mgr1", "docker network rm used").contains("used"));
      assertFalse(ok(s, "mgr1", "docker network ls").contains(" used "));
    }
  }

  @Test
  void network_ls_filters_swarm_networks_as_local_ones_every_label_must_match() {
    try (SimSession s = SimSession.open("swarm-1m1w", 4)) {
      ok(s, "mgr1", "docker swarm init --advertise-addr 10.0.0.1");
      ok(s, "mgr1", "docker network create -d overlay --label tier=front --label env=prod both");
      ok(s, "mgr1", "docker network create -d overlay --label tier=front one");
      String fmt = " --format '{{.Name}}'";
      assertEquals(
          "both\n",
          ok(s, "mgr1", "docker network ls --filter label=tier=front --filter label=env" + fmt));
      assertEquals(
          "both\none\n", ok(s, "mgr1", "docker network ls --filter label=tier=front" + fmt));
      // the ingress network is predefined, as on dockerd
      assertEquals(
          "ingress\n",
          ok(s, "mgr1", "docker network ls --filter type=builtin --filter driver=overlay" + fmt));
    }
  }
}
