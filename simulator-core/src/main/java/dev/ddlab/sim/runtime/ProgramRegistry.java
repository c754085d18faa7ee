package dev.ddlab.sim.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Programs by name. Each simulated node has one; subsystems register what they implement (shells
 * and busybox applets, daemons such as nginx and redis-server, sleep …) at node creation.
 */
public final class ProgramRegistry {
  private final Map<String, Supplier<Program>> programs = new TreeMap<>();

  public ProgramRegistry register(String name, Supplier<Program> factory) {
    programs.put(name, factory);
    return this;
  }

  public Optional<Program> create(String name) {
    Supplier<Program> f = programs.get(name);
    return f == null ? Optional.empty() : Optional.of(f.get());
  }

  public boolean has(String name) {
    return programs.containsKey(name);
  }

  public java.util.Set<String> names() {
    return programs.keySet();
  }
}
