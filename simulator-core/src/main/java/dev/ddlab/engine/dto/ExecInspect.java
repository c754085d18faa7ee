package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecInspect(
    @JsonProperty("CanRemove") boolean canRemove,
    @JsonProperty("ContainerID") String containerId,
    @JsonProperty("DetachKeys") String detachKeys,
    @JsonProperty("ExitCode") Integer exitCode,
    @JsonProperty("ID") String id,
    @JsonProperty("OpenStderr") boolean openStderr,
    @JsonProperty("OpenStdin") boolean openStdin,
    @JsonProperty("OpenStdout") boolean openStdout,
    @JsonProperty("Running") boolean running,
    @JsonProperty("Pid") int pid) {}
