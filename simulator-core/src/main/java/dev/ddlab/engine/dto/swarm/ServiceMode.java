package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** replicated (with its replica count) or global (one task per node: an empty object). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceMode(
    @JsonProperty("Replicated") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        ReplicatedService replicated,
    @JsonProperty("Global") @JsonInclude(JsonInclude.Include.NON_NULL)
        Map<String, Object> global) {}
