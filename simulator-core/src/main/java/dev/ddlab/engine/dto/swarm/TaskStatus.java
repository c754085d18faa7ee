package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A task's observed state, with when and why it got there. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskStatus(
    @JsonProperty("Timestamp") @JsonInclude(JsonInclude.Include.NON_EMPTY) String timestamp,
    @JsonProperty("State") @JsonInclude(JsonInclude.Include.NON_EMPTY) String state,
    @JsonProperty("Message") @JsonInclude(JsonInclude.Include.NON_EMPTY) String message,
    @JsonProperty("Err") @JsonInclude(JsonInclude.Include.NON_EMPTY) String err,
    @JsonProperty("ContainerStatus") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        ContainerStatus containerStatus,
    @JsonProperty("PortStatus") PortStatus portStatus) {}
