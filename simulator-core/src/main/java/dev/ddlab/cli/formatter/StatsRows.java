package dev.ddlab.cli.formatter;

import dev.ddlab.cli.template.GoObject;
import dev.ddlab.engine.dto.ContainerStats;
import dev.ddlab.engine.dto.ContainerStats.BlkioEntry;
import dev.ddlab.engine.dto.ContainerStats.NetworkStats;
import dev.ddlab.go.GoUnits;
import java.util.Locale;
import java.util.Map;

/**
 * docker/cli's container stats: the figures a {@code docker stats} row shows, computed from a
 * daemon's sample as its collector does (calculateCPUPercentUnix, calculateMemUsageUnixNoCache,
 * calculateBlockIO, calculateNetwork), and the statsContext templates see.
 */
public final class StatsRows {
  private StatsRows() {}

  public static final String DEFAULT_TABLE =
      "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";

  /** One container's figures. {@code container} is what the user named it by (or its short ID). */
  public record Figures(
      String container,
      String id,
      String name,
      double cpuPercent,
      double memory,
      double memoryLimit,
      double memoryPercent,
      double networkRx,
      double networkTx,
      double blockRead,
      double blockWrite,
      long pids) {}

  /** The figures of a sample, as the CLI's collector computes them. */
  public static Figures figures(String container, ContainerStats s) {
    double cpu = 0;
    if (s.cpuStats() != null && s.precpuStats() != null && s.cpuStats().cpuUsage() != null) {
      double cpuDelta =
          (double) s.cpuStats().cpuUsage().totalUsage()
              - (s.precpuStats().cpuUsage() == null ? 0 : s.precpuStats().cpuUsage().totalUsage());
      double systemDelta =
          (double) nz(s.cpuStats().systemCpuUsage()) - nz(s.precpuStats().systemCpuUsage());
      double online = nz(s.cpuStats().onlineCpus());
      if (systemDelta > 0 && cpuDelta > 0) {
        cpu = cpuDelta / systemDelta * online * 100.0;
      }
    }
    double mem = 0;
    double limit = 0;
    if (s.memoryStats() != null && s.memoryStats().usage() != null) {
      long usage = s.memoryStats().usage();
      Map<String, Long> st = s.memoryStats().stats() == null ? Map.of() : s.memoryStats().stats();
      Long v1 = st.get("total_inactive_file");
      Long v2 = st.get("inactive_file");
      if (v1 != null && v1 < usage) {
        mem = usage - v1;
      } else if (v2 != null && v2 < usage) {
        mem = usage - v2;
      } else {
        mem = usage;
      }
      limit = nz(s.memoryStats().limit());
    }
    double read = 0;
    double write = 0;
    if (s.blkioStats() != null && s.blkioStats().ioServiceBytesRecursive() != null) {
      for (BlkioEntry e : s.blkioStats().ioServiceBytesRecursive()) {
        if (e.op() == null || e.op().isEmpty()) {
          continue;
        }
        switch (e.op().charAt(0)) {
          case 'r', 'R' -> read += e.value();
          case 'w', 'W' -> write += e.value();
          default -> {}
        }
      }
    }
    double rx = 0;
    double tx = 0;
    if (s.networks() != null) {
      for (NetworkStats n : s.networks().values()) {
        rx += n.rxBytes();
        tx += n.txBytes();
      }
    }
    String name = s.name() == null ? "" : s.name();
    return new Figures(
        container,
        s.id(),
        name.startsWith("/") ? name.substring(1) : name,
        cpu,
        mem,
        limit,
        limit != 0 ? mem / limit * 100.0 : 0,
        rx,
        tx,
        read,
        write,
        s.pidsStats() == null || s.pidsStats().current() == null ? 0 : s.pidsStats().current());
  }

  /** The statsContext a template sees. */
  public static GoObject row(Figures f, boolean trunc) {
    GoObject o = new GoObject("*container.statsContext").jsonSorted();
    o.getter("Container", f::container);
    o.getter("Name", () -> f.name().isEmpty() ? "--" : f.name());
    o.getter("ID", () -> trunc ? Refs.truncateId(f.id()) : f.id());
    o.getter("CPUPerc", () -> percent(f.cpuPercent()));
    o.getter(
        "MemUsage",
        () -> GoUnits.bytesSize(f.memory()) + " / " + GoUnits.bytesSize(f.memoryLimit()));
    o.getter("MemPerc", () -> percent(f.memoryPercent()));
    o.getter(
        "NetIO", () -> GoUnits.humanSize(f.networkRx()) + " / " + GoUnits.humanSize(f.networkTx()));
    o.getter(
        "BlockIO",
        () -> GoUnits.humanSize(f.blockRead()) + " / " + GoUnits.humanSize(f.blockWrite()));
    o.getter("PIDs", () -> Long.toString(f.pids()));
    return o;
  }

  public static GoObject header() {
    return FormatContext.header(
        "Container", "CONTAINER",
        "Name", "NAME",
        "ID", "CONTAINER ID",
        "CPUPerc", "CPU %",
        "MemUsage", "MEM USAGE / LIMIT",
        "MemPerc", "MEM %",
        "NetIO", "NET I/O",
        "BlockIO", "BLOCK I/O",
        "PIDs", "PIDS");
  }

  /** The format docker stats renders: "table" or nothing is the default table. */
  public static String format(String source) {
    return source == null || source.isEmpty() || source.equals("table") ? DEFAULT_TABLE : source;
  }

  private static String percent(double v) {
    return String.format(Locale.ROOT, "%.2f%%", v);
  }

  private static long nz(Long v) {
    return v == null ? 0 : v;
  }
}
