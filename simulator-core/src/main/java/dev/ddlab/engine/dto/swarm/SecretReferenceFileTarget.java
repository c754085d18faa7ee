package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a secret or config appears in the container, and as whom. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecretReferenceFileTarget(
    @JsonProperty("Name") String name,
    @JsonProperty("UID") String uid,
    @JsonProperty("GID") String gid,
    @JsonProperty("Mode") int mode) {}
