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
    UNREACHABLE
  }

  private final Kind kind;
  private final String host;

  public PortUnreachable(Kind kind, String host, String reason) {
    super(reason);
    this.kind = kind;
    this.host = host;
  }

  public Kind kind() {
    return kind;
  }

  public String host() {
    return host;
  }
}
