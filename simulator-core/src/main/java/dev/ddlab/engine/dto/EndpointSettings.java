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
    @JsonProperty("DriverOpts") Map<String, String> driverOpts) {

  /**
   * What a client asks for when it attaches a container to a network (docker run --network, docker
   * network connect, an endpoint not created yet): an address and aliases, the rest empty.
   *
   * @param ipv4Address the requested address, or null
   * @param aliases network-scoped aliases, or null/empty for none
   */
  public static EndpointSettings request(String ipv4Address, List<String> aliases) {
    return new EndpointSettings(
        ipv4Address == null ? null : Map.of("IPv4Address", ipv4Address),
        null,
        aliases == null || aliases.isEmpty() ? null : aliases,
        "",
        "",
        "",
        "",
        0,
        "",
        "",
        0,
        "",
        null);
  }

  /** This endpoint with other links and aliases. */
  public EndpointSettings with(List<String> links, List<String> aliases) {
    return new EndpointSettings(
        ipamConfig,
        links,
        aliases,
        networkId,
        endpointId,
        gateway,
        ipAddress,
        ipPrefixLen,
        ipv6Gateway,
        globalIpv6Address,
        globalIpv6PrefixLen,
        macAddress,
        driverOpts);
  }
}
