package dev.ddlab.sim.network.drivers;

/** libnetwork's {@code drivers/host}: containers share the node's network namespace. */
public final class HostDriver extends OneInstanceDriver {
  public static final String TYPE = "host";

  @Override
  public String type() {
    return TYPE;
  }
}
