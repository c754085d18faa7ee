package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a service's last update (or rollback) stands. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpdateStatus(
    @JsonProperty("State") @JsonInclude(JsonInclude.Include.NON_EMPTY) String state,
    @JsonProperty("StartedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String startedAt,
    @JsonProperty("CompletedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String completedAt,
    @JsonProperty("Message") @JsonInclude(JsonInclude.Include.NON_EMPTY) String message) {}
