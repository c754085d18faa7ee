package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

@JsonIgnoreProperties(ignoreUnknown = true)
public record EndpointSettings(
    @JsonProperty("IPAMConfig") Map<String, String> ipamConfig,
    @JsonProperty("Links") List<String> links,
    @JsonProperty("Aliases") List<String> aliases,
    @JsonProperty("NetworkID") String networkId,
    @JsonProperty("EndpointID") String endpointId,
    @JsonProperty("Gateway") String gateway,
    @JsonProperty("IPAddress") String ipAddress,
    @JsonProperty("IPPrefixLen") int ipPrefixLen,
    @JsonProperty("IPv6Gateway") String ipv6Gateway,
    @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
    @JsonProperty("GlobalIPv6PrefixLen") int globalIpv6PrefixLen,
    @JsonProperty("MacAddress") String macAddress,
    @JsonProperty("DriverOpts") Map<String, String> driverOpts) {}
