package dev.ddlab.app;

import dev.ddlab.session.SimSession;
import dev.ddlab.sim.network.NetworkController;
import dev.ddlab.sim.network.dataplane.NetStack;
import dev.ddlab.sim.network.dataplane.Netns;
import dev.ddlab.sim.network.types.Ipv4;
import java.io.PrintWriter;

/**
 * {@code ddlab bench --overlay}: the VXLAN data plane's speed on one core, in a two-node swarm —
 * echo round trips between tasks on the two nodes over an overlay network (each frame through veth,
 * br0 and vxlan0, encapsulated, across the underlay and decapsulated), and HTTP requests to a port
 * published in ingress mode on the node without the replica (DNAT to the ingress sandbox, IPVS,
 * VXLAN to the task and back) — with frames per second against the goal of 100,000, as {@code
 * --net} prints the bridge's.
 */
final class OverlayBench {
  private OverlayBench() {}

  static void run(int n, PrintWriter out) {
    out.println(
        "ddlab bench --overlay — VXLAN data plane, two nodes (wall time, this machine; median of "
            + SimBench.MEASURED_ROUNDS
            + " rounds after ≥ "
            + SimBench.WARM_UP_SECONDS
            + " s of warm-up)");
    try (SimSession s = SimSession.open("swarm-1m1w", 1)) {
      s.type("mgr1", "docker swarm init --advertise-addr 10.0.0.1");
      s.type(
          "wrk1",
          "docker swarm join --token $(ssh mgr1 docker swarm join-token -q worker) 10.0.0.1:2377");
      s.type("mgr1", "docker network create -d overlay bench-net");
      s.type(
          "mgr1",
          "docker service create --name left --network bench-net"
              + " --constraint node.hostname==mgr1 alpine sleep 1d");
      s.type(
          "mgr1",
          "docker service create --name right --network bench-net"
              + " --constraint node.hostname==wrk1 alpine sleep 1d");
      s.type(
          "mgr1",
          "docker service create --name web -p 8080:80 --constraint node.hostname==wrk1 nginx");
      NetworkController mgr = s.host("mgr1").network();
      NetworkController wrk = s.host("wrk1").network();
      NetStack stack = mgr.stack();
      Netns a = mgr.sandbox(container(s, "mgr1", "left.")).netns();
      int b = wrk.sandbox(container(s, "wrk1", "right.")).interfaces().get(0).address();
      java.util.function.LongSupplier frames = () -> stack.framesSeen() + wrk.stack().framesSeen();
      NetBench.report(
          out,
          "ping between tasks on two nodes (one echo)",
          frames,
          n,
          NetBench.pings(stack, a, b));
      NetBench.report(
          out,
          "HTTP GET through the routing mesh",
          frames,
          n / 10,
          NetBench.gets(stack, Ipv4.parse("127.0.0.1"), 8080));
    }
    out.flush();
  }

  /** The ID of the task container on {@code node} whose name starts with {@code prefix}. */
  private static String container(SimSession s, String node, String prefix) {
    String id = s.type(node, "docker ps -q --no-trunc -f name=" + prefix).output().strip();
    if (id.isEmpty() || id.contains("\n")) {
      throw new IllegalStateException("no single task " + prefix + " on " + node + ": " + id);
    }
    return id;
  }
}
