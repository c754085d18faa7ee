package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A mount requested in HostConfig.Mounts (or a service's ContainerSpec.Mounts); Type is "bind",
 * "volume" or "tmpfs". An empty Source, a false ReadOnly and an absent {@code VolumeOptions} (a
 * volume's labels when the daemon creates it, {@code NoCopy}) are left out, as Go's omitempty does.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Mount(
    @JsonProperty("Type") String type,
    @JsonProperty("Source") @JsonInclude(JsonInclude.Include.NON_EMPTY) String source,
    @JsonProperty("Target") String target,
    @JsonProperty("ReadOnly") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean readOnly,
    @JsonProperty("VolumeOptions") @JsonInclude(JsonInclude.Include.NON_NULL)
        VolumeOptions volumeOptions) {

  public Mount(String type, String source, String target, boolean readOnly) {
    this(type, source, target, readOnly, null);
  }

  /**
   * mount.VolumeOptions: the labels a volume the daemon creates gets; no copy of the image's files.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record VolumeOptions(
      @JsonProperty("NoCopy") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean noCopy,
      @JsonProperty("Labels") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, String> labels) {}
}
