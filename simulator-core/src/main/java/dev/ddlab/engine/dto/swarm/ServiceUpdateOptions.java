package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The query of POST /services/{id}/update: the version read, and rollback=previous for docker
 * service rollback.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceUpdateOptions(
    @JsonProperty("version") long version,
    @JsonProperty("registryAuthFrom") String registryAuthFrom,
    @JsonProperty("rollback") String rollback) {}
