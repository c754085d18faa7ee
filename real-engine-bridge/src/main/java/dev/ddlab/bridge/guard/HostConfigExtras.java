package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardSession.refused;

import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.LogConfig;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The HostConfig fields ddlab's own CLI leaves at their defaults but the real docker CLI can set
 * through the served Engine API ({@code --cgroup-parent}, {@code --cgroupns host}, {@code
 * --log-driver syslog}, {@code --sysctl} …): each one that could reach beyond the container on the
 * shared daemon is refused unless it has its default value; the rest pass as given.
 */
final class HostConfigExtras {
  private HostConfigExtras() {}

  /** Fields of HostConfig passed as the learner gave them (they bound only the container). */
  static final Set<String> AS_GIVEN =
      Set.of(
          "containerIdFile",
          "consoleSize",
          "groupAdd",
          "isolation",
          "cpuShares",
          "blkioWeight",
          "cpusetCpus",
          "cpusetMems",
          "kernelMemory",
          "kernelMemoryTcp",
          "memoryReservation",
          "memorySwappiness",
          "cpuCount",
          "cpuPercent",
          "ioMaximumIOps",
          "ioMaximumBandwidth");

  /** Fields of HostConfig refused here unless they have their default value. */
  static final Set<String> CHECKED =
      Set.of(
          "logConfig",
          "volumeDriver",
          "annotations",
          "cgroupnsMode",
          "cgroup",
          "links",
          "oomScoreAdj",
          "storageOpt",
          "usernsMode",
          "sysctls",
          "runtime",
          "cgroupParent",
          "blkioWeightDevice",
          "blkioDeviceReadBps",
          "blkioDeviceWriteBps",
          "blkioDeviceReadIOps",
          "blkioDeviceWriteIOps",
          "cpuPeriod",
          "cpuQuota",
          "cpuRealtimePeriod",
          "cpuRealtimeRuntime",
          "deviceCgroupRules",
          "deviceRequests",
          "oomKillDisable",
          "maskedPaths",
          "readonlyPaths");

  /** Log drivers that write only under the daemon's own directory, or nowhere. */
  private static final Set<String> LOG_DRIVERS = Set.of("json-file", "local", "none");

  static void check(HostConfig h) {
    LogConfig log = h.logConfig();
    if (log != null && !blank(log.type()) && !LOG_DRIVERS.contains(log.type())) {
      throw refused(
          "--log-driver "
              + log.type()
              + " bị chặn: trên máy chủ dùng chung log chỉ được ghi bằng json-file, local hoặc"
              + " none.");
    }
    if (!blank(h.volumeDriver()) && !"local".equals(h.volumeDriver())) {
      throw refused("--volume-driver bị chặn: chỉ dùng được driver local.");
    }
    if ("host".equals(h.cgroupnsMode())) {
      throw refused("--cgroupns host bị chặn: container sẽ thấy cgroup của máy chủ.");
    }
    if (!blank(h.usernsMode())) {
      throw refused("--userns bị chặn: container không được đổi user namespace của daemon.");
    }
    if (!blank(h.cgroupParent()) || !blank(h.cgroup())) {
      throw refused("--cgroup-parent bị chặn: container phải nằm trong cgroup daemon dành cho nó.");
    }
    if (!blank(h.runtime()) && !"runc".equals(h.runtime())) {
      throw refused("--runtime " + h.runtime() + " bị chặn: chỉ dùng được runc.");
    }
    if (h.oomScoreAdj() < 0) {
      throw refused(
          "--oom-score-adj âm bị chặn: container không được né OOM killer bằng cách đẩy"
              + " container của người khác ra trước.");
    }
    if (Boolean.TRUE.equals(h.oomKillDisable())) {
      throw refused("--oom-kill-disable bị chặn trên máy chủ dùng chung.");
    }
    if (h.cpuPeriod() != 0 || h.cpuQuota() != 0) {
      throw refused(
          "--cpu-period/--cpu-quota bị chặn: phiên đặt sẵn giới hạn CPU bằng --cpus; hãy dùng"
              + " --cpus.");
    }
    if (h.cpuRealtimePeriod() != 0 || h.cpuRealtimeRuntime() != 0) {
      throw refused("--cpu-rt-period/--cpu-rt-runtime bị chặn: không có lập lịch thời gian thực.");
    }
    if (h.maskedPaths() != null || h.readonlyPaths() != null) {
      throw refused(
          "MaskedPaths/ReadonlyPaths bị chặn: không được bỏ che /proc và /sys của máy chủ.");
    }
    refuseNonEmpty(h.annotations(), "--annotation");
    refuseNonEmpty(h.storageOpt(), "--storage-opt");
    refuseNonEmpty(h.sysctls(), "--sysctl");
    refuseNonEmpty(h.links(), "--link");
    refuseNonEmpty(h.deviceCgroupRules(), "--device-cgroup-rule");
    refuseNonEmpty(h.deviceRequests(), "--gpus");
    refuseNonEmpty(h.blkioWeightDevice(), "--blkio-weight-device");
    refuseNonEmpty(h.blkioDeviceReadBps(), "--device-read-bps");
    refuseNonEmpty(h.blkioDeviceWriteBps(), "--device-write-bps");
    refuseNonEmpty(h.blkioDeviceReadIOps(), "--device-read-iops");
    refuseNonEmpty(h.blkioDeviceWriteIOps(), "--device-write-iops");
  }

  private static void refuseNonEmpty(Object value, String flag) {
    boolean empty =
        value == null
            || (value instanceof Collection<?> c && c.isEmpty())
            || (value instanceof Map<?, ?> m && m.isEmpty());
    if (!empty) {
      throw refused(flag + " bị chặn trên máy chủ dùng chung.");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }
}
