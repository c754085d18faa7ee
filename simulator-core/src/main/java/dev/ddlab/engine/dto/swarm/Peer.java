package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A manager an agent knows (docker info's Manager Addresses). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Peer(@JsonProperty("NodeID") String nodeId, @JsonProperty("Addr") String addr) {}
