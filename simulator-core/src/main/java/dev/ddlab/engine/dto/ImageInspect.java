package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** GET /images/{name}/json; {@code Created} is RFC 3339 with nanoseconds. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageInspect(
    @JsonProperty("Id") String id,
    @JsonProperty("RepoTags") List<String> repoTags,
    @JsonProperty("RepoDigests") List<String> repoDigests,
    @JsonProperty("Parent") String parent,
    @JsonProperty("Comment") String comment,
    @JsonProperty("Created") String created,
    @JsonProperty("Container") String container,
    @JsonProperty("ContainerConfig") ContainerConfig containerConfig,
    @JsonProperty("DockerVersion") String dockerVersion,
    @JsonProperty("Author") String author,
    @JsonProperty("Config") ContainerConfig config,
    @JsonProperty("Architecture") String architecture,
    @JsonProperty("Variant") String variant,
    @JsonProperty("Os") String os,
    @JsonProperty("OsVersion") String osVersion,
    @JsonProperty("Size") long size,
    @JsonProperty("VirtualSize") long virtualSize,
    @JsonProperty("GraphDriver") GraphDriver graphDriver,
    @JsonProperty("RootFS") RootFs rootFs,
    @JsonProperty("Metadata") Map<String, Object> metadata) {}
