package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The service's endpoint as allocated: its ports and virtual IPs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Endpoint(
    @JsonProperty("Spec") EndpointSpec spec,
    @JsonProperty("Ports") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PortConfig> ports,
    @JsonProperty("VirtualIPs") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<EndpointVirtualIp> virtualIps) {}
