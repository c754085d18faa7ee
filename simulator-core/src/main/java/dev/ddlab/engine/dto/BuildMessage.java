package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One JSON message of the {@code POST /build} stream (moby's {@code jsonmessage.JSONMessage}): a
 * classic builder's output line ({@code stream}), the built image's ID ({@code aux} {@code
 * {"ID":"sha256:…"}}), an error ({@code error}, {@code errorDetail}), or one of BuildKit's status
 * updates ({@code id} "moby.buildkit.trace" with {@code trace}; the daemon sends it as a base64
 * protobuf in {@code aux}, ddlab's engines pass it as this typed record).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BuildMessage(
    @JsonProperty("stream") String stream,
    @JsonProperty("id") String id,
    @JsonProperty("aux") Map<String, Object> aux,
    @JsonProperty("error") String error,
    @JsonProperty("errorDetail") Map<String, Object> errorDetail,
    @JsonProperty("trace") BuildTrace trace) {
  public static final String TRACE_ID = "moby.buildkit.trace";

  public static BuildMessage stream(String text) {
    return new BuildMessage(text, null, null, null, null, null);
  }

  /** {"aux":{"ID":"sha256:…"}}: the image the build made. */
  public static BuildMessage imageId(String id) {
    return new BuildMessage(null, null, Map.of("ID", id), null, null, null);
  }

  /** An error that ends the stream (HTTP status was already 200). */
  public static BuildMessage error(String message, int code) {
    return new BuildMessage(
        null, null, null, message, Map.of("code", code, "message", message), null);
  }

  public static BuildMessage trace(BuildTrace trace) {
    return new BuildMessage(null, TRACE_ID, null, null, null, trace);
  }
}
