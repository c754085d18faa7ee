package dev.ddlab.bridge.guard;

import java.util.Map;

/**
 * What the guard allows one session: default limits put on every container it creates (and the most
 * a learner may ask for), and how many containers, networks and volumes it may own at once.
 */
public record GuardPolicy(
    String sessionId, long memoryBytes, long pidsLimit, long nanoCpus, int maxObjects) {
  public static final long DEFAULT_MEMORY = 512L * 1024 * 1024;
  public static final long DEFAULT_PIDS = 256;
  public static final long DEFAULT_NANO_CPUS = 1_000_000_000L;
  public static final int DEFAULT_MAX_OBJECTS = 60;

  public GuardPolicy {
    if (sessionId == null || !sessionId.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException("session id must be a label-safe word: " + sessionId);
    }
  }

  public static GuardPolicy defaults(String sessionId) {
    return new GuardPolicy(
        sessionId, DEFAULT_MEMORY, DEFAULT_PIDS, DEFAULT_NANO_CPUS, DEFAULT_MAX_OBJECTS);
  }

  /**
   * Defaults overridden by DDLAB_GUARD_MEMORY (bytes, or with k/m/g), DDLAB_GUARD_PIDS,
   * DDLAB_GUARD_CPUS (decimal) and DDLAB_GUARD_MAX_OBJECTS.
   */
  public static GuardPolicy fromEnvironment(String sessionId, Map<String, String> env) {
    GuardPolicy d = defaults(sessionId);
    long memory =
        env.containsKey("DDLAB_GUARD_MEMORY")
            ? parseBytes(env.get("DDLAB_GUARD_MEMORY"))
            : d.memoryBytes();
    long pids =
        env.containsKey("DDLAB_GUARD_PIDS")
            ? Long.parseLong(env.get("DDLAB_GUARD_PIDS").trim())
            : d.pidsLimit();
    long cpus =
        env.containsKey("DDLAB_GUARD_CPUS")
            ? Math.round(Double.parseDouble(env.get("DDLAB_GUARD_CPUS").trim()) * 1e9)
            : d.nanoCpus();
    int max =
        env.containsKey("DDLAB_GUARD_MAX_OBJECTS")
            ? Integer.parseInt(env.get("DDLAB_GUARD_MAX_OBJECTS").trim())
            : d.maxObjects();
    return new GuardPolicy(sessionId, memory, pids, cpus, max);
  }

  /** "512m", "1g", "65536" → bytes (docker's --memory units, binary multiples). */
  public static long parseBytes(String text) {
    String t = text.trim().toLowerCase();
    long mult = 1;
    char last = t.isEmpty() ? '0' : t.charAt(t.length() - 1);
    if (last == 'b') {
      t = t.substring(0, t.length() - 1);
      last = t.isEmpty() ? '0' : t.charAt(t.length() - 1);
    }
    switch (last) {
      case 'k' -> mult = 1024L;
      case 'm' -> mult = 1024L * 1024;
      case 'g' -> mult = 1024L * 1024 * 1024;
      default -> mult = 1;
    }
    if (mult != 1) {
      t = t.substring(0, t.length() - 1);
    }
    return Math.round(Double.parseDouble(t) * mult);
  }
}
