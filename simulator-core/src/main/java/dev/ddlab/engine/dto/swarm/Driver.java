package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A driver by name with its options (log driver, secret driver, network driver state). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Driver(
    @JsonProperty("Name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
    @JsonProperty("Options") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> options) {}
