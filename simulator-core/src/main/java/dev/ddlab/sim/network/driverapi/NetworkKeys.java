package dev.ddlab.sim.network.driverapi;

import dev.ddlab.sim.clock.SeededRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The swarm's network encryption keys as every node's overlay driver gets them from the control
 * plane (swarmkit's key manager for the IPsec subsystem, rotated every 12 hours; libnetwork's
 * {@code SetNetworkBootstrapKeys}/{@code updateKeys}): a 16-byte AES key per rotation, drawn from
 * the session's seed in order, each tagged with its Lamport time (1 for the first, then one more
 * per rotation). Time counts from the first use. Shared by the nodes of one cluster.
 */
public final class NetworkKeys {
  /** swarmkit's default key rotation interval. */
  public static final long ROTATION_NANOS = 12L * 3600 * 1_000_000_000L;

  /** How many keys a node accepts on receipt: the current one and the two before it. */
  public static final int KEPT = 3;

  private SeededRandom random;
  private final List<byte[]> keys = new ArrayList<>();
  private long start = -1;

  /** The random source the keys are drawn from; only the first call counts. */
  public void seed(SeededRandom r) {
    if (random == null) {
      random = r.fork("network-keys");
    }
  }

  /** The rotation in force at {@code nowNanos} (0 for the first key). */
  public int rotation(long nowNanos) {
    if (start < 0) {
      start = nowNanos;
    }
    return (int) Math.max(0, (nowNanos - start) / ROTATION_NANOS);
  }

  /** The key of rotation {@code n}. */
  public byte[] key(int n) {
    while (keys.size() <= n) {
      byte[] k = new byte[16];
      for (int i = 0; i < k.length; i += 8) {
        long v = random == null ? 0 : random.nextLong();
        for (int j = 0; j < 8; j++) {
          k[i + j] = (byte) (v >>> (56 - 8 * j));
        }
      }
      keys.add(k);
    }
    return keys.get(n).clone();
  }

  /** The Lamport time the key of rotation {@code n} is tagged with. */
  public static int tag(int n) {
    return n + 1;
  }
}
