package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One node taking part in a swarm network (moby's network.PeerInfo): its networkdb name (hostname
 * and a 12-hex ID) and its underlay address.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PeerInfo(@JsonProperty("Name") String name, @JsonProperty("IP") String ip) {}
