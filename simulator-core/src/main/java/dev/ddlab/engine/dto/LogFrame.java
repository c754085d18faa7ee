package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line (or chunk) of container output: stream is "stdout" or "stderr"; time is RFC 3339
 * nanoseconds (docker logs -t).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogFrame(
    @JsonProperty("stream") String stream,
    @JsonProperty("time") String time,
    @JsonProperty("text") String text) {}
