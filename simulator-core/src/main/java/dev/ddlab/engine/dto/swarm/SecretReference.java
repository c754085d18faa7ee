package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A secret a service uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecretReference(
    @JsonProperty("File") SecretReferenceFileTarget file,
    @JsonProperty("SecretID") String secretId,
    @JsonProperty("SecretName") String secretName) {}
