package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Defaults for tasks of every service (the log driver). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskDefaults(
    @JsonProperty("LogDriver") @JsonInclude(JsonInclude.Include.NON_EMPTY) Driver logDriver) {}
