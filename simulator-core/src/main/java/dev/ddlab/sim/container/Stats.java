package dev.ddlab.sim.container;

import dev.ddlab.engine.Pending;
import dev.ddlab.engine.dto.ContainerStats;
import dev.ddlab.engine.dto.ContainerStats.BlkioEntry;
import dev.ddlab.engine.dto.ContainerStats.BlkioStats;
import dev.ddlab.engine.dto.ContainerStats.CpuStats;
import dev.ddlab.engine.dto.ContainerStats.CpuUsage;
import dev.ddlab.engine.dto.ContainerStats.MemoryStats;
import dev.ddlab.engine.dto.ContainerStats.NetworkStats;
import dev.ddlab.engine.dto.ContainerStats.PidsStats;
import dev.ddlab.go.GoTime;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.network.Sandbox;
import dev.ddlab.sim.network.dataplane.NetDevice;
import dev.ddlab.sim.runtime.Cgroup;
import dev.ddlab.sim.runtime.Kernel;
import dev.ddlab.sim.runtime.Procps;
import dev.ddlab.sim.runtime.SimProc;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * moby's daemon/stats.go and its stats collector: GET /containers/{id}/stats. A sample reads the
 * container's cgroup (CPU time, memory and its peak, tasks against pids.max), the bytes written
 * into its writable layer (block I/O) and its network interfaces' counters. The collector samples
 * every second on the virtual clock while a client listens, and each sample carries the one before
 * it as {@code precpu_stats}; a container that is not running answers zeros, as dockerd's does.
 */
final class Stats {
  /** dockerd's collector interval. */
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private final Daemon daemon;

  Stats(Daemon daemon) {
    this.daemon = daemon;
  }

  /**
   * stream=false: the sample one interval from now, with this moment's as precpu; at once for a
   * container that is not running.
   */
  Pending<ContainerStats> once(String ref) {
    Container c = daemon.get(ref);
    SimPending<ContainerStats> answer = new SimPending<>(daemon.clock);
    Sample first = sample(c);
    if (!first.running()) {
      answer.complete(first.json(null));
      return answer;
    }
    VirtualClock.Timer t =
        daemon.clock.schedule(INTERVAL, () -> answer.complete(sample(c).json(first)));
    answer.onCancel(t::cancel);
    return answer;
  }

  /** stream=true: a sample now (no precpu), then one every interval until closed. */
  AutoCloseable stream(String ref, Consumer<ContainerStats> each) {
    Container c = daemon.get(ref);
    Stream s = new Stream(c, each);
    s.tick(null);
    return s::close;
  }

  private final class Stream {
    private final Container c;
    private final Consumer<ContainerStats> each;
    private VirtualClock.Timer timer;
    private boolean closed;

    Stream(Container c, Consumer<ContainerStats> each) {
      this.c = c;
      this.each = each;
    }

    void tick(Sample previous) {
      if (closed) {
        return;
      }
      Sample now = sample(c);
      each.accept(now.json(previous));
      timer = daemon.clock.schedule(INTERVAL, () -> tick(now));
    }

    void close() {
      closed = true;
      if (timer != null) {
        timer.cancel();
      }
    }
  }

  /** The CPU figures of no reading (a container not running, a stream's first precpu). */
  private static final CpuStats NO_CPU = new CpuStats(new CpuUsage(0, 0, 0), null, null);

  /** One reading of the counters. */
  private record Sample(
      Container c,
      long readNanos,
      boolean running,
      long cpuNanos,
      long systemNanos,
      long memory,
      Map<String, NetworkStats> networks) {

    /** The answer, with the reading before this one (null: none) as precpu. */
    ContainerStats json(Sample previous) {
      String name = "/" + c.name;
      if (!running) {
        return new ContainerStats(
            GoTime.ZERO,
            GoTime.ZERO,
            new PidsStats(null, null),
            new BlkioStats(null),
            0,
            NO_CPU,
            NO_CPU,
            new MemoryStats(null, null, null),
            name,
            c.id,
            null);
      }
      Cgroup cg = c.context.cgroup();
      long limit = cg.memoryMax() == Cgroup.UNLIMITED ? Kernel.MEM_TOTAL_BYTES : cg.memoryMax();
      Map<String, Long> stats = new LinkedHashMap<>();
      stats.put("active_anon", memory);
      stats.put("active_file", 0L);
      stats.put("anon", memory);
      stats.put("file", 0L);
      stats.put("inactive_anon", 0L);
      stats.put("inactive_file", 0L);
      stats.put("oom_kill", cg.oomKills());
      return new ContainerStats(
          GoTime.rfc3339Nano(readNanos),
          previous == null ? GoTime.ZERO : GoTime.rfc3339Nano(previous.readNanos),
          new PidsStats(cg.pids(), cg.pidsMax() == Cgroup.UNLIMITED ? null : cg.pidsMax()),
          new BlkioStats(
              List.of(
                  new BlkioEntry(8, 0, "read", 0),
                  new BlkioEntry(8, 0, "write", c.rootFs().bytesWritten()))),
          0,
          cpu(this),
          previous == null ? NO_CPU : cpu(previous),
          new MemoryStats(memory, stats, limit),
          name,
          c.id,
          networks.isEmpty() ? null : networks);
    }

    private static CpuStats cpu(Sample s) {
      // what a busy loop burns is user time; the simulator keeps no kernel time
      return new CpuStats(
          new CpuUsage(s.cpuNanos, 0, s.cpuNanos), s.systemNanos, (long) Kernel.NCPU);
    }
  }

  private Sample sample(Container c) {
    long now = daemon.clock.nowNanos();
    boolean running = c.isRunning() && c.context != null;
    long cpu = running ? c.context.cgroup().cpuNanos() : 0;
    // memory.current: the programs' resident sizes (what ps shows as RSS) and the data they hold
    long memory = 0;
    if (running) {
      memory = c.context.cgroup().memory();
      for (SimProc p : c.context.processes()) {
        memory += Procps.rssKib(p.command()) * 1024;
      }
    }
    // system_cpu_usage: the host's CPU time in all, every CPU busy or idle since the clock began
    long system = Math.max(0, now - VirtualClock.DEFAULT_START_NANOS) * Kernel.NCPU;
    return new Sample(c, now, running, cpu, system, memory, running ? networks(c) : Map.of());
  }

  /**
   * The counters of the container's own interfaces (not lo), as the frame data plane counts them on
   * its veth ends; none for {@code --network host} (the host's are not the container's) or {@code
   * none}.
   */
  private Map<String, NetworkStats> networks(Container c) {
    Sandbox sb = daemon.network.sandbox(c.id);
    if (sb == null || sb.netns() == null || "host".equals(daemon.network.mode(c.id))) {
      return Map.of();
    }
    Map<String, NetworkStats> out = new TreeMap<>();
    for (NetDevice d : sb.netns().devices()) {
      if (!d.kind().equals("loopback") && !d.name().equals("lo")) {
        out.put(
            d.name(),
            new NetworkStats(d.rxBytes(), d.rxPackets(), 0, 0, d.txBytes(), d.txPackets(), 0, 0));
      }
    }
    return out;
  }
}
