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
    return new HostConfig(
        binds,
        networkMode,
        portBindings,
        restartPolicy,
        autoRemove,
        volumesFrom,
        capAdd,
        capDrop,
        dns,
        dnsOptions,
        dnsSearch,
        extraHosts,
        ipcMode,
        pidMode,
        privileged,
        publishAllPorts,
        securityOpt,
        utsMode,
        memory,
        nanoCpus,
        pidsLimit,
        devices,
        mounts,
        init);
  }
}
