package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkCreateResponse(
    @JsonProperty("Id") String id, @JsonProperty("Warning") String warning) {}
