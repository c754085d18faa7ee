package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Raft settings in ticks (a tick is one second in swarmkit). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RaftConfig(
    @JsonProperty("SnapshotInterval") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        long snapshotInterval,
    @JsonProperty("KeepOldSnapshots") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Long keepOldSnapshots,
    @JsonProperty("LogEntriesForSlowFollowers") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        long logEntriesForSlowFollowers,
    @JsonProperty("ElectionTick") int electionTick,
    @JsonProperty("HeartbeatTick") int heartbeatTick) {}
