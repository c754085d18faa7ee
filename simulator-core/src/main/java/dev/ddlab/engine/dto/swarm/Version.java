package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Meta.Version: the store's version of an object, the Raft index of its last change. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Version(@JsonProperty("Index") long index) {}
