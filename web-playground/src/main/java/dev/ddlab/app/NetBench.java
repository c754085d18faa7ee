package dev.ddlab.app;

import dev.ddlab.session.SimSession;
import dev.ddlab.sim.network.dataplane.HttpWire;
import dev.ddlab.sim.network.dataplane.NetDevice;
import dev.ddlab.sim.network.dataplane.NetStack;
import dev.ddlab.sim.network.dataplane.Netns;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.runtime.HttpRequest;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code ddlab bench --net}: the frame data plane's speed on one core — echo round trips between
 * two containers on a user bridge (ARP cached: 2 frames, each seen on 4 interfaces), and HTTP
 * requests from the host to a published port (DNAT, a TCP handshake, data, FIN both ways) — with
 * frames per second against the goal of 100,000.
 */
final class NetBench {
  static final double TARGET_FRAMES_PER_SECOND = 100_000;

  private NetBench() {}

  static void run(int n, PrintWriter out) {
    out.println(
        "ddlab bench --net — frame data plane (wall time, this machine; median of "
            + SimBench.MEASURED_ROUNDS
            + " rounds after ≥ "
            + SimBench.WARM_UP_SECONDS
            + " s of warm-up)");
    try (SimSession s = SimSession.open("single", 1)) {
      s.type("node1", "docker network create net1");
      s.type("node1", "docker run -d --name ping-a --network net1 alpine sleep 1d");
      s.type("node1", "docker run -d --name ping-b --network net1 alpine sleep 1d");
      s.type("node1", "docker run -d --name web -p 8080:80 nginx");
      NetStack stack = s.host("node1").network().stack();
      Netns a = stack.namespaces().get(0);
      int b = address(stack.namespaces().get(1));
      report(out, "ping between two containers (one echo)", stack, n, pings(stack, a, b));
      int node = Ipv4.parse(s.host("node1").address());
      report(
          out,
          "HTTP GET from the host to a published port",
          stack,
          n / 10,
          gets(stack, node, 8080));
    }
    out.flush();
  }

  /** One echo from {@code from} to {@code to} and its reply per run, on {@code stack}'s wire. */
  static Runnable pings(NetStack stack, Netns from, int to) {
    int[] seq = {0};
    return () -> {
      Netns.EchoResult[] r = new Netns.EchoResult[1];
      stack.exchange(
          () -> from.ping(to, 7, seq[0]++ & 0xffff, 56, 64, x -> r[0] = x),
          () -> r[0] != null,
          1_000_000_000L);
    };
  }

  /** One HTTP GET from the host of {@code stack} to {@code ip:port} per run. */
  static Runnable gets(NetStack stack, int ip, int port) {
    byte[] request = HttpWire.request(HttpRequest.get("/"), "localhost:" + port);
    return () -> {
      Netns.TcpResult[] r = new Netns.TcpResult[1];
      stack.exchange(
          () -> stack.host().connect(ip, port, request, x -> r[0] = x),
          () -> r[0] != null,
          10_000_000_000L);
    };
  }

  private static int address(Netns ns) {
    for (NetDevice d : ns.devices()) {
      if (d.name().equals("eth0")) {
        return d.addresses().get(0).ip();
      }
    }
    throw new IllegalStateException("no eth0");
  }

  private static void report(PrintWriter out, String what, NetStack stack, int n, Runnable op) {
    report(out, what, stack::framesSeen, n, op);
  }

  /**
   * Times {@code op} and prints it with the frames it took ({@code frames}: the frames seen so far
   * on the stacks it crosses) against the goal.
   */
  static void report(
      PrintWriter out, String what, java.util.function.LongSupplier frames, int n, Runnable op) {
    int per = Math.max(10, n);
    long frames0 = frames.getAsLong();
    long[] ops = {0};
    double micros =
        SimBench.steadyMicros(
            per,
            SimBench.WARM_UP_SECONDS,
            () -> {
              op.run();
              ops[0]++;
            });
    double framesPerOp = (double) (frames.getAsLong() - frames0) / Math.max(1, ops[0]);
    double perSecond = 1e6 / micros;
    double framesPerSecond = perSecond * framesPerOp;
    out.printf(
        Locale.ROOT,
        "  %-48s %10.1f µs  %10.0f /s  %5.1f frames each  %10.0f frames/s  (goal ≥ %.0f, ratio"
            + " %.2f)%n",
        what,
        micros,
        perSecond,
        framesPerOp,
        framesPerSecond,
        TARGET_FRAMES_PER_SECOND,
        framesPerSecond / TARGET_FRAMES_PER_SECOND);
  }
}
