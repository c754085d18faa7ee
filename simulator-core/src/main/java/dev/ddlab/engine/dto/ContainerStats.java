package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * GET /containers/{id}/stats: one sample of a container's cgroup and network counters, in the
 * Engine API's snake_case shape (moby's api/types StatsJSON). {@code precpu_stats} is the sample
 * taken a second before ({@code preread}), so a client computes CPU % from the two; a container
 * that is not running answers zeros, as dockerd does.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerStats(
    @JsonProperty("read") String read,
    @JsonProperty("preread") String preread,
    @JsonProperty("pids_stats") PidsStats pidsStats,
    @JsonProperty("blkio_stats") BlkioStats blkioStats,
    @JsonProperty("num_procs") long numProcs,
    @JsonProperty("cpu_stats") CpuStats cpuStats,
    @JsonProperty("precpu_stats") CpuStats precpuStats,
    @JsonProperty("memory_stats") MemoryStats memoryStats,
    @JsonProperty("name") String name,
    @JsonProperty("id") String id,
    @JsonProperty("networks") Map<String, NetworkStats> networks) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PidsStats(
      @JsonProperty("current") Long current, @JsonProperty("limit") Long limit) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record BlkioStats(
      @JsonProperty("io_service_bytes_recursive") List<BlkioEntry> ioServiceBytesRecursive) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record BlkioEntry(
      @JsonProperty("major") long major,
      @JsonProperty("minor") long minor,
      @JsonProperty("op") String op,
      @JsonProperty("value") long value) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CpuStats(
      @JsonProperty("cpu_usage") CpuUsage cpuUsage,
      @JsonProperty("system_cpu_usage") Long systemCpuUsage,
      @JsonProperty("online_cpus") Long onlineCpus) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CpuUsage(
      @JsonProperty("total_usage") long totalUsage,
      @JsonProperty("usage_in_kernelmode") long usageInKernelmode,
      @JsonProperty("usage_in_usermode") long usageInUsermode) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MemoryStats(
      @JsonProperty("usage") Long usage,
      @JsonProperty("stats") Map<String, Long> stats,
      @JsonProperty("limit") Long limit) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record NetworkStats(
      @JsonProperty("rx_bytes") long rxBytes,
      @JsonProperty("rx_packets") long rxPackets,
      @JsonProperty("rx_errors") long rxErrors,
      @JsonProperty("rx_dropped") long rxDropped,
      @JsonProperty("tx_bytes") long txBytes,
      @JsonProperty("tx_packets") long txPackets,
      @JsonProperty("tx_errors") long txErrors,
      @JsonProperty("tx_dropped") long txDropped) {}
}
