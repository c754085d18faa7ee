package dev.ddlab.sim.network.drivers;

import dev.ddlab.sim.network.dataplane.HostLinks;
import dev.ddlab.sim.network.driverapi.DriverRegistry;
import dev.ddlab.sim.network.driverapi.PeerTable;
import dev.ddlab.sim.network.portmapper.PortMapper;

/**
 * The drivers a node's daemon starts with (libnetwork's {@code drivers_linux.go}): bridge, host,
 * null, macvlan, and overlay, whose networks only a swarm makes (the controller refuses them
 * otherwise).
 */
public final class BuiltinDrivers {
  private BuiltinDrivers() {}

  public static DriverRegistry registry(HostLinks host, PortMapper ports) {
    return registry(host, ports, new PeerTable(), 0);
  }

  /**
   * The drivers of a node at {@code local} on the underlay, with overlay, whose peers come from
   * {@code peers} (the cluster's control plane).
   */
  public static DriverRegistry registry(
      HostLinks host, PortMapper ports, PeerTable peers, int local) {
    DriverRegistry r = new DriverRegistry();
    r.register(new BridgeDriver(host, ports));
    r.register(new HostDriver());
    r.register(new NullDriver());
    r.register(new MacvlanDriver(host));
    r.register(new OverlayDriver(host, peers, local));
    return r;
  }
}
