package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One placement preference. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlacementPreference(@JsonProperty("Spread") SpreadOver spread) {}
