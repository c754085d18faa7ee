package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** How often agents send heartbeats to their manager, in nanoseconds. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DispatcherConfig(
    @JsonProperty("HeartbeatPeriod") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        long heartbeatPeriod) {}
