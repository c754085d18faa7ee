package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.LogConfig;
import dev.ddlab.engine.dto.UpdateRequest;
import dev.ddlab.sim.runtime.Kernel;
import java.util.List;
import java.util.TreeSet;

/**
 * What moby v24's daemon does with a container's resources on a cgroup v2 host: {@link #verify} is
 * verifyPlatformContainerResources (create and update), {@link #adapt} the defaults
 * adaptContainerSettings and create_unix.go store, {@link #update} Container.UpdateContainer's
 * merge of an update into the stored HostConfig with its conflict checks.
 */
final class ContainerResources {
  private ContainerResources() {}

  /** moby's linuxMinMemory: 6 MiB. */
  static final long MIN_MEMORY = 6L << 20;

  /** moby's DefaultShmSize: /dev/shm of a container without --shm-size. */
  static final long DEFAULT_SHM_BYTES = 64L << 20;

  /** The CPUs and memory nodes of the simulated node, as sysinfo reads them from cpuset. */
  static final String CPUS_AVAILABLE = "0-" + (Kernel.NCPU - 1);

  static final String MEMS_AVAILABLE = "0";

  /**
   * oci.DefaultSpec's masked paths (moby v24.0.7), stored for a container that is not privileged.
   */
  static final List<String> DEFAULT_MASKED_PATHS =
      List.of(
          "/proc/asound",
          "/proc/acpi",
          "/proc/kcore",
          "/proc/keys",
          "/proc/latency_stats",
          "/proc/timer_list",
          "/proc/timer_stats",
          "/proc/sched_debug",
          "/proc/scsi",
          "/sys/firmware",
          "/sys/devices/virtual/powercap");

  /** oci.DefaultSpec's read-only paths. */
  static final List<String> DEFAULT_READONLY_PATHS =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  /**
   * verifyPlatformContainerResources, in its order: the memory limits, swap, the soft limit, the
   * CPU quota forms, the CPU count, the CFS period and quota, the cpusets and the block I/O weight
   * (an update checks its own values only, so swap without memory passes there).
   */
  static void verify(HostConfig hc, boolean update) {
    if (hc.memory() != 0 && hc.memory() < MIN_MEMORY) {
      throw EngineException.badRequest("Minimum memory limit allowed is 6MB");
    }
    if (hc.memory() > 0 && hc.memorySwap() > 0 && hc.memorySwap() < hc.memory()) {
      throw EngineException.badRequest(
          "Minimum memoryswap limit should be larger than memory limit, see usage");
    }
    if (hc.memory() == 0 && hc.memorySwap() > 0 && !update) {
      throw EngineException.badRequest(
          "You should always set the Memory limit when using Memoryswap limit, see usage");
    }
    if (hc.memoryReservation() > 0 && hc.memoryReservation() < MIN_MEMORY) {
      throw EngineException.badRequest("Minimum memory reservation allowed is 6MB");
    }
    if (hc.memory() > 0 && hc.memoryReservation() > 0 && hc.memory() < hc.memoryReservation()) {
      throw EngineException.badRequest(
          "Minimum memory limit can not be less than memory reservation limit, see usage");
    }
    if (hc.nanoCpus() > 0 && hc.cpuPeriod() > 0) {
      throw EngineException.badRequest(
          "Conflicting options: Nano CPUs and CPU Period cannot both be set");
    }
    if (hc.nanoCpus() > 0 && hc.cpuQuota() > 0) {
      throw EngineException.badRequest(
          "Conflicting options: Nano CPUs and CPU Quota cannot both be set");
    }
    int cpus = Kernel.NCPU;
    if (hc.nanoCpus() < 0 || hc.nanoCpus() > cpus * 1_000_000_000L) {
      throw EngineException.badRequest(
          "Range of CPUs is from 0.01 to "
              + cpus
              + ".00, as there are only "
              + cpus
              + " CPUs available");
    }
    if (hc.cpuPeriod() != 0 && (hc.cpuPeriod() < 1000 || hc.cpuPeriod() > 1_000_000)) {
      throw EngineException.badRequest(
          "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
    }
    if (hc.cpuQuota() > 0 && hc.cpuQuota() < 1000) {
      throw EngineException.badRequest("CPU cfs quota can not be less than 1ms (i.e. 1000)");
    }
    cpuset(hc.cpusetCpus(), CPUS_AVAILABLE, "cpus", "CPUs");
    cpuset(hc.cpusetMems(), MEMS_AVAILABLE, "mems", "memory nodes");
    if (hc.blkioWeight() > 0 && (hc.blkioWeight() < 10 || hc.blkioWeight() > 1000)) {
      throw EngineException.badRequest("Range of blkio weight is from 10 to 1000");
    }
  }

  /** sysinfo's IsCpusetCpusAvailable/IsCpusetMemsAvailable with the daemon's two errors. */
  private static void cpuset(String requested, String available, String kind, String what) {
    if (requested == null || requested.isEmpty()) {
      return;
    }
    TreeSet<Integer> wanted = uintList(requested);
    if (wanted == null) {
      throw EngineException.badRequest(
          "Invalid value " + requested + " for cpuset " + kind + ": invalid format: " + requested);
    }
    TreeSet<Integer> have = uintList(available);
    if (!have.containsAll(wanted)) {
      throw EngineException.badRequest(
          "Requested "
              + what
              + " are not available - requested "
              + requested
              + ", available: "
              + available);
    }
  }

  /** moby's parsers.ParseUintList ("0-2,4"); null for its "invalid format". */
  private static TreeSet<Integer> uintList(String value) {
    TreeSet<Integer> out = new TreeSet<>();
    for (String part : value.split(",", -1)) {
      int dash = part.indexOf('-');
      try {
        if (dash < 0) {
          out.add(Integer.parseInt(part));
          continue;
        }
        int from = Integer.parseInt(part.substring(0, dash));
        int to = Integer.parseInt(part.substring(dash + 1));
        if (to < from) {
          return null;
        }
        for (int i = from; i <= to && i <= 8192; i++) {
          out.add(i);
        }
        if (to > 8192) {
          out.add(to);
        }
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return out;
  }

  /**
   * The host config as the daemon stores it (adaptContainerSettings, mergeAndVerifyLogConfig,
   * create_unix.go): /dev/shm's default size, swap twice the memory when only that is set, the
   * private IPC and cgroup namespaces (cgroup v2), OomKillDisable false, the json-file log driver,
   * runc, and the default masked and read-only paths unless privileged.
   */
  static HostConfig adapt(HostConfig h) {
    HostConfig.Builder b = h.toBuilder();
    b.shmSize(h.shmSize() == 0 ? DEFAULT_SHM_BYTES : h.shmSize());
    b.memorySwap(h.memory() > 0 && h.memorySwap() == 0 ? 2 * h.memory() : h.memorySwap());
    if (h.ipcMode() == null || h.ipcMode().isEmpty()) {
      b.ipcMode("private");
    }
    if (h.cgroupnsMode() == null || h.cgroupnsMode().isEmpty()) {
      b.cgroupnsMode("private");
    }
    if (h.oomKillDisable() == null) {
      b.oomKillDisable(false);
    }
    LogConfig log = h.logConfig();
    if (log == null || log.type() == null || log.type().isEmpty() || log.config() == null) {
      b.logConfig(
          new LogConfig(
              log == null || log.type() == null || log.type().isEmpty()
                  ? LogConfig.DEFAULT.type()
                  : log.type(),
              log == null || log.config() == null ? java.util.Map.of() : log.config()));
    }
    if (h.runtime() == null || h.runtime().isEmpty()) {
      b.runtime("runc");
    }
    if (!h.privileged()) {
      if (h.maskedPaths() == null) {
        b.maskedPaths(DEFAULT_MASKED_PATHS);
      }
      if (h.readonlyPaths() == null) {
        b.readonlyPaths(DEFAULT_READONLY_PATHS);
      }
    }
    return b.build();
  }

  /** The resources of an update request alone, as the daemon verifies them before merging. */
  /**
   * What runc (1.1, cgroup v2) refuses when it writes a running container's limits, or null:
   * libcontainer's ConvertMemorySwapToCgroupV2Value (memory.swap.max is swap alone, so a swap limit
   * needs a memory limit at or below it). On cgroup v1 the kernel refuses the same writes with
   * {@code failed to write "N": write …/memory.memsw.limit_in_bytes: invalid argument}.
   */
  static String runtimeRefusal(HostConfig h) {
    if (h.memorySwap() == 0 || h.memorySwap() == -1) {
      return null;
    }
    if (h.memory() == 0 || h.memory() == -1) {
      return "unable to set swap limit without memory limit";
    }
    return h.memorySwap() < h.memory() ? "memory+swap limit should be >= memory limit" : null;
  }

  static HostConfig requested(UpdateRequest r) {
    return HostConfig.none().toBuilder()
        .memory(orZero(r.memory()))
        .nanoCpus(orZero(r.nanoCpus()))
        .pidsLimit(r.pidsLimit())
        .cpuShares(orZero(r.cpuShares()))
        .blkioWeight(r.blkioWeight() == null ? 0 : r.blkioWeight())
        .cpuPeriod(orZero(r.cpuPeriod()))
        .cpuQuota(orZero(r.cpuQuota()))
        .cpuRealtimePeriod(orZero(r.cpuRealtimePeriod()))
        .cpuRealtimeRuntime(orZero(r.cpuRealtimeRuntime()))
        .cpusetCpus(r.cpusetCpus())
        .cpusetMems(r.cpusetMems())
        .memoryReservation(orZero(r.memoryReservation()))
        .memorySwap(orZero(r.memorySwap()))
        .build();
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }

  /**
   * Container.UpdateContainer: the request's non-zero resources over the stored ones, refusing an
   * update that mixes {@code --cpus} with a stored CFS period or quota (or the other way round) and
   * a memory limit above the stored swap limit without a new swap limit (409, "Cannot update
   * container ID: …").
   */
  static HostConfig update(String id, HostConfig stored, HostConfig r) {
    String conflict = null;
    if (r.nanoCpus() > 0 && stored.cpuPeriod() > 0) {
      conflict = "Nano CPUs cannot be updated as CPU Period has already been set";
    } else if (r.nanoCpus() > 0 && stored.cpuQuota() > 0) {
      conflict = "Nano CPUs cannot be updated as CPU Quota has already been set";
    } else if (r.cpuPeriod() > 0 && stored.nanoCpus() > 0) {
      conflict = "CPU Period cannot be updated as NanoCPUs has already been set";
    } else if (r.cpuQuota() > 0 && stored.nanoCpus() > 0) {
      conflict = "CPU Quota cannot be updated as NanoCPUs has already been set";
    }
    if (conflict != null) {
      throw EngineException.conflict(
          "Cannot update container " + id + ": Conflicting options: " + conflict);
    }
    if (r.memory() != 0 && r.memory() > stored.memorySwap() && r.memorySwap() == 0) {
      throw EngineException.conflict(
          "Cannot update container "
              + id
              + ": Memory limit should be smaller than already set memoryswap limit, update the"
              + " memoryswap at the same time");
    }
    HostConfig.Builder b = stored.toBuilder();
    if (r.blkioWeight() != 0) {
      b.blkioWeight(r.blkioWeight());
    }
    if (r.cpuShares() != 0) {
      b.cpuShares(r.cpuShares());
    }
    if (r.nanoCpus() != 0) {
      b.nanoCpus(r.nanoCpus());
    }
    if (r.cpuPeriod() != 0) {
      b.cpuPeriod(r.cpuPeriod());
    }
    if (r.cpuQuota() != 0) {
      b.cpuQuota(r.cpuQuota());
    }
    if (r.cpusetCpus() != null && !r.cpusetCpus().isEmpty()) {
      b.cpusetCpus(r.cpusetCpus());
    }
    if (r.cpusetMems() != null && !r.cpusetMems().isEmpty()) {
      b.cpusetMems(r.cpusetMems());
    }
    if (r.memory() != 0) {
      b.memory(r.memory());
    }
    if (r.memorySwap() != 0) {
      b.memorySwap(r.memorySwap());
    }
    if (r.memoryReservation() != 0) {
      b.memoryReservation(r.memoryReservation());
    }
    if (r.cpuRealtimePeriod() != 0) {
      b.cpuRealtimePeriod(r.cpuRealtimePeriod());
    }
    if (r.cpuRealtimeRuntime() != 0) {
      b.cpuRealtimeRuntime(r.cpuRealtimeRuntime());
    }
    if (r.pidsLimit() != null) {
      b.pidsLimit(r.pidsLimit());
    }
    return b.build();
  }
}
