package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.Executables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * env, in busybox's and GNU coreutils' words: {@code -i} (and a lone {@code -}), {@code -u NAME},
 * {@code -0}, their long forms, then {@code NAME=VALUE} words, then PROG and its arguments, which
 * run with the changed environment: in a container as execve(2) does it (the process keeps its PID,
 * {@link ToolContext#exec}); on the host through the host shell's runtime ({@link HostShell}).
 * Without PROG the environment is printed. Texts checked against busybox 1.35 under the private
 * dockerd (the simulated alpine words options as its busybox 1.36.1 with musl does) and coreutils 9
 * on this machine.
 */
final class EnvCommand {
  private EnvCommand() {}

  private static final String BUSYBOX_USAGE =
      """
      BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.

      Usage: env [-i0] [-u NAME]... [-] [NAME=VALUE]... [PROG ARGS]

      Print current environment or run PROG after setting up environment

      \t-, -i\tStart with empty environment
      \t-0\tNUL terminated output
      \t-u NAME\tRemove variable from environment""";

  /**
   * What a command line of env asks for: the environment PROG gets (or env prints) and PROG's argv
   * (empty: print); or the error env prints, with its status.
   */
  record Parsed(Map<String, String> env, List<String> prog, boolean nul, String error, int status) {
    boolean failed() {
      return error != null;
    }
  }

  static Parsed parse(List<String> args, Map<String, String> current, boolean busybox) {
    boolean clear = false;
    boolean nul = false;
    List<String> unset = new ArrayList<>();
    int i = 0;
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        i++;
        break;
      }
      if (a.equals("-")) {
        clear = true;
        continue;
      }
      if (!a.startsWith("-")) {
        break;
      }
      if (a.startsWith("--")) {
        String name = a.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        switch (name) {
          case "ignore-environment" -> clear = true;
          case "null" -> nul = true;
          case "unset" -> {
            if (value == null) {
              if (i + 1 >= args.size()) {
                return missing(busybox, "unset", true);
              }
              value = args.get(++i);
            }
            unset.add(value);
          }
          default -> {
            return busybox
                ? usage("env: unrecognized option: " + name)
                : gnu("env: unrecognized option '" + a + "'");
          }
        }
        continue;
      }
      for (int j = 1; j < a.length(); j++) {
        char c = a.charAt(j);
        if (c == 'i') {
          clear = true;
        } else if (c == '0') {
          nul = true;
        } else if (c == 'u') {
          String value;
          if (j + 1 < a.length()) {
            value = a.substring(j + 1);
          } else if (i + 1 < args.size()) {
            value = args.get(++i);
          } else {
            return missing(busybox, "u", false);
          }
          unset.add(value);
          break;
        } else {
          return busybox
              ? usage("env: unrecognized option: " + c)
              : gnu("env: invalid option -- '" + c + "'");
        }
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    if (!clear) {
      env.putAll(current);
    }
    unset.forEach(env::remove);
    for (; i < args.size(); i++) {
      String a = args.get(i);
      int eq = a.indexOf('=');
      if (eq <= 0) {
        break;
      }
      env.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return new Parsed(env, List.copyOf(args.subList(i, args.size())), nul, null, 0);
  }

  private static Parsed missing(boolean busybox, String option, boolean longForm) {
    if (busybox) {
      return usage("env: option requires an argument: " + option);
    }
    return gnu(
        longForm
            ? "env: option '--" + option + "' requires an argument"
            : "env: option requires an argument -- '" + option + "'");
  }

  private static Parsed usage(String first) {
    return new Parsed(null, List.of(), false, first + "\n" + BUSYBOX_USAGE, 1);
  }

  private static Parsed gnu(String first) {
    return new Parsed(
        null, List.of(), false, first + "\nTry 'env --help' for more information.", 125);
  }

  /** Prints the environment: one {@code NAME=VALUE} a line (NUL-terminated with -0). */
  static void print(Parsed p, Io io) {
    StringBuilder sb = new StringBuilder();
    p.env().forEach((k, v) -> sb.append(k).append('=').append(v).append(p.nul() ? '\0' : '\n'));
    io.out().accept(sb.toString());
  }

  /** env's words for a PROG it could not start, and the status: 127 (missing) or 126. */
  static int cannotRun(Io io, boolean busybox, String prog, Executables.Failure failure) {
    boolean missing =
        failure == Executables.Failure.NOT_FOUND_IN_PATH
            || failure == Executables.Failure.NO_SUCH_FILE;
    String reason = missing ? "No such file or directory" : "Permission denied";
    io.errln(
        busybox
            ? "env: can't execute '" + prog + "': " + reason
            : "env: '" + prog + "': " + reason);
    return missing ? 127 : 126;
  }

  /**
   * The env tool: prints, or replaces its process with PROG where the context can ({@link
   * ToolContext#exec}), in which case {@code done} is not called: PROG ends the process.
   */
  static void run(ToolContext c, List<String> args, IntConsumer done) {
    Parsed p = parse(args, c.env(), c.busybox());
    if (p.failed()) {
      c.io().errln(p.error());
      done.accept(p.status());
      return;
    }
    if (p.prog().isEmpty()) {
      print(p, c.io());
      done.accept(0);
      return;
    }
    Executables.Failure failure = c.exec(p.prog(), p.env());
    if (failure != null) {
      done.accept(cannotRun(c.io(), c.busybox(), p.prog().get(0), failure));
    }
  }
}
