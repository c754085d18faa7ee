package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A published port of a service. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortConfig(
    @JsonProperty("Name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
    @JsonProperty("Protocol") @JsonInclude(JsonInclude.Include.NON_EMPTY) String protocol,
    @JsonProperty("TargetPort") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int targetPort,
    @JsonProperty("PublishedPort") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int publishedPort,
    @JsonProperty("PublishMode") @JsonInclude(JsonInclude.Include.NON_EMPTY) String publishMode) {}
