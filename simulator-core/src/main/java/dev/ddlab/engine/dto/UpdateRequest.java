package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of POST /containers/{id}/update (moby's UpdateConfig: the restart policy and the Resources
 * {@code docker update} sets); null fields stay unchanged, as 0 and "" do for the daemon.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpdateRequest(
    @JsonProperty("RestartPolicy") RestartPolicy restartPolicy,
    @JsonProperty("Memory") Long memory,
    @JsonProperty("NanoCpus") Long nanoCpus,
    @JsonProperty("PidsLimit") Long pidsLimit,
    @JsonProperty("CpuShares") Long cpuShares,
    @JsonProperty("BlkioWeight") Integer blkioWeight,
    @JsonProperty("CpuPeriod") Long cpuPeriod,
    @JsonProperty("CpuQuota") Long cpuQuota,
    @JsonProperty("CpuRealtimePeriod") Long cpuRealtimePeriod,
    @JsonProperty("CpuRealtimeRuntime") Long cpuRealtimeRuntime,
    @JsonProperty("CpusetCpus") String cpusetCpus,
    @JsonProperty("CpusetMems") String cpusetMems,
    @JsonProperty("MemoryReservation") Long memoryReservation,
    @JsonProperty("MemorySwap") Long memorySwap) {
  /** The restart policy and the limits ddlab's guard and older callers set; nothing else. */
  public UpdateRequest(RestartPolicy restartPolicy, Long memory, Long nanoCpus, Long pidsLimit) {
    this(
        restartPolicy,
        memory,
        nanoCpus,
        pidsLimit,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
