package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A task's place on a network: the network and the task's addresses (CIDR). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkAttachment(
    @JsonProperty("Network") SwarmNetwork network,
    @JsonProperty("Addresses") List<String> addresses) {}
