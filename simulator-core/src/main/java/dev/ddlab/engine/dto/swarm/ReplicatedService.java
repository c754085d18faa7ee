package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Mode.Replicated: how many tasks. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplicatedService(
    @JsonProperty("Replicas") @JsonInclude(JsonInclude.Include.NON_EMPTY) Long replicas) {}
