package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * HostConfig's "LogConfig" ({@code --log-driver}, {@code --log-opt}): the daemon stores its default
 * driver, {@code json-file}, and an empty map when the request leaves them out.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogConfig(
    @JsonProperty("Type") String type, @JsonProperty("Config") Map<String, String> config) {
  /** What dockerd stores for a container whose request names no log driver. */
  public static final LogConfig DEFAULT = new LogConfig("json-file", Map.of());
}
