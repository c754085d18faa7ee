package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The "HostConfig" of POST /containers/create and of container inspect: every field of Docker 24's
 * {@code container.HostConfig} with its embedded {@code Resources}, in the order and with the
 * {@code omitempty} tags of moby v24.0.7's api/types/container/hostconfig.go (Annotations,
 * StorageOpt, Tmpfs, Sysctls, Runtime, KernelMemory, KernelMemoryTCP, Mounts and Init are left out
 * when empty). {@code ConsoleSize} is Go's {@code [2]uint}: never null. {@code ShmSize} and {@code
 * MemorySwap} 0 mean the daemon's defaults (64 MiB; twice the memory limit), which it fills in at
 * create with the others of moby's adaptContainerSettings (IpcMode, CgroupnsMode, OomKillDisable,
 * the log driver, the runtime, the masked and read-only paths).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostConfig(
    @JsonProperty("Binds") List<String> binds,
    @JsonProperty("ContainerIDFile") String containerIdFile,
    @JsonProperty("LogConfig") LogConfig logConfig,
    @JsonProperty("NetworkMode") String networkMode,
    @JsonProperty("PortBindings") Map<String, List<PortBinding>> portBindings,
    @JsonProperty("RestartPolicy") RestartPolicy restartPolicy,
    @JsonProperty("AutoRemove") boolean autoRemove,
    @JsonProperty("VolumeDriver") String volumeDriver,
    @JsonProperty("VolumesFrom") List<String> volumesFrom,
    @JsonProperty("ConsoleSize") List<Long> consoleSize,
    @JsonProperty("Annotations") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> annotations,
    @JsonProperty("CapAdd") List<String> capAdd,
    @JsonProperty("CapDrop") List<String> capDrop,
    @JsonProperty("CgroupnsMode") String cgroupnsMode,
    @JsonProperty("Dns") List<String> dns,
    @JsonProperty("DnsOptions") List<String> dnsOptions,
    @JsonProperty("DnsSearch") List<String> dnsSearch,
    @JsonProperty("ExtraHosts") List<String> extraHosts,
    @JsonProperty("GroupAdd") List<String> groupAdd,
    @JsonProperty("IpcMode") String ipcMode,
    @JsonProperty("Cgroup") String cgroup,
    @JsonProperty("Links") List<String> links,
    @JsonProperty("OomScoreAdj") int oomScoreAdj,
    @JsonProperty("PidMode") String pidMode,
    @JsonProperty("Privileged") boolean privileged,
    @JsonProperty("PublishAllPorts") boolean publishAllPorts,
    @JsonProperty("ReadonlyRootfs") boolean readonlyRootfs,
    @JsonProperty("SecurityOpt") List<String> securityOpt,
    @JsonProperty("StorageOpt") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> storageOpt,
    @JsonProperty("Tmpfs") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> tmpfs,
    @JsonProperty("UTSMode") String utsMode,
    @JsonProperty("UsernsMode") String usernsMode,
    @JsonProperty("ShmSize") long shmSize,
    @JsonProperty("Sysctls") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> sysctls,
    @JsonProperty("Runtime") @JsonInclude(JsonInclude.Include.NON_EMPTY) String runtime,
    @JsonProperty("Isolation") String isolation,
    @JsonProperty("CpuShares") long cpuShares,
    @JsonProperty("Memory") long memory,
    @JsonProperty("NanoCpus") long nanoCpus,
    @JsonProperty("CgroupParent") String cgroupParent,
    @JsonProperty("BlkioWeight") int blkioWeight,
    @JsonProperty("BlkioWeightDevice") List<Map<String, Object>> blkioWeightDevice,
    @JsonProperty("BlkioDeviceReadBps") List<Map<String, Object>> blkioDeviceReadBps,
    @JsonProperty("BlkioDeviceWriteBps") List<Map<String, Object>> blkioDeviceWriteBps,
    @JsonProperty("BlkioDeviceReadIOps") List<Map<String, Object>> blkioDeviceReadIOps,
    @JsonProperty("BlkioDeviceWriteIOps") List<Map<String, Object>> blkioDeviceWriteIOps,
    @JsonProperty("CpuPeriod") long cpuPeriod,
    @JsonProperty("CpuQuota") long cpuQuota,
    @JsonProperty("CpuRealtimePeriod") long cpuRealtimePeriod,
    @JsonProperty("CpuRealtimeRuntime") long cpuRealtimeRuntime,
    @JsonProperty("CpusetCpus") String cpusetCpus,
    @JsonProperty("CpusetMems") String cpusetMems,
    @JsonProperty("Devices") List<Map<String, String>> devices,
    @JsonProperty("DeviceCgroupRules") List<String> deviceCgroupRules,
    @JsonProperty("DeviceRequests") List<Map<String, Object>> deviceRequests,
    @JsonProperty("KernelMemory") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long kernelMemory,
    @JsonProperty("KernelMemoryTCP") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        long kernelMemoryTcp,
    @JsonProperty("MemoryReservation") long memoryReservation,
    @JsonProperty("MemorySwap") long memorySwap,
    @JsonProperty("MemorySwappiness") Long memorySwappiness,
    @JsonProperty("OomKillDisable") Boolean oomKillDisable,
    @JsonProperty("PidsLimit") Long pidsLimit,
    @JsonProperty("Ulimits") List<Ulimit> ulimits,
    @JsonProperty("CpuCount") long cpuCount,
    @JsonProperty("CpuPercent") long cpuPercent,
    @JsonProperty("IOMaximumIOps") long ioMaximumIOps,
    @JsonProperty("IOMaximumBandwidth") long ioMaximumBandwidth,
    @JsonProperty("Mounts") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Mount> mounts,
    @JsonProperty("MaskedPaths") List<String> maskedPaths,
    @JsonProperty("ReadonlyPaths") List<String> readonlyPaths,
    @JsonProperty("Init") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean init) {
  /** Go's {@code [2]uint} console size (height, width): zero when not given. */
  public HostConfig {
    if (consoleSize == null) {
      consoleSize = NO_CONSOLE;
    }
  }

  private static final List<Long> NO_CONSOLE = List.of(0L, 0L);

  /** A request that sets nothing: the daemon applies its defaults (bridge network, no restart). */
  public static HostConfig none() {
    return NONE;
  }

  private static final HostConfig NONE = new Builder().build();

  /** This config with other resource limits (memory bytes, CPUs in 1e-9 units, pids). */
  public HostConfig withResources(long memory, long nanoCpus, Long pidsLimit) {
    return toBuilder().memory(memory).nanoCpus(nanoCpus).pidsLimit(pidsLimit).build();
  }

  /** A builder that starts from this config: the way to make a copy with some fields changed. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A modified copy of a {@link HostConfig}, field by field (or one from nothing: {@link #none}).
   */
  public static final class Builder {
    private List<String> binds;
    private String containerIdFile;
    private LogConfig logConfig;
    private String networkMode;
    private Map<String, List<PortBinding>> portBindings;
    private RestartPolicy restartPolicy;
    private boolean autoRemove;
    private String volumeDriver;
    private List<String> volumesFrom;
    private List<Long> consoleSize;
    private Map<String, String> annotations;
    private List<String> capAdd;
    private List<String> capDrop;
    private String cgroupnsMode;
    private List<String> dns;
    private List<String> dnsOptions;
    private List<String> dnsSearch;
    private List<String> extraHosts;
    private List<String> groupAdd;
    private String ipcMode;
    private String cgroup;
    private List<String> links;
    private int oomScoreAdj;
    private String pidMode;
    private boolean privileged;
    private boolean publishAllPorts;
    private boolean readonlyRootfs;
    private List<String> securityOpt;
    private Map<String, String> storageOpt;
    private Map<String, String> tmpfs;
    private String utsMode;
    private String usernsMode;
    private long shmSize;
    private Map<String, String> sysctls;
    private String runtime;
    private String isolation;
    private long cpuShares;
    private long memory;
    private long nanoCpus;
    private String cgroupParent;
    private int blkioWeight;
    private List<Map<String, Object>> blkioWeightDevice;
    private List<Map<String, Object>> blkioDeviceReadBps;
    private List<Map<String, Object>> blkioDeviceWriteBps;
    private List<Map<String, Object>> blkioDeviceReadIOps;
    private List<Map<String, Object>> blkioDeviceWriteIOps;
    private long cpuPeriod;
    private long cpuQuota;
    private long cpuRealtimePeriod;
    private long cpuRealtimeRuntime;
    private String cpusetCpus;
    private String cpusetMems;
    private List<Map<String, String>> devices;
    private List<String> deviceCgroupRules;
    private List<Map<String, Object>> deviceRequests;
    private long kernelMemory;
    private long kernelMemoryTcp;
    private long memoryReservation;
    private long memorySwap;
    private Long memorySwappiness;
    private Boolean oomKillDisable;
    private Long pidsLimit;
    private List<Ulimit> ulimits;
    private long cpuCount;
    private long cpuPercent;
    private long ioMaximumIOps;
    private long ioMaximumBandwidth;
    private List<Mount> mounts;
    private List<String> maskedPaths;
    private List<String> readonlyPaths;
    private Boolean init;

    private Builder() {}

    private Builder(HostConfig from) {
      binds = from.binds;
      containerIdFile = from.containerIdFile;
      logConfig = from.logConfig;
      networkMode = from.networkMode;
      portBindings = from.portBindings;
      restartPolicy = from.restartPolicy;
      autoRemove = from.autoRemove;
      volumeDriver = from.volumeDriver;
      volumesFrom = from.volumesFrom;
      consoleSize = from.consoleSize;
      annotations = from.annotations;
      capAdd = from.capAdd;
      capDrop = from.capDrop;
      cgroupnsMode = from.cgroupnsMode;
      dns = from.dns;
      dnsOptions = from.dnsOptions;
      dnsSearch = from.dnsSearch;
      extraHosts = from.extraHosts;
      groupAdd = from.groupAdd;
      ipcMode = from.ipcMode;
      cgroup = from.cgroup;
      links = from.links;
      oomScoreAdj = from.oomScoreAdj;
      pidMode = from.pidMode;
      privileged = from.privileged;
      publishAllPorts = from.publishAllPorts;
      readonlyRootfs = from.readonlyRootfs;
      securityOpt = from.securityOpt;
      storageOpt = from.storageOpt;
      tmpfs = from.tmpfs;
      utsMode = from.utsMode;
      usernsMode = from.usernsMode;
      shmSize = from.shmSize;
      sysctls = from.sysctls;
      runtime = from.runtime;
      isolation = from.isolation;
      cpuShares = from.cpuShares;
      memory = from.memory;
      nanoCpus = from.nanoCpus;
      cgroupParent = from.cgroupParent;
      blkioWeight = from.blkioWeight;
      blkioWeightDevice = from.blkioWeightDevice;
      blkioDeviceReadBps = from.blkioDeviceReadBps;
      blkioDeviceWriteBps = from.blkioDeviceWriteBps;
      blkioDeviceReadIOps = from.blkioDeviceReadIOps;
      blkioDeviceWriteIOps = from.blkioDeviceWriteIOps;
      cpuPeriod = from.cpuPeriod;
      cpuQuota = from.cpuQuota;
      cpuRealtimePeriod = from.cpuRealtimePeriod;
      cpuRealtimeRuntime = from.cpuRealtimeRuntime;
      cpusetCpus = from.cpusetCpus;
      cpusetMems = from.cpusetMems;
      devices = from.devices;
      deviceCgroupRules = from.deviceCgroupRules;
      deviceRequests = from.deviceRequests;
      kernelMemory = from.kernelMemory;
      kernelMemoryTcp = from.kernelMemoryTcp;
      memoryReservation = from.memoryReservation;
      memorySwap = from.memorySwap;
      memorySwappiness = from.memorySwappiness;
      oomKillDisable = from.oomKillDisable;
      pidsLimit = from.pidsLimit;
      ulimits = from.ulimits;
      cpuCount = from.cpuCount;
      cpuPercent = from.cpuPercent;
      ioMaximumIOps = from.ioMaximumIOps;
      ioMaximumBandwidth = from.ioMaximumBandwidth;
      mounts = from.mounts;
      maskedPaths = from.maskedPaths;
      readonlyPaths = from.readonlyPaths;
      init = from.init;
    }

    public Builder binds(List<String> v) {
      binds = v;
      return this;
    }

    public Builder containerIdFile(String v) {
      containerIdFile = v;
      return this;
    }

    public Builder logConfig(LogConfig v) {
      logConfig = v;
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

    public Builder autoRemove(boolean v) {
      autoRemove = v;
      return this;
    }

    public Builder volumeDriver(String v) {
      volumeDriver = v;
      return this;
    }

    public Builder volumesFrom(List<String> v) {
      volumesFrom = v;
      return this;
    }

    public Builder consoleSize(List<Long> v) {
      consoleSize = v;
      return this;
    }

    public Builder annotations(Map<String, String> v) {
      annotations = v;
      return this;
    }

    public Builder capAdd(List<String> v) {
      capAdd = v;
      return this;
    }

    public Builder capDrop(List<String> v) {
      capDrop = v;
      return this;
    }

    public Builder cgroupnsMode(String v) {
      cgroupnsMode = v;
      return this;
    }

    public Builder dns(List<String> v) {
      dns = v;
      return this;
    }

    public Builder dnsOptions(List<String> v) {
      dnsOptions = v;
      return this;
    }

    public Builder dnsSearch(List<String> v) {
      dnsSearch = v;
      return this;
    }

    public Builder extraHosts(List<String> v) {
      extraHosts = v;
      return this;
    }

    public Builder groupAdd(List<String> v) {
      groupAdd = v;
      return this;
    }

    public Builder ipcMode(String v) {
      ipcMode = v;
      return this;
    }

    public Builder cgroup(String v) {
      cgroup = v;
      return this;
    }

    public Builder links(List<String> v) {
      links = v;
      return this;
    }

    public Builder oomScoreAdj(int v) {
      oomScoreAdj = v;
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

    public Builder readonlyRootfs(boolean v) {
      readonlyRootfs = v;
      return this;
    }

    public Builder securityOpt(List<String> v) {
      securityOpt = v;
      return this;
    }

    public Builder storageOpt(Map<String, String> v) {
      storageOpt = v;
      return this;
    }

    public Builder tmpfs(Map<String, String> v) {
      tmpfs = v;
      return this;
    }

    public Builder utsMode(String v) {
      utsMode = v;
      return this;
    }

    public Builder usernsMode(String v) {
      usernsMode = v;
      return this;
    }

    public Builder shmSize(long v) {
      shmSize = v;
      return this;
    }

    public Builder sysctls(Map<String, String> v) {
      sysctls = v;
      return this;
    }

    public Builder runtime(String v) {
      runtime = v;
      return this;
    }

    public Builder isolation(String v) {
      isolation = v;
      return this;
    }

    public Builder cpuShares(long v) {
      cpuShares = v;
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

    public Builder cgroupParent(String v) {
      cgroupParent = v;
      return this;
    }

    public Builder blkioWeight(int v) {
      blkioWeight = v;
      return this;
    }

    public Builder blkioWeightDevice(List<Map<String, Object>> v) {
      blkioWeightDevice = v;
      return this;
    }

    public Builder blkioDeviceReadBps(List<Map<String, Object>> v) {
      blkioDeviceReadBps = v;
      return this;
    }

    public Builder blkioDeviceWriteBps(List<Map<String, Object>> v) {
      blkioDeviceWriteBps = v;
      return this;
    }

    public Builder blkioDeviceReadIOps(List<Map<String, Object>> v) {
      blkioDeviceReadIOps = v;
      return this;
    }

    public Builder blkioDeviceWriteIOps(List<Map<String, Object>> v) {
      blkioDeviceWriteIOps = v;
      return this;
    }

    public Builder cpuPeriod(long v) {
      cpuPeriod = v;
      return this;
    }

    public Builder cpuQuota(long v) {
      cpuQuota = v;
      return this;
    }

    public Builder cpuRealtimePeriod(long v) {
      cpuRealtimePeriod = v;
      return this;
    }

    public Builder cpuRealtimeRuntime(long v) {
      cpuRealtimeRuntime = v;
      return this;
    }

    public Builder cpusetCpus(String v) {
      cpusetCpus = v;
      return this;
    }

    public Builder cpusetMems(String v) {
      cpusetMems = v;
      return this;
    }

    public Builder devices(List<Map<String, String>> v) {
      devices = v;
      return this;
    }

    public Builder deviceCgroupRules(List<String> v) {
      deviceCgroupRules = v;
      return this;
    }

    public Builder deviceRequests(List<Map<String, Object>> v) {
      deviceRequests = v;
      return this;
    }

    public Builder kernelMemory(long v) {
      kernelMemory = v;
      return this;
    }

    public Builder kernelMemoryTcp(long v) {
      kernelMemoryTcp = v;
      return this;
    }

    public Builder memoryReservation(long v) {
      memoryReservation = v;
      return this;
    }

    public Builder memorySwap(long v) {
      memorySwap = v;
      return this;
    }

    public Builder memorySwappiness(Long v) {
      memorySwappiness = v;
      return this;
    }

    public Builder oomKillDisable(Boolean v) {
      oomKillDisable = v;
      return this;
    }

    public Builder pidsLimit(Long v) {
      pidsLimit = v;
      return this;
    }

    public Builder ulimits(List<Ulimit> v) {
      ulimits = v;
      return this;
    }

    public Builder cpuCount(long v) {
      cpuCount = v;
      return this;
    }

    public Builder cpuPercent(long v) {
      cpuPercent = v;
      return this;
    }

    public Builder ioMaximumIOps(long v) {
      ioMaximumIOps = v;
      return this;
    }

    public Builder ioMaximumBandwidth(long v) {
      ioMaximumBandwidth = v;
      return this;
    }

    public Builder mounts(List<Mount> v) {
      mounts = v;
      return this;
    }

    public Builder maskedPaths(List<String> v) {
      maskedPaths = v;
      return this;
    }

    public Builder readonlyPaths(List<String> v) {
      readonlyPaths = v;
      return this;
    }

    public Builder init(Boolean v) {
      init = v;
      return this;
    }

    public HostConfig build() {
      return new HostConfig(
          binds,
          containerIdFile,
          logConfig,
          networkMode,
          portBindings,
          restartPolicy,
          autoRemove,
          volumeDriver,
          volumesFrom,
          consoleSize,
          annotations,
          capAdd,
          capDrop,
          cgroupnsMode,
          dns,
          dnsOptions,
          dnsSearch,
          extraHosts,
          groupAdd,
          ipcMode,
          cgroup,
          links,
          oomScoreAdj,
          pidMode,
          privileged,
          publishAllPorts,
          readonlyRootfs,
          securityOpt,
          storageOpt,
          tmpfs,
          utsMode,
          usernsMode,
          shmSize,
          sysctls,
          runtime,
          isolation,
          cpuShares,
          memory,
          nanoCpus,
          cgroupParent,
          blkioWeight,
          blkioWeightDevice,
          blkioDeviceReadBps,
          blkioDeviceWriteBps,
          blkioDeviceReadIOps,
          blkioDeviceWriteIOps,
          cpuPeriod,
          cpuQuota,
          cpuRealtimePeriod,
          cpuRealtimeRuntime,
          cpusetCpus,
          cpusetMems,
          devices,
          deviceCgroupRules,
          deviceRequests,
          kernelMemory,
          kernelMemoryTcp,
          memoryReservation,
          memorySwap,
          memorySwappiness,
          oomKillDisable,
          pidsLimit,
          ulimits,
          cpuCount,
          cpuPercent,
          ioMaximumIOps,
          ioMaximumBandwidth,
          mounts,
          maskedPaths,
          readonlyPaths,
          init);
    }
  }
}
