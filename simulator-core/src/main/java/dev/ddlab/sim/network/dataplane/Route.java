package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.types.Subnet;

/**
 * A route of a namespace's main table: destination, gateway (0 for on-link), device, preferred
 * source (0 for none), as {@code ip route} shows them ("default via G dev eth0", "S dev eth0 proto
 * kernel scope link src A").
 */
public record Route(Subnet destination, int gateway, NetDevice device, int source) {
  public boolean isDefault() {
    return destination.prefix() == 0;
  }
}
