package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A swarm network as swarmkit stores it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkSpec(
    @JsonProperty("Name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("DriverConfiguration") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Driver driverConfiguration,
    @JsonProperty("IPv6Enabled") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean ipv6Enabled,
    @JsonProperty("Internal") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean internal,
    @JsonProperty("Attachable") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean attachable,
    @JsonProperty("Ingress") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean ingress,
    @JsonProperty("IPAMOptions") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        IpamOptions ipamOptions,
    @JsonProperty("Scope") @JsonInclude(JsonInclude.Include.NON_EMPTY) String scope) {}
