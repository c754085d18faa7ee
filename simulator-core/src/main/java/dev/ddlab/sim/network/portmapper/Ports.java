package dev.ddlab.sim.network.portmapper;

import java.util.Comparator;

/** Port keys as the API writes them ("80/tcp") and host port specs ("8080", "8000-8010", ""). */
public final class Ports {
  private Ports() {}

  /** Orders "80/tcp" before "443/tcp" before "53/udp" by number, then protocol. */
  public static final Comparator<String> COMPARATOR =
      Comparator.comparingInt(Ports::number).thenComparing(Ports::proto);

  public static String normalize(String key) {
    return key.contains("/") ? key : key + "/tcp";
  }

  public static int number(String key) {
    String k = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
    int dash = k.indexOf('-');
    return Integer.parseInt(dash < 0 ? k : k.substring(0, dash));
  }

  public static String proto(String key) {
    return key.contains("/") ? key.substring(key.indexOf('/') + 1) : "tcp";
  }

  /** [first, last] of a host port spec, or null for "any free port". */
  public static int[] range(String spec) {
    if (spec == null || spec.isEmpty() || spec.equals("0")) {
      return null;
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      int p = Integer.parseInt(spec);
      return new int[] {p, p};
    }
    return new int[] {
      Integer.parseInt(spec.substring(0, dash)), Integer.parseInt(spec.substring(dash + 1))
    };
  }
}
