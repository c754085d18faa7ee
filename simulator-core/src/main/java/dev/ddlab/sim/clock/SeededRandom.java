package dev.ddlab.sim.clock;

import java.util.SplittableRandom;

/**
 * The simulator's only source of randomness: seeded, so the same seed and inputs give the same IDs,
 * names and timeouts. {@link #fork(String)} gives an independent stream per purpose so that adding
 * a draw in one subsystem does not shift another's.
 */
public final class SeededRandom {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final long seed;
  private final SplittableRandom random;

  public SeededRandom(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  public long seed() {
    return seed;
  }

  /** An independent stream derived from this seed and a purpose name. */
  public SeededRandom fork(String purpose) {
    return new SeededRandom(seed * 31 + purpose.hashCode() * 0x9E3779B97F4A7C15L);
  }

  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** Uniform in [origin, bound). */
  public int nextInt(int origin, int bound) {
    return random.nextInt(origin, bound);
  }

  public long nextLong() {
    return random.nextLong();
  }

  public double nextDouble() {
    return random.nextDouble();
  }

  /** n lowercase hex digits, as in container and exec IDs. */
  public String hex(int n) {
    char[] digits = new char[n];
    for (int i = 0; i < n; i++) {
      digits[i] = HEX[random.nextInt(16)];
    }
    return new String(digits);
  }

  /** n lowercase letters and digits, as BuildKit's IDs (cache records, sessions). */
  public String alnum(int n) {
    String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = chars.charAt(random.nextInt(chars.length()));
    }
    return new String(out);
  }

  /** A random (version 4) UUID in its usual text form. */
  public String uuid() {
    String h = hex(32);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-4"
        + h.substring(13, 16)
        + "-a"
        + h.substring(17, 20)
        + "-"
        + h.substring(20);
  }

  public <T> T pick(java.util.List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
