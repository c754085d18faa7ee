package dev.ddlab.sim.network;

import dev.ddlab.engine.EngineException;
import dev.ddlab.sim.network.drivers.BridgeDriver;
import dev.ddlab.sim.network.ipamapi.Ipam;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.network.types.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * libnetwork's ipamAllocateVersion for one network's IPv4 config: the pool (the configured subnet
 * and range, or the first free default pool), the gateway, then the auxiliary addresses, which must
 * lie in the pool and are reserved so that no container is handed one (an address outside the range
 * stays unreserved, as libnetwork silences ErrIPOutOfRange). On failure nothing stays allocated.
 */
final class NetworkIpam {
  private NetworkIpam() {}

  /** What the network holds from IPAM: its pool and gateway. */
  record Allocation(Ipam.Pool pool, int gateway) {}

  /**
   * The daemon's getIpamConfig (every subnet must parse), each config's Validate (a gateway must be
   * an address), and the bridge driver's one subnet, before anything is allocated. macvlan takes
   * the first subnet only (in the controller); overlay takes them all.
   */
  static void check(List<dev.ddlab.engine.dto.Ipam.Config> configs, String driver) {
    if (configs == null) {
      return;
    }
    for (dev.ddlab.engine.dto.Ipam.Config c : configs) {
      try {
        Subnet.parse(c.subnet());
      } catch (IllegalArgumentException e) {
        throw EngineException.serverError(
            "Invalid subnet " + (c.subnet() == null ? "" : c.subnet()) + " : " + e.getMessage());
      }
      if (!blank(c.gateway()) && !Ipv4.isAddress(c.gateway())) {
        throw EngineException.badRequest(
            "invalid gateway address " + c.gateway() + " in Ipam configuration");
      }
    }
    if (configs.size() > 1 && driver.equals(BridgeDriver.TYPE)) {
      throw new EngineException(403, "bridge driver doesn't support multiple subnets");
    }
  }

  /**
   * libnetwork's ipamAllocateVersion: a pool per config, in order (one from the default pools when
   * there is none), in the address space {@code space} (deriveAddressSpace: the global one for a
   * multi-host network). On failure the pools already taken go back.
   */
  static List<Allocation> allocate(
      Ipam ipam, String space, String networkName, List<dev.ddlab.engine.dto.Ipam.Config> configs) {
    List<Allocation> out = new ArrayList<>();
    try {
      if (configs == null || configs.isEmpty()) {
        out.add(allocate(ipam, space, networkName, (dev.ddlab.engine.dto.Ipam.Config) null));
      } else {
        for (dev.ddlab.engine.dto.Ipam.Config c : configs) {
          out.add(allocate(ipam, space, networkName, c));
        }
      }
      return out;
    } catch (RuntimeException e) {
      release(ipam, out);
      throw e;
    }
  }

  static void release(Ipam ipam, List<Allocation> pools) {
    for (Allocation a : pools) {
      ipam.releasePool(a.pool().id());
    }
  }

  /**
   * libnetwork's endpoint ipamAllocateVersion: the address asked for from the pool that contains it
   * ({@code Invalid address X: It does not belong to any of this network's subnets} when none
   * does), else the first pool with one free; 0 when none has.
   */
  static int endpointAddress(Ipam ipam, List<Allocation> pools, int wanted) {
    for (Allocation a : pools) {
      if (wanted != 0 && !a.pool().subnet().contains(wanted)) {
        continue;
      }
      int got = ipam.requestAddress(a.pool().id(), wanted);
      if (got != 0) {
        return got;
      }
      if (wanted != 0) {
        break;
      }
    }
    if (wanted != 0) {
      throw EngineException.badRequest(
          "Invalid address "
              + Ipv4.format(wanted)
              + ": It does not belong to any of this network's subnets");
    }
    return 0;
  }

  private static Allocation allocate(
      Ipam ipam, String space, String networkName, dev.ddlab.engine.dto.Ipam.Config config) {
    String subnet = config == null ? null : config.subnet();
    String range = subnet == null ? null : config.ipRange();
    Ipam.Pool pool = ipam.requestPool(new Ipam.PoolRequest(space, subnet, range));
    try {
      String wanted = subnet == null ? null : config.gateway();
      int gateway = ipam.requestAddress(pool.id(), blank(wanted) ? 0 : address(wanted));
      if (config != null && config.auxiliaryAddresses() != null) {
        // sorted: Go walks the map in random order; this is one of the orders it may take
        for (Map.Entry<String, String> a : new TreeMap<>(config.auxiliaryAddresses()).entrySet()) {
          reserveAux(ipam, pool, networkName, a.getKey(), a.getValue());
        }
      }
      return new Allocation(pool, gateway);
    } catch (RuntimeException e) {
      ipam.releasePool(pool.id());
      throw e;
    }
  }

  private static void reserveAux(
      Ipam ipam, Ipam.Pool pool, String networkName, String key, String value) {
    String pair = "(" + key + ":" + value + ")";
    if (!Ipv4.isAddress(value)) {
      throw EngineException.badRequest(
          "non parsable secondary ip address " + pair + " passed for network " + networkName);
    }
    int ip = Ipv4.parse(value);
    if (!pool.subnet().contains(ip)) {
      throw new EngineException(
          403, "auxiliary address: " + pair + " must belong to the master pool: " + pool.subnet());
    }
    if (pool.range() != null && !pool.range().contains(ip)) {
      return;
    }
    try {
      ipam.requestAddress(pool.id(), ip);
    } catch (EngineException e) {
      throw EngineException.serverError(
          "failed to allocate secondary ip address " + pair + ": " + e.getMessage());
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }

  /** An address typed by the user. */
  static int address(String text) {
    try {
      return Ipv4.parse(text);
    } catch (IllegalArgumentException e) {
      throw EngineException.badRequest("invalid IPv4 address: " + text);
    }
  }
}
