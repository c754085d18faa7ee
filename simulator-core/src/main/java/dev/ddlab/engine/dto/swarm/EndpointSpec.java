package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** vip or dnsrr, and the published ports. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EndpointSpec(
    @JsonProperty("Mode") @JsonInclude(JsonInclude.Include.NON_EMPTY) String mode,
    @JsonProperty("Ports") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PortConfig> ports) {}
