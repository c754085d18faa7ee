package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Spec of the swarm (docker swarm update changes it). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SwarmSpec(
    @JsonProperty("Name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("Orchestration") OrchestrationConfig orchestration,
    @JsonProperty("Raft") RaftConfig raft,
    @JsonProperty("Dispatcher") DispatcherConfig dispatcher,
    @JsonProperty("CAConfig") CaConfig caConfig,
    @JsonProperty("TaskDefaults") TaskDefaults taskDefaults,
    @JsonProperty("EncryptionConfig") EncryptionConfig encryptionConfig) {}
