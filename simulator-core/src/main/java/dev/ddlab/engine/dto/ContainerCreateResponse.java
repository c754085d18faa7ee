package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerCreateResponse(
    @JsonProperty("Id") String id, @JsonProperty("Warnings") List<String> warnings) {}
