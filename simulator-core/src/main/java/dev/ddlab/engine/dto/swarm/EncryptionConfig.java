package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether managers lock their Raft data with a key after a restart (autolock). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EncryptionConfig(@JsonProperty("AutoLockManagers") boolean autoLockManagers) {}
