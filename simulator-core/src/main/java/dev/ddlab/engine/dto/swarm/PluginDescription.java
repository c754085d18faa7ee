package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A plugin of a node's engine. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PluginDescription(
    @JsonProperty("Type") @JsonInclude(JsonInclude.Include.NON_EMPTY) String type,
    @JsonProperty("Name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name) {}
