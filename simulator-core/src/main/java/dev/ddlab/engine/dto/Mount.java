package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A mount requested in HostConfig.Mounts; Type is "bind", "volume" or "tmpfs". */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Mount(
    @JsonProperty("Type") String type,
    @JsonProperty("Source") String source,
    @JsonProperty("Target") String target,
    @JsonProperty("ReadOnly") boolean readOnly) {}
