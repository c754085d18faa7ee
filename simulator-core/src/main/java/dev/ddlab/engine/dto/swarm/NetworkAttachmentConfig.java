package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A network a service's tasks join, with aliases. {@code Addresses} is swarmkit's field of the same
 * object (a standalone container's {@code --ip}, asked with its network attachment); moby's API
 * type has no such field, so it shows only on an attachment task that asked for an address.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkAttachmentConfig(
    @JsonProperty("Target") String target,
    @JsonProperty("Aliases") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> aliases,
    @JsonProperty("DriverOpts") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> driverOpts,
    @JsonProperty("Addresses") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> addresses) {
  public NetworkAttachmentConfig(
      String target, List<String> aliases, Map<String, String> driverOpts) {
    this(target, aliases, driverOpts, null);
  }
}
