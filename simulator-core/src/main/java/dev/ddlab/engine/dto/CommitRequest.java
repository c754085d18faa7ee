package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Query of POST /commit. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommitRequest(
    @JsonProperty("container") String container,
    @JsonProperty("repo") String repo,
    @JsonProperty("tag") String tag,
    @JsonProperty("comment") String comment,
    @JsonProperty("author") String author,
    @JsonProperty("pause") boolean pause,
    @JsonProperty("changes") List<String> changes) {}
