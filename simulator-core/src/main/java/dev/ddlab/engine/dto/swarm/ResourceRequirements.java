package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Limits and reservations of a task. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResourceRequirements(
    @JsonProperty("Limits") @JsonInclude(JsonInclude.Include.NON_EMPTY) Limit limits,
    @JsonProperty("Reservations") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Resources reservations) {}
