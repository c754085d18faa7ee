package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** POST /services/create. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceCreateResponse(
    @JsonProperty("ID") String id,
    @JsonProperty("Warnings") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {}
