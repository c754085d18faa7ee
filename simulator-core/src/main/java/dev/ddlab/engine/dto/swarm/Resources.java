package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** CPU (nano CPUs) and memory (bytes): what a node has, or what a task reserves. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Resources(
    @JsonProperty("NanoCPUs") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long nanoCpus,
    @JsonProperty("MemoryBytes") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long memoryBytes) {}
