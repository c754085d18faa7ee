package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * State.Health of a container with a health check: "starting", "healthy" or "unhealthy", the
 * failures in a row, and the last five probes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Health(
    @JsonProperty("Status") String status,
    @JsonProperty("FailingStreak") int failingStreak,
    @JsonProperty("Log") List<Result> log) {

  /** One probe: when it ran, its exit code (-1: it timed out) and its output (4 KiB at most). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Result(
      @JsonProperty("Start") String start,
      @JsonProperty("End") String end,
      @JsonProperty("ExitCode") int exitCode,
      @JsonProperty("Output") String output) {}
}
