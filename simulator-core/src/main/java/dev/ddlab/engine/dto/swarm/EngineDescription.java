package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The engine of a node: version, labels, plugins. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EngineDescription(
    @JsonProperty("EngineVersion") @JsonInclude(JsonInclude.Include.NON_EMPTY) String engineVersion,
    @JsonProperty("Labels") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> labels,
    @JsonProperty("Plugins") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<PluginDescription> plugins) {}
