package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A node's state as the dispatcher sees it: ready, down, unknown, disconnected. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeStatus(
    @JsonProperty("State") @JsonInclude(JsonInclude.Include.NON_EMPTY) String state,
    @JsonProperty("Message") @JsonInclude(JsonInclude.Include.NON_EMPTY) String message,
    @JsonProperty("Addr") @JsonInclude(JsonInclude.Include.NON_EMPTY) String addr) {}
