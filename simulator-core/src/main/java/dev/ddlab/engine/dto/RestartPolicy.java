package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Name is "" or "no", "always", "unless-stopped", "on-failure". */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestartPolicy(
    @JsonProperty("Name") String name, @JsonProperty("MaximumRetryCount") int maximumRetryCount) {}
