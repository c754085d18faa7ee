package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The "HostConfig" of POST /containers/create and of container inspect (subset). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostConfig(
    @JsonProperty("Binds") List<String> binds,
    @JsonProperty("NetworkMode") String networkMode,
    @JsonProperty("PortBindings") Map<String, List<PortBinding>> portBindings,
    @JsonProperty("RestartPolicy") RestartPolicy restartPolicy,
    @JsonProperty("AutoRemove") boolean autoRemove,
    @JsonProperty("VolumesFrom") List<String> volumesFrom,
    @JsonProperty("CapAdd") List<String> capAdd,
    @JsonProperty("CapDrop") List<String> capDrop,
    @JsonProperty("Dns") List<String> dns,
    @JsonProperty("DnsOptions") List<String> dnsOptions,
    @JsonProperty("DnsSearch") List<String> dnsSearch,
    @JsonProperty("ExtraHosts") List<String> extraHosts,
    @JsonProperty("IpcMode") String ipcMode,
    @JsonProperty("PidMode") String pidMode,
    @JsonProperty("Privileged") boolean privileged,
    @JsonProperty("PublishAllPorts") boolean publishAllPorts,
    @JsonProperty("SecurityOpt") List<String> securityOpt,
    @JsonProperty("UTSMode") String utsMode,
    @JsonProperty("Memory") long memory,
    @JsonProperty("NanoCpus") long nanoCpus,
    @JsonProperty("PidsLimit") Long pidsLimit,
    @JsonProperty("Devices") List<Map<String, String>> devices,
    @JsonProperty("Mounts") List<Mount> mounts,
    @JsonProperty("Init") Boolean init) {
  /** A request that sets nothing: the daemon applies its defaults (bridge network, no restart). */
  public static HostConfig none() {
    return new HostConfig(
        null, null, null, null, false, null, null, null, null, null, null, null, null, null, false,
        false, null, null, 0, 0, null, null, null, null);
  }

  /** This config with other resource limits (memory bytes, CPUs in 1e-9 units, pids). */
  public HostConfig withResources(long memory, long nanoCpus, Long pidsLimit) {
    return toBuilder().memory(memory).nanoCpus(nanoCpus).pidsLimit(pidsLimit).build();
  }

  /** A builder that starts from this config: the way to make a copy with some fields changed. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A modified copy of a {@link HostConfig}, field by field. It has setters for the fields the
   * daemon, compose and the guard change; add one when another field needs changing.
   */
  public static final class Builder {
    private final HostConfig from;
    private String networkMode;
    private Map<String, List<PortBinding>> portBindings;
    private RestartPolicy restartPolicy;
    private List<String> volumesFrom;
    private String ipcMode;
    private String pidMode;
    private boolean privileged;
    private boolean publishAllPorts;
    private String utsMode;
    private long memory;
    private long nanoCpus;
    private Long pidsLimit;
    private List<Mount> mounts;

    private Builder(HostConfig from) {
      this.from = from;
      networkMode = from.networkMode;
      portBindings = from.portBindings;
      restartPolicy = from.restartPolicy;
      volumesFrom = from.volumesFrom;
      ipcMode = from.ipcMode;
      pidMode = from.pidMode;
      privileged = from.privileged;
      publishAllPorts = from.publishAllPorts;
      utsMode = from.utsMode;
      memory = from.memory;
      nanoCpus = from.nanoCpus;
      pidsLimit = from.pidsLimit;
      mounts = from.mounts;
    }

    public Builder networkMode(String v) {
      networkMode = v;
      return this;
    }

    public Builder portBindings(Map<String, List<PortBinding>> v) {
      portBindings = v;
      return this;
    }

    public Builder restartPolicy(RestartPolicy v) {
      restartPolicy = v;
      return this;
    }

    public Builder volumesFrom(List<String> v) {
      volumesFrom = v;
      return this;
    }

    public Builder ipcMode(String v) {
      ipcMode = v;
      return this;
    }

    public Builder pidMode(String v) {
      pidMode = v;
      return this;
    }

    public Builder privileged(boolean v) {
      privileged = v;
      return this;
    }

    public Builder publishAllPorts(boolean v) {
      publishAllPorts = v;
      return this;
    }

    public Builder utsMode(String v) {
      utsMode = v;
      return this;
    }

    public Builder memory(long v) {
      memory = v;
      return this;
    }

    public Builder nanoCpus(long v) {
      nanoCpus = v;
      return this;
    }

    public Builder pidsLimit(Long v) {
      pidsLimit = v;
      return this;
    }

    public Builder mounts(List<Mount> v) {
      mounts = v;
      return this;
    }

    public HostConfig build() {
      return new HostConfig(
          from.binds,
          networkMode,
          portBindings,
          restartPolicy,
          from.autoRemove,
          volumesFrom,
          from.capAdd,
          from.capDrop,
          from.dns,
          from.dnsOptions,
          from.dnsSearch,
          from.extraHosts,
          ipcMode,
          pidMode,
          privileged,
          publishAllPorts,
          from.securityOpt,
          utsMode,
          memory,
          nanoCpus,
          pidsLimit,
          from.devices,
          mounts,
          from.init);
    }
  }
}
