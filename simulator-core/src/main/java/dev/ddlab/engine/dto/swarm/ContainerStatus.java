package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The container behind a task. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerStatus(
    @JsonProperty("ContainerID") String containerId,
    @JsonProperty("PID") int pid,
    @JsonProperty("ExitCode") int exitCode) {}
