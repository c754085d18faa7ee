package dev.ddlab.sim.network.driverapi;

/**
 * libnetwork's {@code driverapi.Capability}: where a driver's networks are known ({@code local} to
 * one node, {@code global}/{@code swarm} to a cluster) and how far they connect.
 */
public record Capability(String dataScope, String connectivityScope) {
  public static final Capability LOCAL = new Capability("local", "local");
}
