package dev.ddlab.session;

/**
 * An HTTP GET that got no answer, named the way curl reports it: "Could not resolve host: x",
 * "Connection refused", "Connection reset by peer", "No route to host".
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

  public PortUnreachable(Kind kind, String host) {
    super(
        switch (kind) {
          case UNRESOLVED -> "Could not resolve host: " + host;
          case REFUSED -> "Connection refused";
          case RESET -> "Connection reset by peer";
          case UNREACHABLE -> "No route to host";
        });
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
