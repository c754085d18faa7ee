package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * CAConfig: how long node certificates live (nanoseconds), a forced rotation's counter, and a root
 * CA to rotate to (PEM; the daemon never returns the key).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaConfig(
    @JsonProperty("NodeCertExpiry") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        long nodeCertExpiry,
    @JsonProperty("ForceRotate") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long forceRotate,
    @JsonProperty("SigningCACert") @JsonInclude(JsonInclude.Include.NON_EMPTY) String signingCaCert,
    @JsonProperty("SigningCAKey") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        String signingCaKey) {}
