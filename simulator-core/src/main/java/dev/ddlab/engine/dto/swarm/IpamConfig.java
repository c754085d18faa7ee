package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One subnet of a swarm network. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IpamConfig(
    @JsonProperty("Subnet") @JsonInclude(JsonInclude.Include.NON_EMPTY) String subnet,
    @JsonProperty("Range") @JsonInclude(JsonInclude.Include.NON_EMPTY) String range,
    @JsonProperty("Gateway") @JsonInclude(JsonInclude.Include.NON_EMPTY) String gateway) {}
