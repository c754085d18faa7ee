package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The query of POST /swarm/update: the version the spec was read at and what to rotate. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SwarmUpdateFlags(
    @JsonProperty("version") long version,
    @JsonProperty("rotateWorkerToken") boolean rotateWorkerToken,
    @JsonProperty("rotateManagerToken") boolean rotateManagerToken,
    @JsonProperty("rotateManagerUnlockKey") boolean rotateManagerUnlockKey) {}
