package dev.ddlab.sim.runtime;

/**
 * A failed connection from a simulated process, named the way clients report it: curl says "Could
 * not resolve host", "Connection refused", "Connection reset by peer", "No route to host", "Network
 * is unreachable", "Connection timed out" (glibc's strerror texts; musl's differ). It carries how
 * long the attempt took on the virtual clock (curl prints "after N ms").
 */
public class NetException extends RuntimeException {
  public enum Kind {
    UNRESOLVED,
    REFUSED,
    RESET,
    /** EHOSTUNREACH: nobody answered ARP, or an ICMP host unreachable came back. */
    UNREACHABLE,
    /** ENETUNREACH: the namespace has no route to the address. */
    NETWORK_UNREACHABLE,
    /** ETIMEDOUT: the SYN went unanswered (dropped by Docker's isolation, or nobody there). */
    TIMEOUT
  }

  private final Kind kind;
  private final String host;
  private final long elapsedNanos;

  public NetException(Kind kind, String host) {
    this(kind, host, 0);
  }

  public NetException(Kind kind, String host, long elapsedNanos) {
    super(
        switch (kind) {
          case UNRESOLVED -> "Could not resolve host: " + host;
          case REFUSED -> "Connection refused";
          case RESET -> "Connection reset by peer";
          case UNREACHABLE -> "No route to host";
          case NETWORK_UNREACHABLE -> "Network is unreachable";
          case TIMEOUT -> "Connection timed out";
        });
    this.kind = kind;
    this.host = host;
    this.elapsedNanos = elapsedNanos;
  }

  public Kind kind() {
    return kind;
  }

  public String host() {
    return host;
  }

  /** Virtual time the attempt took before it failed. */
  public long elapsedNanos() {
    return elapsedNanos;
  }
}
