package dev.ddlab.session;

/**
 * An HTTP GET from a node that got no answer: why (the kinds curl tells apart), to which host, and
 * the reason as the connecting side worded it ("Connection refused", "Could not resolve host: x").
 */
public final class PortUnreachable extends RuntimeException {
  /** Why nothing answered. */
  public enum Kind {
    UNRESOLVED,
    REFUSED,
    RESET,
    UNREACHABLE,
    /** The machine has no route to the address (ENETUNREACH). */
    NETWORK_UNREACHABLE,
    /** Nothing answered the connection before the client gave up (ETIMEDOUT). */
    TIMEOUT
  }

  private final Kind kind;
  private final String host;
  private final long elapsedNanos;

  public PortUnreachable(Kind kind, String host, String reason) {
    this(kind, host, reason, 0);
  }

  /** With the virtual time the attempt took on a simulated network. */
  public PortUnreachable(Kind kind, String host, String reason, long elapsedNanos) {
    super(reason);
    this.kind = kind;
    this.host = host;
    this.elapsedNanos = elapsedNanos;
  }

  public long elapsedNanos() {
    return elapsedNanos;
  }

  public Kind kind() {
    return kind;
  }

  public String host() {
    return host;
  }
}
