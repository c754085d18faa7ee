package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A service's virtual IP on one network. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EndpointVirtualIp(
    @JsonProperty("NetworkID") @JsonInclude(JsonInclude.Include.NON_EMPTY) String networkId,
    @JsonProperty("Addr") @JsonInclude(JsonInclude.Include.NON_EMPTY) String addr) {}
