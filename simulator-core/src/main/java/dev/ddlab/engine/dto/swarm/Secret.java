package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GET /secrets/{id}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Secret(
    @JsonProperty("ID") String id,
    @JsonProperty("Version") Version version,
    @JsonProperty("CreatedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String createdAt,
    @JsonProperty("UpdatedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String updatedAt,
    @JsonProperty("Spec") SecretSpec spec) {}
