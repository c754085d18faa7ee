package dev.ddlab.sim.network.drivers;

/** libnetwork's {@code drivers/null}: the container's namespace keeps only its loopback. */
public final class NullDriver extends OneInstanceDriver {
  public static final String TYPE = "null";

  @Override
  public String type() {
    return TYPE;
  }
}
