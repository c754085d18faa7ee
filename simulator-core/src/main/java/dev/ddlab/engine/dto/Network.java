package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** GET /networks/{id}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Network(
    @JsonProperty("Name") String name,
    @JsonProperty("Id") String id,
    @JsonProperty("Created") String created,
    @JsonProperty("Scope") String scope,
    @JsonProperty("Driver") String driver,
    @JsonProperty("EnableIPv6") boolean enableIpv6,
    @JsonProperty("IPAM") Ipam ipam,
    @JsonProperty("Internal") boolean internal,
    @JsonProperty("Attachable") boolean attachable,
    @JsonProperty("Ingress") boolean ingress,
    @JsonProperty("ConfigFrom") Map<String, String> configFrom,
    @JsonProperty("ConfigOnly") boolean configOnly,
    @JsonProperty("Containers") Map<String, NetworkEndpoint> containers,
    @JsonProperty("Options") Map<String, String> options,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("Peers") @JsonInclude(JsonInclude.Include.NON_NULL) List<PeerInfo> peers) {

  /** A network without peers: every network but a swarm network inspected on a node using it. */
  public Network(
      String name,
      String id,
      String created,
      String scope,
      String driver,
      boolean enableIpv6,
      Ipam ipam,
      boolean internal,
      boolean attachable,
      boolean ingress,
      Map<String, String> configFrom,
      boolean configOnly,
      Map<String, NetworkEndpoint> containers,
      Map<String, String> options,
      Map<String, String> labels) {
    this(
        name,
        id,
        created,
        scope,
        driver,
        enableIpv6,
        ipam,
        internal,
        attachable,
        ingress,
        configFrom,
        configOnly,
        containers,
        options,
        labels,
        null);
  }

  /** This network as a node using it shows it: its local endpoints and the swarm's peers. */
  public Network withContainersAndPeers(
      Map<String, NetworkEndpoint> containers, List<PeerInfo> peers) {
    return new Network(
        name,
        id,
        created,
        scope,
        driver,
        enableIpv6,
        ipam,
        internal,
        attachable,
        ingress,
        configFrom,
        configOnly,
        containers,
        options,
        labels,
        peers);
  }
}
