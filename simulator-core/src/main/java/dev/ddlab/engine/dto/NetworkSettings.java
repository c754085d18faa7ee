package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkSettings(
    @JsonProperty("Bridge") String bridge,
    @JsonProperty("SandboxID") String sandboxId,
    @JsonProperty("HairpinMode") boolean hairpinMode,
    @JsonProperty("LinkLocalIPv6Address") String linkLocalIpv6Address,
    @JsonProperty("LinkLocalIPv6PrefixLen") int linkLocalIpv6PrefixLen,
    @JsonProperty("Ports") Map<String, List<PortBinding>> ports,
    @JsonProperty("SandboxKey") String sandboxKey,
    @JsonProperty("SecondaryIPAddresses") List<String> secondaryIpAddresses,
    @JsonProperty("SecondaryIPv6Addresses") List<String> secondaryIpv6Addresses,
    @JsonProperty("EndpointID") String endpointId,
    @JsonProperty("Gateway") String gateway,
    @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
    @JsonProperty("GlobalIPv6PrefixLen") int globalIpv6PrefixLen,
    @JsonProperty("IPAddress") String ipAddress,
    @JsonProperty("IPPrefixLen") int ipPrefixLen,
    @JsonProperty("IPv6Gateway") String ipv6Gateway,
    @JsonProperty("MacAddress") String macAddress,
    @JsonProperty("Networks") Map<String, EndpointSettings> networks) {}
