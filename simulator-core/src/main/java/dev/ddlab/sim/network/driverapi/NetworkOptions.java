package dev.ddlab.sim.network.driverapi;

import java.util.Map;

/**
 * What a driver learns of a new network besides its ID: the {@code -o} options ({@code
 * netlabel.GenericData}) and whether it is {@code --internal}.
 */
public record NetworkOptions(Map<String, String> generic, boolean internal) {
  public NetworkOptions {
    generic = generic == null ? Map.of() : Map.copyOf(generic);
  }

  public String option(String key, String otherwise) {
    return generic.getOrDefault(key, otherwise);
  }
}
