package dev.ddlab.sim.network.drivers;

import dev.ddlab.sim.network.dataplane.HostLinks;
import dev.ddlab.sim.network.driverapi.DriverRegistry;
import dev.ddlab.sim.network.portmapper.PortMapper;

/**
 * The drivers a node's daemon starts with (libnetwork's {@code drivers_linux.go}): bridge, host,
 * null and macvlan. The overlay driver joins them with Swarm.
 */
public final class BuiltinDrivers {
  private BuiltinDrivers() {}

  public static DriverRegistry registry(HostLinks host, PortMapper ports) {
    DriverRegistry r = new DriverRegistry();
    r.register(new BridgeDriver(host, ports));
    r.register(new HostDriver());
    r.register(new NullDriver());
    r.register(new MacvlanDriver(host));
    return r;
  }
}
