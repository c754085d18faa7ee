package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * GET /volumes/{name}; UsageData (Size, RefCount) only in system df (omitted elsewhere, as moby's
 * omitempty does). Labels and Options are null when none were given.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Volume(
    @JsonProperty("CreatedAt") String createdAt,
    @JsonProperty("Driver") String driver,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("Mountpoint") String mountpoint,
    @JsonProperty("Name") String name,
    @JsonProperty("Options") Map<String, String> options,
    @JsonProperty("Scope") String scope,
    @JsonProperty("UsageData") @JsonInclude(JsonInclude.Include.NON_NULL)
        Map<String, Long> usageData) {}
