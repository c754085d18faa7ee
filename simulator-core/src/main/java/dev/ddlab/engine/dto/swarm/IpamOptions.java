package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A swarm network's address management. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IpamOptions(
    @JsonProperty("Driver") Driver driver,
    @JsonProperty("Configs") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<IpamConfig> configs) {}
