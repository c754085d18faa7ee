package dev.ddlab.sim.network;

import dev.ddlab.sim.network.dataplane.DataPlane;
import dev.ddlab.sim.network.dataplane.HttpWire;
import dev.ddlab.sim.network.dataplane.NetStack;
import dev.ddlab.sim.network.dataplane.Netns;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.runtime.HttpOutcome;
import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.NetAccess;
import dev.ddlab.sim.runtime.NetException;
import dev.ddlab.sim.runtime.ProcContext;
import dev.ddlab.sim.runtime.TcpOutcome;

/**
 * The data plane of frames: a process's connection or echo request leaves its namespace of the
 * node's {@link NetStack} (the sandbox's, or the host's for host processes and {@code --network
 * host}) as real frames through veths, bridges, routes, netfilter and NAT, and what comes back
 * decides the answer. The exchange runs on the stack's wire from the virtual clock's present.
 */
final class FrameDataPlane implements DataPlane {
  /** How long an exchange may run: past Linux's last SYN retransmission (127 s). */
  private static final long TCP_HORIZON = 130_000_000_000L;

  /** How long one echo request waits for its reply. */
  private static final long ECHO_HORIZON = 1_000_000_000L;

  private final NetworkController controller;
  private final NetStack stack;

  FrameDataPlane(NetworkController controller, NetStack stack) {
    this.controller = controller;
    this.stack = stack;
  }

  /** The namespace a process's packets leave from, or null (a container without a sandbox). */
  @Override
  public Netns namespaceOf(ProcContext from) {
    ContainerNetworking self = controller.networkingOf(from);
    if (from.isHost() || (self != null && self.mode.equals("host"))) {
      return stack.host();
    }
    if (self == null || self.sandbox == null) {
      return null;
    }
    return self.sandbox.netns();
  }

  /**
   * A default route out of the process's namespace; a process no container of this node owns (a
   * build step's) has the builder's network, which reaches out.
   */
  @Override
  public boolean reachesInternet(ProcContext from) {
    if (!from.isHost() && controller.networkingOf(from) == null) {
      return true;
    }
    Netns ns = namespaceOf(from);
    return ns != null && ns.route(PUBLIC_ADDRESS) != null;
  }

  /** An address on the internet (a package mirror's) that only a default route reaches. */
  private static final int PUBLIC_ADDRESS = Ipv4.parse("151.101.2.132");

  @Override
  public HttpOutcome http(ProcContext from, int ip, int port, HttpRequest request) {
    String ipText = Ipv4.format(ip);
    Netns ns = namespaceOf(from);
    if (ns == null) {
      return HttpOutcome.failed(new NetException(NetException.Kind.UNREACHABLE, ipText));
    }
    byte[] bytes = HttpWire.request(request, port == 80 ? ipText : ipText + ":" + port);
    Netns.TcpResult r = connect(ns, ip, port, bytes, TCP_HORIZON);
    if (r == null) {
      return HttpOutcome.failed(new NetException(NetException.Kind.TIMEOUT, ipText, TCP_HORIZON));
    }
    NetException.Kind failure = failure(r);
    if (failure == null) {
      HttpResponse response = HttpWire.parseResponse(r.response());
      if (response != null) {
        return HttpOutcome.ok(response, r.elapsedNanos());
      }
      failure = NetException.Kind.RESET;
    }
    return HttpOutcome.failed(new NetException(failure, ipText, r.elapsedNanos()));
  }

  @Override
  public TcpOutcome stream(ProcContext from, int ip, int port, byte[] data, long limitNanos) {
    String ipText = Ipv4.format(ip);
    Netns ns = namespaceOf(from);
    if (ns == null) {
      return TcpOutcome.failed(ipText, new NetException(NetException.Kind.UNREACHABLE, ipText));
    }
    long horizon = Math.min(limitNanos, TCP_HORIZON);
    Netns.TcpResult r = connect(ns, ip, port, data, horizon);
    if (r == null) {
      ns.abort(ip, port); // the client gave up: close() while connecting, no more SYNs
      return TcpOutcome.failed(
          ipText, new NetException(NetException.Kind.TIMEOUT, ipText, horizon));
    }
    NetException.Kind failure = failure(r);
    return failure == null
        ? TcpOutcome.ok(ipText, r.response(), r.elapsedNanos())
        : TcpOutcome.failed(ipText, new NetException(failure, ipText, r.elapsedNanos()));
  }

  /** One connection carried to its end on the wire, or null when it runs past {@code horizon}. */
  private Netns.TcpResult connect(Netns ns, int ip, int port, byte[] bytes, long horizon) {
    Netns.TcpResult[] result = new Netns.TcpResult[1];
    stack.exchange(
        () -> ns.connect(ip, port, bytes, r -> result[0] = r), () -> result[0] != null, horizon);
    return result[0];
  }

  /** How the client sees a connection's end: null when it went well. */
  private static NetException.Kind failure(Netns.TcpResult r) {
    return switch (r.outcome()) {
      case OK -> null;
      case REFUSED -> NetException.Kind.REFUSED;
      case RESET -> NetException.Kind.RESET;
      case NO_ROUTE -> NetException.Kind.NETWORK_UNREACHABLE;
      case HOST_UNREACHABLE -> NetException.Kind.UNREACHABLE;
      default -> NetException.Kind.TIMEOUT;
    };
  }

  @Override
  public NetAccess.Echo echo(ProcContext from, int ip) {
    return ping(from, ip, 0, 0, 56, 64, NetAccess.PmtuDisc.WANT).echo();
  }

  @Override
  public NetAccess.EchoReply ping(
      ProcContext from, int ip, int id, int seq, int size, int ttl, NetAccess.PmtuDisc pmtu) {
    Netns ns = namespaceOf(from);
    if (ns == null) {
      return new NetAccess.EchoReply(NetAccess.Echo.NO_ROUTE, 0, 0);
    }
    Netns.EchoResult[] result = new Netns.EchoResult[1];
    stack.exchange(
        () -> ns.ping(ip, id, seq, size, ttl, pmtu, r -> result[0] = r),
        () -> result[0] != null,
        ECHO_HORIZON);
    Netns.EchoResult r = result[0];
    if (r == null) {
      ns.forgetEcho(id, seq);
      return new NetAccess.EchoReply(NetAccess.Echo.LOST, 0, 0);
    }
    return switch (r.outcome()) {
      case OK -> new NetAccess.EchoReply(NetAccess.Echo.REPLY, r.rttNanos(), r.ttl());
      case NO_ROUTE -> new NetAccess.EchoReply(NetAccess.Echo.NO_ROUTE, 0, 0);
      case MESSAGE_TOO_LONG ->
          new NetAccess.EchoReply(NetAccess.Echo.MESSAGE_TOO_LONG, 0, 0, r.mtu());
      default -> new NetAccess.EchoReply(NetAccess.Echo.LOST, 0, 0);
    };
  }
}
