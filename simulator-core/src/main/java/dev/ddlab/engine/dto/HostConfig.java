package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The "HostConfig" of POST /containers/create and of container inspect (subset, in the daemon's
 * field order; Mounts and Init are omitempty, as moby tags them). {@code ShmSize} and {@code
 * MemorySwap} 0 mean the daemon's defaults (64 MiB; twice the memory limit), which it fills in at
 * create.
 */
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
    @JsonProperty("ReadonlyRootfs") boolean readonlyRootfs,
    @JsonProperty("SecurityOpt") List<String> securityOpt,
    @JsonProperty("Tmpfs") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> tmpfs,
    @JsonProperty("UTSMode") String utsMode,
    @JsonProperty("ShmSize") long shmSize,
    @JsonProperty("Memory") long memory,
    @JsonProperty("NanoCpus") long nanoCpus,
    @JsonProperty("Devices") List<Map<String, String>> devices,
    @JsonProperty("MemorySwap") long memorySwap,
    @JsonProperty("PidsLimit") Long pidsLimit,
    @JsonProperty("Ulimits") List<Ulimit> ulimits,
    @JsonProperty("Mounts") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Mount> mounts,
    @JsonProperty("Init") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean init) {
  /** A request that sets nothing: the daemon applies its defaults (bridge network, no restart). */
  public static HostConfig none() {
    return new HostConfig(
        null, null, null, null, false, null, null, null, null, null, null, null, null, null, false,
        false, false, null, null, null, 0, 0, 0, null, 0, null, null, null, null);
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
    private List<String> binds;
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
    private long shmSize;
    private long memorySwap;
    private boolean readonlyRootfs;
    private boolean autoRemove;
    private Map<String, String> tmpfs;
    private List<Ulimit> ulimits;

    private Builder(HostConfig from) {
      this.from = from;
      binds = from.binds;
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
      shmSize = from.shmSize;
      memorySwap = from.memorySwap;
      readonlyRootfs = from.readonlyRootfs;
      autoRemove = from.autoRemove;
      tmpfs = from.tmpfs;
      ulimits = from.ulimits;
    }

    public Builder binds(List<String> v) {
      binds = v;
      return this;
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

    public Builder shmSize(long v) {
      shmSize = v;
      return this;
    }

    public Builder memorySwap(long v) {
      memorySwap = v;
      return this;
    }

    public Builder autoRemove(boolean v) {
      autoRemove = v;
      return this;
    }

    public Builder readonlyRootfs(boolean v) {
      readonlyRootfs = v;
      return this;
    }

    public Builder tmpfs(Map<String, String> v) {
      tmpfs = v;
      return this;
    }

    public Builder ulimits(List<Ulimit> v) {
      ulimits = v;
      return this;
    }

    public HostConfig build() {
      return new HostConfig(
          binds,
          networkMode,
          portBindings,
          restartPolicy,
          autoRemove,
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
          readonlyRootfs,
          from.securityOpt,
          tmpfs,
          utsMode,
          shmSize,
          memory,
          nanoCpus,
          from.devices,
          memorySwap,
          pidsLimit,
          ulimits,
          mounts,
          from.init);
    }
  }
}
