package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Status is one of created, running, paused, restarting, removing, exited, dead. Times are RFC 3339
 * ("0001-01-01T00:00:00Z" when never).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerState(
    @JsonProperty("Status") String status,
    @JsonProperty("Running") boolean running,
    @JsonProperty("Paused") boolean paused,
    @JsonProperty("Restarting") boolean restarting,
    @JsonProperty("OOMKilled") boolean oomKilled,
    @JsonProperty("Dead") boolean dead,
    @JsonProperty("Pid") int pid,
    @JsonProperty("ExitCode") int exitCode,
    @JsonProperty("Error") String error,
    @JsonProperty("StartedAt") String startedAt,
    @JsonProperty("FinishedAt") String finishedAt,
    @JsonProperty("Health") @JsonInclude(JsonInclude.Include.NON_NULL) Health health) {}
