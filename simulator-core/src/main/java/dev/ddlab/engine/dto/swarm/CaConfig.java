package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** CAConfig: how long node certificates live, in nanoseconds. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaConfig(
    @JsonProperty("NodeCertExpiry") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        long nodeCertExpiry,
    @JsonProperty("ForceRotate") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long forceRotate) {}
