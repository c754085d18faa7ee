package dev.ddlab.sim.network.driverapi;

import dev.ddlab.engine.EngineException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * libnetwork's {@code drvregistry}: network drivers by name. A name no driver is registered under
 * is looked for among plugins, and there are none, so it fails as dockerd does.
 */
public final class DriverRegistry {
  private final Map<String, Driver> drivers = new LinkedHashMap<>();

  /**
   * @throws IllegalStateException when a driver of that name is registered already
   */
  public void register(Driver driver) {
    if (drivers.putIfAbsent(driver.type(), driver) != null) {
      throw new IllegalStateException("driver " + driver.type() + " already registered");
    }
  }

  public Optional<Driver> driver(String type) {
    return Optional.ofNullable(drivers.get(type));
  }

  /**
   * @throws EngineException 404 {@code could not find plugin NAME in v1 plugin registry: plugin not
   *     found}
   */
  public Driver require(String type) {
    Driver d = drivers.get(type);
    if (d == null) {
      throw EngineException.notFound(
          "could not find plugin " + type + " in v1 plugin registry: plugin not found");
    }
    return d;
  }

  /** Registered names, in registration order. */
  public List<String> types() {
    return new ArrayList<>(drivers.keySet());
  }
}
