package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.Kernel;
import dev.ddlab.sim.volume.MountedFs;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code free} and {@code uptime}: busybox 1.36's free.c and uptime.c (the private dockerd's 1.35
 * prints the same), procps' on the host and in Debian-family images that have it. Both read the
 * node's /proc (a container sees the node's memory and boot, not its cgroup's, as on a real host).
 * The node's memory figures are fixed (the simulated node's RAM with the host's own use), and it
 * booted when the session's clock started; its load average is 0.00 (no run queue is modelled).
 */
final class SysInfoTools {
  private SysInfoTools() {}

  /** The node's memory in KiB: total, used, free, shared, buff/cache, available. */
  static final long[] MEMORY_KIB = memory();

  private static long[] memory() {
    long total = Kernel.MEM_TOTAL_BYTES / 1024;
    long used = 412_688;
    long shared = 1_052;
    long cache = 1_131_772;
    long free = total - used - cache;
    long available = free + cache - 160_096;
    return new long[] {total, used, free, shared, cache, available};
  }

  static void install(Map<String, Tool> m) {
    m.put("free", SysInfoTools::free);
    m.put("uptime", SysInfoTools::uptime);
    m.put("tty", SysInfoTools::tty);
  }

  /**
   * {@code tty [-s]}: the terminal on stdin ({@code /dev/pts/0}, the session's or the container's
   * {@code -t} one), else {@code not a tty} and status 1 (coreutils and busybox alike; private
   * dockerd: {@code docker run --rm alpine tty}, {@code docker run --rm -t alpine tty}); {@code -s}
   * prints nothing.
   */
  static int tty(ToolContext c, List<String> args) {
    boolean silent = false;
    for (String a : args) {
      if (a.equals("-s") || a.equals("--silent") || a.equals("--quiet")) {
        silent = true;
      } else if (a.startsWith("-") && a.length() > 1) {
        return FileTools.badOption(c, a.startsWith("--") ? a : a.substring(1, 2));
      }
    }
    boolean terminal = c.stdinIsTerminal();
    if (!silent) {
      c.io().println(terminal ? "/dev/pts/0" : "not a tty");
    }
    return terminal ? 0 : 1;
  }

  static int free(ToolContext c, List<String> args) {
    long unit = 1024;
    boolean human = false;
    if (!args.isEmpty() && args.get(0).startsWith("-") && args.get(0).length() > 1) {
      switch (args.get(0).charAt(1)) {
        case 'b' -> unit = 1;
        case 'k' -> unit = 1024;
        case 'm' -> unit = 1 << 20;
        case 'g' -> unit = 1 << 30;
        case 'h' -> human = true;
        default -> {
          if (c.busybox()) {
            ToolErrors.busyboxUsage(c, "\n\nUsage: free [-bkmgh]\n\nDisplay free and used memory");
          } else {
            c.io().errln("free: invalid option -- '" + args.get(0).charAt(1) + "'");
            c.io().errln("");
            c.io().errln("Usage:");
            c.io().errln(" free [options]");
          }
          return 1;
        }
      }
    }
    String cell = "%12s";
    StringBuilder b = new StringBuilder();
    b.append(c.busybox() ? "       " : "        ");
    for (String h : new String[] {"total", "used", "free", "shared", "buff/cache", "available"}) {
      b.append(String.format(Locale.ROOT, cell, h));
    }
    b.append('\n').append(c.busybox() ? "Mem:   " : "Mem:    ");
    for (long kib : MEMORY_KIB) {
      b.append(String.format(Locale.ROOT, cell, figure(kib * 1024, unit, human, c.busybox())));
    }
    b.append('\n').append(c.busybox() ? "Swap:  " : "Swap:   ");
    for (int i = 0; i < 3; i++) {
      b.append(String.format(Locale.ROOT, cell, human ? (c.busybox() ? "0" : "0B") : "0"));
    }
    c.io().println(b.toString());
    return 0;
  }

  private static String figure(long bytes, long unit, boolean human, boolean busybox) {
    if (!human) {
      return Long.toString(bytes / unit);
    }
    if (busybox) {
      return MountTools.human(bytes);
    }
    // procps: three significant figures and a unit with "i" (Gi, Mi)
    String units = "BKMGTP";
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length() - 1) {
      v /= 1024;
      u++;
    }
    String n =
        v >= 10 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    return u == 0 ? n + "B" : n + units.charAt(u) + "i";
  }

  static int uptime(ToolContext c, List<String> args) {
    if (!args.isEmpty() && args.get(0).startsWith("-") && args.get(0).length() > 1) {
      char o = args.get(0).charAt(1);
      if (c.busybox()) {
        c.io().errln("uptime: unrecognized option: " + o);
        ToolErrors.busyboxUsage(c, "\n\nUsage: uptime\n\nDisplay the time since the last boot");
      } else {
        c.io().errln("uptime: invalid option -- '" + o + "'");
        c.io().errln("");
        c.io().errln("Usage:");
        c.io().errln(" uptime [options]");
      }
      return 1;
    }
    long now = c.clock().nowNanos();
    long up = Math.max(0, now - c.clock().startNanos()) / 1_000_000_000L;
    ZonedDateTime t = Instant.ofEpochSecond(now / 1_000_000_000L).atZone(ZoneOffset.UTC);
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT, " %02d:%02d:%02d up ", t.getHour(), t.getMinute(), t.getSecond()));
    long days = up / 86_400;
    long hours = up / 3600 % 24;
    long minutes = up / 60 % 60;
    if (days > 0) {
      b.append(days).append(days == 1 ? " day, " : " days, ");
    }
    if (hours > 0) {
      b.append(String.format(Locale.ROOT, "%2d:%02d", hours, minutes));
    } else {
      b.append(minutes).append(" min");
    }
    // no one is logged in to a container; the learner is, on the host
    b.append(c.fs() instanceof MountedFs ? ",  0 users" : ",  1 user");
    b.append(",  load average: 0.00, 0.00, 0.00");
    c.io().println(b.toString());
    return 0;
  }
}
