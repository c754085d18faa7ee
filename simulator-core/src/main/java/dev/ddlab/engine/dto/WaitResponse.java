package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

@JsonIgnoreProperties(ignoreUnknown = true)
public record WaitResponse(
    @JsonProperty("StatusCode") int statusCode, @JsonProperty("Error") Map<String, String> error) {}
