package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchResult(
    @JsonProperty("description") String description,
    @JsonProperty("is_official") boolean official,
    @JsonProperty("is_automated") boolean automated,
    @JsonProperty("name") String name,
    @JsonProperty("star_count") int starCount) {}
