package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Query of GET /containers/{id}/logs (follow is a separate call). tail is "all" or a number. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogsOptions(
    @JsonProperty("stdout") boolean stdout,
    @JsonProperty("stderr") boolean stderr,
    @JsonProperty("since") String since,
    @JsonProperty("until") String until,
    @JsonProperty("timestamps") boolean timestamps,
    @JsonProperty("tail") String tail) {}
