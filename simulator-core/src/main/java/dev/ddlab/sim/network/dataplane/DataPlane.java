package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.NetAccess;
import dev.ddlab.sim.runtime.ProcContext;

/**
 * What carries the traffic of processes once names are resolved: the socket calls a process in
 * {@code from} makes towards an IPv4 address. The controller answers name lookups itself (its
 * resolver) and hands everything else here, so one implementation replaces another in one place.
 *
 * <p>Today's implementation looks the answer up in the controller's state. The packet-level data
 * plane (issue 11) will send real frames through veths, bridges, routes and NAT on virtual time,
 * behind this same interface.
 */
public interface DataPlane {
  /**
   * A TCP connection to {@code ip:port} carrying one HTTP exchange.
   *
   * @throws dev.ddlab.sim.runtime.NetException REFUSED, RESET or UNREACHABLE, as the client would
   *     see them
   */
  HttpResponse http(ProcContext from, int ip, int port, HttpRequest request);

  /** What an ICMP echo request to {@code ip} meets. */
  NetAccess.Echo echo(ProcContext from, int ip);
}
