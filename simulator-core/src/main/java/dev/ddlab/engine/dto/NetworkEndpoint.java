package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkEndpoint(
    @JsonProperty("Name") String name,
    @JsonProperty("EndpointID") String endpointId,
    @JsonProperty("MacAddress") String macAddress,
    @JsonProperty("IPv4Address") String ipv4Address,
    @JsonProperty("IPv6Address") String ipv6Address) {}
