package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Kind: 0 modified (C), 1 added (A), 2 deleted (D). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangeItem(@JsonProperty("Path") String path, @JsonProperty("Kind") int kind) {}
