package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** swarm.Network: a network in the swarm's store (overlay), as a task's attachment shows it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SwarmNetwork(
    @JsonProperty("ID") String id,
    @JsonProperty("Version") Version version,
    @JsonProperty("CreatedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String createdAt,
    @JsonProperty("UpdatedAt") @JsonInclude(JsonInclude.Include.NON_EMPTY) String updatedAt,
    @JsonProperty("Spec") NetworkSpec spec,
    @JsonProperty("DriverState") Driver driverState,
    @JsonProperty("IPAMOptions") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        IpamOptions ipamOptions) {}
