package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The tokens that join a node as a worker or as a manager. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JoinTokens(
    @JsonProperty("Worker") String worker, @JsonProperty("Manager") String manager) {}
