package dev.ddlab.sim.network.drivers;

import dev.ddlab.engine.EngineException;
import dev.ddlab.sim.network.driverapi.Capability;
import dev.ddlab.sim.network.driverapi.Driver;
import dev.ddlab.sim.network.driverapi.InterfaceInfo;
import dev.ddlab.sim.network.driverapi.IpamData;
import dev.ddlab.sim.network.driverapi.JoinInfo;
import dev.ddlab.sim.network.driverapi.NetworkOptions;
import java.util.List;

/**
 * The two drivers that own no addresses and allow a single network, the predefined one: {@code
 * host} (containers use the node's own namespace) and {@code null} (a namespace with only the
 * loopback). Their endpoints bring no interface.
 */
abstract class OneInstanceDriver implements Driver {
  private String network;

  @Override
  public Capability capability() {
    return Capability.LOCAL;
  }

  @Override
  public boolean usesIpam() {
    return false;
  }

  @Override
  public void createNetwork(String nid, NetworkOptions options, List<IpamData> ipv4) {
    if (network != null) {
      throw new EngineException(403, "only one instance of \"" + type() + "\" network is allowed");
    }
    network = nid;
  }

  @Override
  public void deleteNetwork(String nid) {
    if (nid.equals(network)) {
      network = null;
    }
  }

  @Override
  public void createEndpoint(String nid, String eid, InterfaceInfo iface) {}

  @Override
  public void deleteEndpoint(String nid, String eid) {}

  @Override
  public void join(String nid, String eid, String sandboxKey, JoinInfo info) {}

  @Override
  public void leave(String nid, String eid) {}
}
