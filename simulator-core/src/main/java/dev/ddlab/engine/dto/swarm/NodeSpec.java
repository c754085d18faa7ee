package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** What can be changed about a node (docker node update). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeSpec(
    @JsonProperty("Name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("Role") @JsonInclude(JsonInclude.Include.NON_EMPTY) String role,
    @JsonProperty("Availability") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        String availability) {}
