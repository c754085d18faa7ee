package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON message of a pull/load/push stream ("Pulling fs layer", "Pull complete", "Digest: …").
 */
@com.fasterxml.jackson.annotation.JsonInclude(
    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProgressMessage(
    @JsonProperty("status") String status,
    @JsonProperty("id") String id,
    @JsonProperty("progress") String progress,
    @JsonProperty("progressDetail") Map<String, Long> progressDetail,
    @JsonProperty("error") String error) {
  public static ProgressMessage status(String id, String status) {
    return new ProgressMessage(status, id, null, null, null);
  }

  /**
   * A per-layer step without a bar ("Pulling fs layer", "Already exists", "Pull complete"): moby
   * sends these with an empty {@code progressDetail}, which is what lets a terminal rewrite the
   * layer's line in place.
   */
  public static ProgressMessage step(String id, String status) {
    return new ProgressMessage(status, id, null, Map.of(), null);
  }

  public static ProgressMessage status(String status) {
    return new ProgressMessage(status, null, null, null, null);
  }

  /**
   * A consumer of a pull's stream that nobody reads (a swarm agent's pull of a task's image): the
   * simulated daemon formats no message for it, its bars least of all. A real daemon's stream is
   * read to its end all the same.
   */
  @FunctionalInterface
  public interface Unread extends Consumer<ProgressMessage> {}

  /** The {@link Unread} consumer that drops every message. */
  public static final Unread UNREAD = m -> {};
}
