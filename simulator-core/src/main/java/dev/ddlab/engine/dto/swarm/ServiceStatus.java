package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Running and desired tasks (GET /services?status=true). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceStatus(
    @JsonProperty("RunningTasks") long runningTasks,
    @JsonProperty("DesiredTasks") long desiredTasks,
    @JsonProperty("CompletedTasks") long completedTasks) {}
