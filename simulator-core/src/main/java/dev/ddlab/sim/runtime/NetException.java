package dev.ddlab.sim.runtime;

/**
 * A failed connection from a simulated process, named the way clients report it: curl says "Could
 * not resolve host", "Connection refused", "Connection reset by peer", "No route to host".
 */
public class NetException extends RuntimeException {
  public enum Kind {
    UNRESOLVED,
    REFUSED,
    RESET,
    UNREACHABLE
  }

  private final Kind kind;
  private final String host;

  public NetException(Kind kind, String host) {
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
