package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A network a service's tasks join, with aliases. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkAttachmentConfig(
    @JsonProperty("Target") String target,
    @JsonProperty("Aliases") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> aliases,
    @JsonProperty("DriverOpts") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> driverOpts) {}
