package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A config a service uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigReference(
    @JsonProperty("File") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        SecretReferenceFileTarget file,
    @JsonProperty("ConfigID") String configId,
    @JsonProperty("ConfigName") String configName) {}
