package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.runtime.HttpOutcome;
import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.NetAccess;
import dev.ddlab.sim.runtime.ProcContext;

/**
 * What carries the traffic of processes once names are resolved: the socket calls a process in
 * {@code from} makes towards an IPv4 address. The controller answers name lookups itself (its
 * resolver) and hands everything else here. The implementation sends real frames through the node's
 * {@link NetStack}.
 */
public interface DataPlane {
  /**
   * A TCP connection to {@code ip:port} carrying one HTTP exchange, and the virtual time it took; a
   * failure is REFUSED, RESET, UNREACHABLE, NETWORK_UNREACHABLE or TIMEOUT, as the client would see
   * it.
   */
  HttpOutcome http(ProcContext from, int ip, int port, HttpRequest request);

  /**
   * A TCP connection to {@code ip:port} that sends {@code data} and collects the server's bytes
   * until it closes (nothing to send: connect and close), given up after {@code limitNanos} (the
   * connection goes, as a close() while connecting); failures as {@link #http}'s.
   */
  dev.ddlab.sim.runtime.TcpOutcome stream(
      ProcContext from, int ip, int port, byte[] data, long limitNanos);

  /** What an ICMP echo request to {@code ip} meets. */
  NetAccess.Echo echo(ProcContext from, int ip);

  /**
   * One echo request with its identifier, sequence, data size and TTL from a socket with the
   * IP_MTU_DISCOVER setting {@code pmtu}, and what came back.
   */
  NetAccess.EchoReply ping(
      ProcContext from, int ip, int id, int seq, int size, int ttl, NetAccess.PmtuDisc pmtu);

  /** Whether {@code from} has a route to the internet (a default route out of its namespace). */
  boolean reachesInternet(ProcContext from);

  /** The namespace a process's packets leave from (the host's for host processes), or null. */
  Netns namespaceOf(ProcContext from);
}
