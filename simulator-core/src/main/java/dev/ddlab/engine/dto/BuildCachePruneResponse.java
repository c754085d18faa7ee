package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** POST /build/prune's answer: the cache records removed and the bytes they held. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BuildCachePruneResponse(
    @JsonProperty("CachesDeleted") List<String> cachesDeleted,
    @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
  public BuildCachePruneResponse {
    cachesDeleted = cachesDeleted == null ? List.of() : List.copyOf(cachesDeleted);
  }
}
