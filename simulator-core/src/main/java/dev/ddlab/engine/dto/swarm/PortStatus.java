package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Ports a task publishes in host mode. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortStatus(
    @JsonProperty("Ports") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PortConfig> ports) {}
