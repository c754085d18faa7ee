package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /distribution/{name}/json}: what the registry serves for a reference, its descriptor
 * (media type, digest, size of the manifest or manifest list) and the platforms it covers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DistributionInspect(
    @JsonProperty("Descriptor") Descriptor descriptor,
    @JsonProperty("Platforms") List<PlatformSpec> platforms) {
  public DistributionInspect {
    platforms = platforms == null ? List.of() : List.copyOf(platforms);
  }

  /** An OCI descriptor. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Descriptor(
      @JsonProperty("mediaType") String mediaType,
      @JsonProperty("digest") String digest,
      @JsonProperty("size") long size) {}

  /** An OCI platform. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PlatformSpec(
      @JsonProperty("architecture") String architecture,
      @JsonProperty("os") String os,
      @JsonProperty("os.version") String osVersion,
      @JsonProperty("variant") String variant) {}
}
