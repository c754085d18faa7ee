package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

@JsonIgnoreProperties(ignoreUnknown = true)
public record EventActor(
    @JsonProperty("ID") String id, @JsonProperty("Attributes") Map<String, String> attributes) {}
