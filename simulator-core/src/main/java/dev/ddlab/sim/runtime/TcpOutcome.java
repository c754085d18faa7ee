package dev.ddlab.sim.runtime;

/**
 * What one raw TCP exchange came to ({@code nc}): the address connected to, the bytes the server
 * sent before it closed, or the failure as the client sees it, and the virtual time it took on the
 * wire.
 */
public record TcpOutcome(String ip, byte[] data, NetException failure, long elapsedNanos) {
  public static TcpOutcome ok(String ip, byte[] data, long elapsedNanos) {
    return new TcpOutcome(ip, data, null, elapsedNanos);
  }

  /** A failure; {@code ip} is the address tried (null when the name did not resolve). */
  public static TcpOutcome failed(String ip, NetException failure) {
    return new TcpOutcome(ip, new byte[0], failure, failure.elapsedNanos());
  }
}
