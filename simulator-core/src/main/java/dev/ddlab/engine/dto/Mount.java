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
        VolumeOptions volumeOptions,
    @JsonProperty("TmpfsOptions") @JsonInclude(JsonInclude.Include.NON_NULL)
        TmpfsOptions tmpfsOptions) {

  public Mount(String type, String source, String target, boolean readOnly) {
    this(type, source, target, readOnly, null, null);
  }

  public Mount(
      String type, String source, String target, boolean readOnly, VolumeOptions volumeOptions) {
    this(type, source, target, readOnly, volumeOptions, null);
  }

  /**
   * mount.TmpfsOptions: the size in bytes and the mode ({@code tmpfs-size}, {@code tmpfs-mode});
   * zero is left out, as Go's omitempty does.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TmpfsOptions(
      @JsonProperty("SizeBytes") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long sizeBytes,
      @JsonProperty("Mode") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int mode) {
    /**
     * The mount data moby's ConvertTmpfsOptions makes of them ({@code ro}, {@code mode=700}, {@code
     * size=1m}: the largest unit that divides the size).
     */
    public String data(boolean readOnly) {
      java.util.List<String> raw = new java.util.ArrayList<>();
      if (readOnly) {
        raw.add("ro");
      }
      if (mode != 0) {
        raw.add("mode=" + Integer.toOctalString(mode));
      }
      if (sizeBytes != 0) {
        long size = sizeBytes;
        String suffix = "";
        for (String s : new String[] {"k", "m", "g"}) {
          if (size % 1024 != 0) {
            break;
          }
          size /= 1024;
          suffix = s;
        }
        raw.add("size=" + size + suffix);
      }
      return String.join(",", raw);
    }
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
