package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GET /swarm/unlockkey: the key that unlocks a restarted manager ("" when autolock is off). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnlockKeyResponse(@JsonProperty("UnlockKey") String unlockKey) {}
