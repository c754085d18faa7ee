package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * BuildKit's {@code SolveStatus} (the client's progress model): vertices (steps) with their start
 * and end, whether the cache answered them and their error; statuses (the sub-lines of a vertex:
 * "transferring context: 8.41kB", "naming to …"); and log lines a step printed. Times are the
 * engine's clock in nanoseconds since the epoch (virtual time on a simulated node); 0 means not
 * yet.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BuildTrace(
    @JsonProperty("vertexes") List<Vertex> vertexes,
    @JsonProperty("statuses") List<Status> statuses,
    @JsonProperty("logs") List<Log> logs) {
  public BuildTrace {
    vertexes = vertexes == null ? List.of() : List.copyOf(vertexes);
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
    logs = logs == null ? List.of() : List.copyOf(logs);
  }

  /** One step: "[internal] load build definition from Dockerfile", "[2/5] RUN npm install". */
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  public record Vertex(
      @JsonProperty("digest") String digest,
      @JsonProperty("inputs") List<String> inputs,
      @JsonProperty("name") String name,
      @JsonProperty("started") long started,
      @JsonProperty("completed") long completed,
      @JsonProperty("cached") boolean cached,
      @JsonProperty("error") String error) {}

  /** A sub-line of a vertex ("transferring context: 2B", "writing image sha256:…"). */
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  public record Status(
      @JsonProperty("id") String id,
      @JsonProperty("vertex") String vertex,
      @JsonProperty("started") long started,
      @JsonProperty("completed") long completed) {}

  /** Output a step printed (stream 1 stdout, 2 stderr). */
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  public record Log(
      @JsonProperty("vertex") String vertex,
      @JsonProperty("stream") int stream,
      @JsonProperty("data") String data,
      @JsonProperty("timestamp") long timestamp) {}
}
