package dev.ddlab.sim.network.driverapi;

import java.util.List;

/**
 * libnetwork's {@code driverapi.Driver}: what a network driver does when the controller asks,
 * always by network ID ({@code nid}) and endpoint ID ({@code eid}) — drivers never see names or
 * containers. Errors are {@link dev.ddlab.engine.EngineException}s with the daemon's text.
 */
public interface Driver {
  /** The driver's name, as {@code docker network create -d} takes it. */
  String type();

  Capability capability();

  /**
   * Whether networks of this driver get address pools. libnetwork spells this out for its two
   * special drivers ({@code host} and {@code null}, {@code network.hasSpecialDriver}); here each
   * driver says it.
   */
  default boolean usesIpam() {
    return true;
  }

  /** A network is made: {@code ipv4} holds its pool and gateway (empty without IPAM). */
  void createNetwork(String nid, NetworkOptions options, List<IpamData> ipv4);

  void deleteNetwork(String nid);

  /**
   * An endpoint is made on network {@code nid}; {@code iface} (null for drivers without interfaces)
   * carries the address IPAM gave it, and the driver sets its MAC address.
   */
  void createEndpoint(String nid, String eid, InterfaceInfo iface);

  void deleteEndpoint(String nid, String eid);

  /** The endpoint joins the sandbox at {@code sandboxKey}: the driver fills {@code info}. */
  void join(String nid, String eid, String sandboxKey, JoinInfo info);

  void leave(String nid, String eid);
}
