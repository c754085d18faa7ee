package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Where tasks may run: constraints, preferences, at most so many per node, platforms. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Placement(
    @JsonProperty("Constraints") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<String> constraints,
    @JsonProperty("Preferences") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<PlacementPreference> preferences,
    @JsonProperty("MaxReplicas") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long maxReplicas,
    @JsonProperty("Platforms") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<Platform> platforms) {}
