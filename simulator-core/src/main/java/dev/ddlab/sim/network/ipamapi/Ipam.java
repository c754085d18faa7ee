package dev.ddlab.sim.network.ipamapi;

import dev.ddlab.sim.network.types.Subnet;

/**
 * libnetwork's {@code ipamapi.Ipam}: address pools and the addresses in them, knowing nothing of
 * drivers, networks or containers. Errors are the daemon's ({@link
 * dev.ddlab.engine.EngineException} with the text Docker prints).
 */
public interface Ipam {
  /** The address space of networks that live on one host. */
  String LOCAL_ADDRESS_SPACE = "LocalDefault";

  /**
   * The address space of multi-host (global-scope) networks: a pool there may overlap one of a
   * local network, as libnetwork's {@code deriveAddressSpace} keeps the two apart.
   */
  String GLOBAL_ADDRESS_SPACE = "GlobalDefault";

  /**
   * RequestPool: the pool {@code request.pool()} when the user named one (it must not overlap a
   * pool allocated in the same address space), otherwise the first default pool of that space that
   * overlaps none.
   */
  Pool requestPool(PoolRequest request);

  void releasePool(String poolId);

  /**
   * RequestAddress: {@code preferred} when it is not 0, otherwise the lowest free address (of the
   * sub-pool when the pool has one).
   *
   * @return the address, or 0 when none is left (the caller names the network in its error, as
   *     libnetwork's endpoint does)
   */
  int requestAddress(String poolId, int preferred);

  void releaseAddress(String poolId, int address);

  /**
   * What {@link #requestPool} asks for: the address space, a CIDR pool and sub-pool, each null for
   * "any".
   */
  record PoolRequest(String addressSpace, String pool, String subPool) {
    /** A pool of the local address space. */
    public PoolRequest(String pool, String subPool) {
      this(LOCAL_ADDRESS_SPACE, pool, subPool);
    }

    public static PoolRequest any() {
      return new PoolRequest(null, null);
    }
  }

  /**
   * An allocated pool: its ID for later requests, the network and the range addresses come from.
   */
  record Pool(String id, Subnet subnet, Subnet range) {}
}
