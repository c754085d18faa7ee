package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
public record TopResponse(
    @JsonProperty("Titles") List<String> titles,
    @JsonProperty("Processes") List<List<String>> processes) {}
