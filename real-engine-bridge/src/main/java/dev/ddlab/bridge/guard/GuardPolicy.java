package dev.ddlab.bridge.guard;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the guard allows one session: default limits put on every container it creates (and the most
 * a learner may ask for), how many containers, networks and volumes it may own at once, the host
 * address its published ports bind to, and the address ranges its networks may choose subnets in.
 */
public record GuardPolicy(
    String sessionId,
    long memoryBytes,
    long pidsLimit,
    long nanoCpus,
    int maxObjects,
    String publishAddress,
    List<String> subnetPools) {
  public static final long DEFAULT_MEMORY = 512L * 1024 * 1024;
  public static final long DEFAULT_PIDS = 256;
  public static final long DEFAULT_NANO_CPUS = 1_000_000_000L;
  public static final int DEFAULT_MAX_OBJECTS = 60;

  /** Published ports listen on the server's loopback only: nothing of a learner's faces the LAN. */
  public static final String DEFAULT_PUBLISH_ADDRESS = "127.0.0.1";

  /**
   * Subnets a learner may give a network: inside the private dockerd's address pool ({@code
   * --default-address-pool=base=10.215.0.0/16}), so no network can take over a route of the server.
   */
  public static final List<String> DEFAULT_SUBNET_POOLS = List.of("10.215.0.0/16");

  public GuardPolicy {
    if (sessionId == null || !sessionId.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException("session id must be a label-safe word: " + sessionId);
    }
    subnetPools = List.copyOf(subnetPools);
    subnetPools.forEach(Cidr::parse);
    Cidr.address(publishAddress);
  }

  /** The limits and cap given, the default publish address and subnet pools. */
  public GuardPolicy(
      String sessionId, long memoryBytes, long pidsLimit, long nanoCpus, int maxObjects) {
    this(
        sessionId,
        memoryBytes,
        pidsLimit,
        nanoCpus,
        maxObjects,
        DEFAULT_PUBLISH_ADDRESS,
        DEFAULT_SUBNET_POOLS);
  }

  public static GuardPolicy defaults(String sessionId) {
    return new GuardPolicy(
        sessionId, DEFAULT_MEMORY, DEFAULT_PIDS, DEFAULT_NANO_CPUS, DEFAULT_MAX_OBJECTS);
  }

  /**
   * Defaults overridden by DDLAB_GUARD_MEMORY (bytes, or with k/m/g), DDLAB_GUARD_PIDS,
   * DDLAB_GUARD_CPUS (decimal), DDLAB_GUARD_MAX_OBJECTS, DDLAB_GUARD_PUBLISH_ADDRESS and
   * DDLAB_GUARD_SUBNETS (comma-separated CIDRs).
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
    String publish = env.getOrDefault("DDLAB_GUARD_PUBLISH_ADDRESS", d.publishAddress()).trim();
    List<String> pools =
        env.containsKey("DDLAB_GUARD_SUBNETS")
            ? Arrays.stream(env.get("DDLAB_GUARD_SUBNETS").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList()
            : d.subnetPools();
    return new GuardPolicy(sessionId, memory, pids, cpus, max, publish, pools);
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
