package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What a task may use at most. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Limit(
    @JsonProperty("NanoCPUs") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long nanoCpus,
    @JsonProperty("MemoryBytes") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long memoryBytes,
    @JsonProperty("Pids") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long pids) {}
