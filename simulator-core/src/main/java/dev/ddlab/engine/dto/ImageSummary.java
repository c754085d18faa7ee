package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One row of GET /images/json; {@code Created} is Unix seconds. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageSummary(
    @JsonProperty("Containers") long containers,
    @JsonProperty("Created") long created,
    @JsonProperty("Id") String id,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("ParentId") String parentId,
    @JsonProperty("RepoDigests") List<String> repoDigests,
    @JsonProperty("RepoTags") List<String> repoTags,
    @JsonProperty("SharedSize") long sharedSize,
    @JsonProperty("Size") long size) {}
