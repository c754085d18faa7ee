package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A placement preference: spread the tasks over the values of a node label. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SpreadOver(@JsonProperty("SpreadDescriptor") String spreadDescriptor) {}
