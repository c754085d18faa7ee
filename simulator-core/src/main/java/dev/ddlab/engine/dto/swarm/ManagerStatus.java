package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A manager's place in Raft: leader, reachability, address. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ManagerStatus(
    @JsonProperty("Leader") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean leader,
    @JsonProperty("Reachability") @JsonInclude(JsonInclude.Include.NON_EMPTY) String reachability,
    @JsonProperty("Addr") @JsonInclude(JsonInclude.Include.NON_EMPTY) String addr) {}
