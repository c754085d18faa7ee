package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** How many old tasks each slot keeps (docker swarm update --task-history-limit). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrchestrationConfig(
    @JsonProperty("TaskHistoryRetentionLimit") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Long taskHistoryRetentionLimit) {}
