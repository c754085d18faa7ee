package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A node's (or an image's) OS and architecture. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Platform(
    @JsonProperty("Architecture") @JsonInclude(JsonInclude.Include.NON_EMPTY) String architecture,
    @JsonProperty("OS") @JsonInclude(JsonInclude.Include.NON_EMPTY) String os) {}
