package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A port of a container in GET /containers/json. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Port(
    @JsonProperty("IP") String ip,
    @JsonProperty("PrivatePort") int privatePort,
    @JsonProperty("PublicPort") Integer publicPort,
    @JsonProperty("Type") String type) {}
