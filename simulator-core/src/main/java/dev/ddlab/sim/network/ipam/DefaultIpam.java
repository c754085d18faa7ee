package dev.ddlab.sim.network.ipam;

import dev.ddlab.engine.EngineException;
import dev.ddlab.sim.network.ipamapi.Ipam;
import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.network.types.Subnet;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * libnetwork's default IPAM ({@code ipams/defaultipam}): pools from {@link LocalPools} (the local
 * address space) or 10.0.0.0/8 cut in /24s (the global one), or named by the user, and per pool a
 * bitmap of used addresses where the network and broadcast addresses are never handed out. Pools
 * overlap-check only against pools of their own address space. Addresses are the lowest free ones,
 * as the default (non-serial) allocation gives them.
 */
public final class DefaultIpam implements Ipam {
  private final List<Subnet> defaults;
  private final Map<String, AddressPool> pools = new LinkedHashMap<>();

  public DefaultIpam() {
    this(LocalPools.DEFAULTS);
  }

  public DefaultIpam(List<Subnet> defaults) {
    this.defaults = List.copyOf(defaults);
  }

  /** One pool's bitmap: bit i is the address i places above the network address. */
  private static final class AddressPool {
    final String space;
    final Subnet subnet;
    final Subnet range;
    final BitSet used = new BitSet();

    AddressPool(String space, Subnet subnet, Subnet range) {
      this.space = space;
      this.subnet = subnet;
      this.range = range;
      if (subnet.prefix() < 31) {
        used.set(0);
        used.set(last(subnet));
      }
    }

    int allocate() {
      Subnet from = range == null ? subnet : range;
      int first = (int) subnet.indexOf(from.address());
      int end = Math.min(first + last(from), last(subnet));
      int i = used.nextClearBit(first);
      if (i > end) {
        return 0;
      }
      used.set(i);
      return subnet.at(i);
    }

    /**
     * The highest index, capped where BitSet stops (a /0 pool is not something anyone asks for).
     */
    private static int last(Subnet s) {
      return (int) Math.min(s.size() - 1, Integer.MAX_VALUE - 1);
    }
  }

  @Override
  public Pool requestPool(PoolRequest request) {
    String space = request.addressSpace();
    boolean global = Ipam.GLOBAL_ADDRESS_SPACE.equals(space);
    if (!global && !Ipam.LOCAL_ADDRESS_SPACE.equals(space)) {
      throw EngineException.badRequest("cannot find address space " + space);
    }
    Subnet subnet;
    if (request.pool() != null) {
      subnet = parse(request.pool());
      if (!free(space, subnet)) {
        throw new EngineException(403, "Pool overlaps with other one on this address space");
      }
    } else {
      subnet = global ? firstFreeGlobal() : firstFree(space, defaults);
      if (subnet == null) {
        throw EngineException.badRequest("all predefined address pools have been fully subnetted");
      }
    }
    Subnet range = null;
    if (request.subPool() != null) {
      range = parse(request.subPool());
      if (!subnet.contains(range)) {
        // docker/cli refuses this before it reaches the daemon, in these words
        throw EngineException.badRequest("no matching subnet for range " + request.subPool());
      }
    }
    String id = space + "/" + subnet + (range == null ? "" : "/" + range);
    pools.put(id, new AddressPool(space, subnet, range));
    return new Pool(id, subnet, range);
  }

  private Subnet firstFree(String space, List<Subnet> candidates) {
    return candidates.stream().filter(c -> free(space, c)).findFirst().orElse(null);
  }

  /** ipamutils' global default: 10.0.0.0/8 in /24s, the first one no global pool overlaps. */
  private Subnet firstFreeGlobal() {
    for (int i = 0; i < 1 << 16; i++) {
      Subnet c = new Subnet(Ipv4.parse("10." + (i >> 8) + "." + (i & 255) + ".0"), 24);
      if (free(Ipam.GLOBAL_ADDRESS_SPACE, c)) {
        return c;
      }
    }
    return null;
  }

  private boolean free(String space, Subnet candidate) {
    return pools.values().stream()
        .noneMatch(p -> p.space.equals(space) && p.subnet.overlaps(candidate));
  }

  private static Subnet parse(String cidr) {
    try {
      return Subnet.parse(cidr);
    } catch (IllegalArgumentException e) {
      throw EngineException.badRequest(e.getMessage());
    }
  }

  @Override
  public void releasePool(String poolId) {
    pools.remove(poolId);
  }

  @Override
  public int requestAddress(String poolId, int preferred) {
    AddressPool p = pool(poolId);
    if (preferred == 0) {
      return p.allocate();
    }
    if (!p.subnet.contains(preferred)) {
      throw EngineException.badRequest(
          "Invalid address "
              + Ipv4.format(preferred)
              + ": It does not belong to any of this network's subnets");
    }
    int i = (int) p.subnet.indexOf(preferred);
    if (p.used.get(i)) {
      throw EngineException.badRequest("Address already in use");
    }
    p.used.set(i);
    return preferred;
  }

  @Override
  public void releaseAddress(String poolId, int address) {
    AddressPool p = pools.get(poolId);
    if (p != null && p.subnet.contains(address)) {
      int i = (int) p.subnet.indexOf(address);
      if (p.subnet.prefix() >= 31 || (i != 0 && i != AddressPool.last(p.subnet))) {
        p.used.clear(i);
      }
    }
  }

  private AddressPool pool(String poolId) {
    AddressPool p = pools.get(poolId);
    if (p == null) {
      throw EngineException.notFound("cannot find address pool for poolID:" + poolId);
    }
    return p;
  }
}
