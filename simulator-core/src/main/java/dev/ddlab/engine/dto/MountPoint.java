package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A mount as container inspect and ps show it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MountPoint(
    @JsonProperty("Type") String type,
    @JsonProperty("Name") String name,
    @JsonProperty("Source") String source,
    @JsonProperty("Destination") String destination,
    @JsonProperty("Driver") String driver,
    @JsonProperty("Mode") String mode,
    @JsonProperty("RW") boolean rw,
    @JsonProperty("Propagation") String propagation) {}
