package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.Rlimits;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ulimit}: the shell process's resource limits (its container's, with {@code docker run
 * --ulimit} over Docker's defaults; the host login's on the host), printed in each shell's own
 * format ({@code -a} lists them all) and lowered for the shell itself with {@code ulimit -n 100}.
 * Raising a limit above its hard limit is refused as an unprivileged process is refused.
 */
final class UlimitBuiltin {
  /**
   * One resource: its option letter, go-units name, the bytes per unit it is shown in, and each
   * shell's label (null where that shell has no option for it).
   */
  private record Resource(char letter, String name, long unit, String bash, String ash) {}

  /** In bash's {@code ulimit -a} order; busybox ash lists its own in the same order. */
  private static final List<Resource> RESOURCES =
      List.of(
          new Resource('R', "rttime", 1, "real-time non-blocking time (microseconds, -R)", null),
          new Resource('c', "core", 1024, "core file size (blocks, -c)", "core file size (blocks)"),
          new Resource('d', "data", 1024, "data seg size (kbytes, -d)", "data seg size (kb)"),
          new Resource('e', "nice", 1, "scheduling priority (-e)", "scheduling priority"),
          new Resource('f', "fsize", 1024, "file size (blocks, -f)", "file size (blocks)"),
          new Resource('i', "sigpending", 1, "pending signals (-i)", "pending signals"),
          new Resource(
              'l', "memlock", 1024, "max locked memory (kbytes, -l)", "max locked memory (kb)"),
          new Resource('m', "rss", 1024, "max memory size (kbytes, -m)", "max memory size (kb)"),
          new Resource('n', "nofile", 1, "open files (-n)", "open files"),
          new Resource('p', "pipe", 512, "pipe size (512 bytes, -p)", null),
          new Resource(
              'q',
              "msgqueue",
              1,
              "POSIX message queues (bytes, -q)",
              "POSIX message queues (bytes)"),
          new Resource('r', "rtprio", 1, "real-time priority (-r)", "real-time priority"),
          new Resource('s', "stack", 1024, "stack size (kbytes, -s)", "stack size (kb)"),
          new Resource('t', "cpu", 1, "cpu time (seconds, -t)", "cpu time (seconds)"),
          new Resource('u', "nproc", 1, "max user processes (-u)", "max user processes"),
          new Resource('v', "as", 1024, "virtual memory (kbytes, -v)", "virtual memory (kb)"),
          new Resource('x', "locks", 1, "file locks (-x)", "file locks"));

  /** dash's table (miscbltin.c): its own names, letters and 512-byte blocks, in its order. */
  private static final List<Resource> DASH =
      List.of(
          new Resource('t', "cpu", 1, null, "time(seconds)"),
          new Resource('f', "fsize", 512, null, "file(blocks)"),
          new Resource('d', "data", 1024, null, "data(kbytes)"),
          new Resource('s', "stack", 1024, null, "stack(kbytes)"),
          new Resource('c', "core", 512, null, "coredump(blocks)"),
          new Resource('m', "rss", 1024, null, "memory(kbytes)"),
          new Resource('l', "memlock", 1024, null, "locked memory(kbytes)"),
          new Resource('p', "nproc", 1, null, "process"),
          new Resource('n', "nofile", 1, null, "nofiles"),
          new Resource('v', "as", 1024, null, "vmemory(kbytes)"),
          new Resource('w', "locks", 1, null, "locks"),
          new Resource('r', "rtprio", 1, null, "rtprio"));

  /** A pipe's capacity in 512-byte units, as the kernel reports it (not a settable limit). */
  private static final long PIPE_UNITS = 8;

  private UlimitBuiltin() {}

  static int run(Interpreter sh, List<String> args, Io io) {
    boolean bash = sh.dialect() == Dialect.BASH;
    List<Resource> table = sh.dialect() == Dialect.DASH ? DASH : RESOURCES;
    boolean hard = false;
    boolean soft = false;
    boolean all = false;
    List<Resource> chosen = new ArrayList<>();
    String value = null;
    for (String a : args) {
      if (a.startsWith("-") && a.length() > 1 && value == null) {
        for (char ch : a.substring(1).toCharArray()) {
          switch (ch) {
            case 'H' -> hard = true;
            case 'S' -> soft = true;
            case 'a' -> all = true;
            default -> {
              Resource r = find(table, ch, bash);
              if (r == null) {
                if (bash) {
                  io.errln("bash: ulimit: -" + ch + ": invalid option");
                  io.errln("ulimit: usage: ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]");
                  return 2;
                }
                io.errln("ulimit: invalid option -- '" + ch + "'");
                return 1;
              }
              chosen.add(r);
            }
          }
        }
      } else if (value == null) {
        value = a;
      }
    }
    Rlimits limits = sh.rlimits();
    if (all) {
      for (Resource r : table) {
        String label = bash ? r.bash() : r.ash();
        if (label != null) {
          io.println(row(sh.dialect(), r, label, shown(limits, r, hard && !soft)));
        }
      }
      return 0;
    }
    if (chosen.isEmpty()) {
      chosen.add(find(table, 'f', bash));
    }
    if (value == null) {
      for (Resource r : chosen) {
        String v = shown(limits, r, hard && !soft);
        io.println(chosen.size() > 1 ? row(sh.dialect(), r, bash ? r.bash() : r.ash(), v) : v);
      }
      return 0;
    }
    Resource r = chosen.get(chosen.size() - 1);
    long wanted;
    if (value.equals("unlimited")) {
      wanted = Rlimits.UNLIMITED;
    } else if (value.matches("\\d{1,15}")) {
      wanted = Long.parseLong(value) * r.unit();
    } else {
      io.errln(
          bash
              ? "bash: ulimit: " + value + ": invalid number"
              : ErrorPlace.name(sh) + ": invalid number '" + value + "'");
      return 1;
    }
    Rlimits.Limit now = limits.get(r.name());
    boolean setSoft = soft || !hard;
    boolean setHard = hard || !soft;
    if (r.name().equals("pipe") || above(wanted, now.hard())) {
      io.errln(
          bash
              ? "bash: ulimit: " + label(r) + ": cannot modify limit: Operation not permitted"
              : ErrorPlace.name(sh) + ": error setting limit: Operation not permitted");
      return 1;
    }
    sh.rlimits(limits.with(r.name(), setSoft ? wanted : now.soft(), setHard ? wanted : now.hard()));
    return 0;
  }

  /** Whether {@code a} exceeds {@code b}, either being unlimited. */
  private static boolean above(long a, long b) {
    if (b == Rlimits.UNLIMITED) {
      return false;
    }
    return a == Rlimits.UNLIMITED || a > b;
  }

  private static Resource find(List<Resource> table, char letter, boolean bash) {
    for (Resource r : table) {
      if (r.letter() == letter && (bash ? r.bash() : r.ash()) != null) {
        return r;
      }
    }
    return null;
  }

  /** bash's name of the resource in its errors ("open files"). */
  private static String label(Resource r) {
    int paren = r.bash().indexOf(" (");
    return r.bash().substring(0, paren);
  }

  private static String shown(Rlimits limits, Resource r, boolean hard) {
    if (r.name().equals("pipe")) {
      return String.valueOf(PIPE_UNITS);
    }
    Rlimits.Limit l = limits.get(r.name());
    long v = hard ? l.hard() : l.soft();
    return v == Rlimits.UNLIMITED ? "unlimited" : String.valueOf(v / r.unit());
  }

  /**
   * One line of {@code ulimit -a}: bash's name left and "(unit, -x)" right in 40 columns; busybox's
   * label in 32 columns and "(-x)"; dash's name in 20.
   */
  private static String row(Dialect dialect, Resource r, String label, String value) {
    return switch (dialect) {
      case BASH -> {
        int paren = label.indexOf(" (");
        yield String.format(
            "%-20s%20s %s", label.substring(0, paren), label.substring(paren + 1), value);
      }
      case DASH -> String.format("%-20s %s", label, value);
      default -> String.format("%-32s(-%c) %s", label, r.letter(), value);
    };
  }
}
