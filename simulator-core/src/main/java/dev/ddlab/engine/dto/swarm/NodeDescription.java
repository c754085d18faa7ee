package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What a node reports about itself. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeDescription(
    @JsonProperty("Hostname") @JsonInclude(JsonInclude.Include.NON_EMPTY) String hostname,
    @JsonProperty("Platform") Platform platform,
    @JsonProperty("Resources") Resources resources,
    @JsonProperty("Engine") EngineDescription engine,
    @JsonProperty("TLSInfo") TlsInfo tlsInfo) {}
