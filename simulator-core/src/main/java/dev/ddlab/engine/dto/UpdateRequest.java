package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of POST /containers/{id}/update; null fields stay unchanged. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpdateRequest(
    @JsonProperty("RestartPolicy") RestartPolicy restartPolicy,
    @JsonProperty("Memory") Long memory,
    @JsonProperty("NanoCpus") Long nanoCpus,
    @JsonProperty("PidsLimit") Long pidsLimit) {}
