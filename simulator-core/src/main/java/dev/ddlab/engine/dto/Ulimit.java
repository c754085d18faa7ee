package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One of HostConfig's "Ulimits" ({@code --ulimit nofile=1024:2048}), in the daemon's order. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Ulimit(
    @JsonProperty("Name") String name,
    @JsonProperty("Hard") long hard,
    @JsonProperty("Soft") long soft) {}
