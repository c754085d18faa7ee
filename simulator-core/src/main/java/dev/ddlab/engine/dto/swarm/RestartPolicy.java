package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * When the orchestrator replaces a finished task: none, on-failure, any; delay and window in
 * nanoseconds.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestartPolicy(
    @JsonProperty("Condition") @JsonInclude(JsonInclude.Include.NON_EMPTY) String condition,
    @JsonProperty("Delay") @JsonInclude(JsonInclude.Include.NON_EMPTY) Long delay,
    @JsonProperty("MaxAttempts") @JsonInclude(JsonInclude.Include.NON_EMPTY) Long maxAttempts,
    @JsonProperty("Window") @JsonInclude(JsonInclude.Include.NON_EMPTY) Long window) {}
