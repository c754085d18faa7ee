package dev.ddlab.sim.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A process's resource limits (getrlimit), by go-units' names ({@code nofile}, {@code nproc}, …),
 * soft and hard, {@link #UNLIMITED} for RLIM_INFINITY. A container's start from what a Docker 24
 * daemon under systemd passes on (docker.service has LimitNOFILE, LimitNPROC and LimitCORE set to
 * infinity, so files are 1048576 and processes and core files unlimited), with {@code --ulimit}
 * over them; the host's login has Ubuntu's.
 */
public final class Rlimits {
  public static final long UNLIMITED = -1;

  /** One limit; values in the resource's own unit (bytes, seconds, counts). */
  public record Limit(long soft, long hard) {}

  private final Map<String, Limit> limits;

  private Rlimits(Map<String, Limit> limits) {
    this.limits = limits;
  }

  /** Pending signals: the kernel sizes it from the RAM (threads-max / 2). */
  private static final long SIGPENDING = Kernel.MEM_TOTAL_BYTES / 262_144;

  private static Map<String, Limit> common() {
    Map<String, Limit> m = new LinkedHashMap<>();
    for (String unlimited : new String[] {"data", "fsize", "rss", "cpu", "as", "locks"}) {
      m.put(unlimited, new Limit(UNLIMITED, UNLIMITED));
    }
    m.put("nice", new Limit(0, 0));
    m.put("sigpending", new Limit(SIGPENDING, SIGPENDING));
    m.put("msgqueue", new Limit(819_200, 819_200));
    m.put("rtprio", new Limit(0, 0));
    m.put("rttime", new Limit(UNLIMITED, UNLIMITED));
    m.put("stack", new Limit(8L << 20, UNLIMITED));
    return m;
  }

  /** A container's limits before {@code --ulimit}. */
  public static Rlimits container() {
    Map<String, Limit> m = common();
    m.put("core", new Limit(UNLIMITED, UNLIMITED));
    m.put("memlock", new Limit(8L << 20, 8L << 20));
    m.put("nofile", new Limit(1_048_576, 1_048_576));
    m.put("nproc", new Limit(UNLIMITED, UNLIMITED));
    return new Rlimits(m);
  }

  /** The host login's (Ubuntu 22.04's defaults; {@code nproc} is the login's task limit). */
  public static Rlimits login(long tasksMax) {
    Map<String, Limit> m = common();
    m.put("core", new Limit(0, UNLIMITED));
    m.put("memlock", new Limit(64L << 20, 64L << 20));
    m.put("nofile", new Limit(1024, 1_048_576));
    m.put("nproc", new Limit(tasksMax, tasksMax));
    return new Rlimits(m);
  }

  /** These limits with one set ({@code --ulimit nofile=1024:2048}, {@code ulimit -n 100}). */
  public Rlimits with(String name, long soft, long hard) {
    Map<String, Limit> m = new LinkedHashMap<>(limits);
    m.put(name, new Limit(soft, hard));
    return new Rlimits(m);
  }

  /** A limit by name; unlimited for one not kept. */
  public Limit get(String name) {
    return limits.getOrDefault(name, new Limit(UNLIMITED, UNLIMITED));
  }
}
