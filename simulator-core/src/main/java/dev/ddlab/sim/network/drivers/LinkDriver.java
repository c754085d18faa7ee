package dev.ddlab.sim.network.drivers;

import dev.ddlab.sim.network.driverapi.Capability;
import dev.ddlab.sim.network.driverapi.Driver;
import dev.ddlab.sim.network.driverapi.InterfaceInfo;
import dev.ddlab.sim.network.driverapi.JoinInfo;
import dev.ddlab.sim.network.types.Ipv4;
import java.util.HashMap;
import java.util.Map;

/**
 * Drivers whose endpoints bring an interface into the sandbox (bridge and macvlan; overlay will be
 * one): its MAC is Docker's {@code 02:42} + the IPv4 address ({@code netutils.GenerateMACFromIP},
 * as each such libnetwork driver does), and joining gives the network's gateway as default route
 * unless the network offers none.
 */
abstract class LinkDriver implements Driver {
  private final Map<String, Integer> gateways = new HashMap<>();

  @Override
  public Capability capability() {
    return Capability.LOCAL;
  }

  /** What joining network {@code nid} routes through: its gateway, or 0 for no way out. */
  protected void defaultRoute(String nid, int gateway) {
    gateways.put(nid, gateway);
  }

  protected void forget(String nid) {
    gateways.remove(nid);
  }

  @Override
  public void createEndpoint(String nid, String eid, InterfaceInfo iface) {
    iface.setMacAddress(Ipv4.mac(iface.address()));
  }

  @Override
  public void deleteEndpoint(String nid, String eid) {}

  @Override
  public void join(String nid, String eid, String sandboxKey, JoinInfo info) {
    info.setGateway(gateways.getOrDefault(nid, 0));
  }

  @Override
  public void leave(String nid, String eid) {}
}
