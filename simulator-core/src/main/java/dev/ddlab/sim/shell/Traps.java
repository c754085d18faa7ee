package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.Signal;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * {@code trap} and the commands it sets, by signal number ({@code 0} is {@code EXIT}): the EXIT
 * trap runs once when the shell ends (its script's end, {@code exit}, {@code set -e}), with {@code
 * $?} the status it ends with, which stays unless the trap exits with another; a caught signal's
 * trap runs before the next command starts (bash and ash run traps between commands), the command
 * that was running having received the signal; an empty command ignores the signal. Texts are those
 * of bash 5.2, busybox 1.36 ash and dash 0.5.12.
 */
final class Traps {
  private static final String BASH_USAGE = "trap: usage: trap [-lp] [[arg] signal_spec ...]";

  private final Interpreter sh;
  private Map<Integer, String> commands = new TreeMap<>();
  private final ArrayDeque<Integer> pending = new ArrayDeque<>();
  private boolean running;

  Traps(Interpreter sh) {
    this.sh = sh;
  }

  /** The commands set, by signal number: the running (sub)shell's ({@link ShellState}). */
  Map<Integer, String> table() {
    return commands;
  }

  void table(Map<Integer, String> t) {
    commands = t;
  }

  /** Whether a trap is set for {@code signal} (an empty command ignores it). */
  boolean isSet(Signal signal) {
    return commands.containsKey(signal.number());
  }

  /** Whether {@code trap '' SIGNAL} ignores it. */
  boolean ignores(Signal signal) {
    return "".equals(commands.get(signal.number()));
  }

  /**
   * A caught signal arrived: its trap runs before the next command. One that arrives while its own
   * trap runs is dropped ({@code trap 'kill -INT $$' INT} would otherwise run without end in one
   * step; bash loops on it for ever).
   */
  void deliver(Signal signal) {
    if (!ignores(signal) && isSet(signal) && runningSignal != signal.number()) {
      pending.add(signal.number());
    }
  }

  /** The signal whose trap runs now, or -1. */
  private int runningSignal = -1;

  /** Whether a delivered signal's trap waits to run (and no trap runs now). */
  boolean due() {
    return !pending.isEmpty() && !running;
  }

  /** Runs the traps of the signals delivered so far, then {@code then}. */
  void runDue(Io io, Runnable then) {
    Integer n = pending.poll();
    if (n == null || running) {
      then.run();
      return;
    }
    String command = commands.get(n);
    if (command == null || command.isEmpty()) {
      runDue(io, then);
      return;
    }
    runningSignal = n;
    run(
        command,
        io,
        st -> {
          runningSignal = -1;
          runDue(io, then);
        });
  }

  /**
   * The shell ends with {@code status}: the EXIT trap runs (once), then {@code then} gets the
   * status.
   */
  void runExit(Io io, int status, IntConsumer then) {
    String command = commands.remove(0);
    if (command == null || command.isEmpty() || running) {
      then.accept(status);
      return;
    }
    run(command, io, then);
  }

  private void run(String command, Io io, IntConsumer then) {
    running = true;
    sh.runTrap(
        command,
        io,
        st -> {
          running = false;
          then.accept(st);
        });
  }

  /** The {@code trap} builtin. */
  int trap(List<String> args, Io io) {
    int i = 0;
    boolean print = false;
    for (; i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1; i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        i++;
        break;
      }
      if (a.equals("-p") && sh.dialect() == Dialect.BASH) {
        print = true;
        continue;
      }
      if (a.equals("-l") && sh.dialect() == Dialect.BASH) {
        io.out().accept(SystemTools.bashSignalList()); // as kill -l; any operands are ignored
        return 0;
      }
      if (a.equals("-")) {
        break;
      }
      return badOption(io, a.substring(0, 2));
    }
    List<String> rest = args.subList(i, args.size());
    if (rest.isEmpty() || print) {
      list(io);
      return 0;
    }
    String command = rest.get(0);
    List<String> signals = rest.subList(1, rest.size());
    boolean reset = command.equals("-");
    if (signals.isEmpty() && sh.dialect() == Dialect.BASH) {
      signals = rest; // bash: "trap INT" alone resets it
      reset = true;
    }
    int status = 0;
    for (String s : signals) {
      Integer n = number(s);
      if (n == null) {
        io.errln(
            switch (sh.dialect()) {
              case BASH -> ErrorPlace.name(sh) + ": trap: " + s + ": invalid signal specification";
              case ASH ->
                  ErrorPlace.name(sh)
                      + ": trap: "
                      + ErrorPlace.ash(sh)
                      + s
                      + ": invalid signal specification";
              case DASH -> "trap: " + s + ": bad trap";
            });
        status = 1;
        continue;
      }
      if (reset) {
        commands.remove(n);
      } else {
        commands.put(n, command);
      }
    }
    return status;
  }

  /**
   * bash's pseudo-signals, numbered after the real ones in the order {@code trap} lists them: they
   * are kept and listed, not run (the simulator has no DEBUG, ERR or RETURN hooks).
   */
  private static final List<String> PSEUDO = List.of("DEBUG", "ERR", "RETURN");

  /** The signal number a name or number stands for ({@code 0}/{@code EXIT}), or null. */
  private Integer number(String s) {
    String upper = s.toUpperCase(java.util.Locale.ROOT);
    if (sh.dialect() == Dialect.BASH && PSEUDO.contains(upper)) {
      return 100 + PSEUDO.indexOf(upper);
    }
    if (s.equals("0")
        || s.equals("EXIT")
        || (sh.dialect() != Dialect.DASH && s.equalsIgnoreCase("exit"))) {
      return 0;
    }
    if (sh.dialect() == Dialect.DASH && !s.equals(s.toUpperCase(java.util.Locale.ROOT))) {
      return null; // dash knows the names in capitals only
    }
    Signal signal = Signal.parse(s);
    return signal == null ? null : signal.number();
  }

  /** {@code trap} alone: each trap as a command that would set it again. */
  private void list(Io io) {
    for (Map.Entry<Integer, String> e : commands.entrySet()) {
      String name;
      if (e.getKey() == 0) {
        name = "EXIT";
      } else if (e.getKey() >= 100) {
        name = PSEUDO.get(e.getKey() - 100);
      } else {
        String full = Signal.byNumber(e.getKey()).signalName();
        name = sh.dialect() == Dialect.BASH ? full : full.substring(3);
      }
      io.println("trap -- " + ShellOptions.singleQuoted(e.getValue(), sh.dialect()) + " " + name);
    }
  }

  private int badOption(Io io, String option) {
    switch (sh.dialect()) {
      case BASH -> {
        io.errln(ErrorPlace.name(sh) + ": trap: " + option + ": invalid option");
        io.errln(BASH_USAGE);
        return 2;
      }
      case ASH ->
          io.errln(
              ErrorPlace.name(sh) + ": trap: " + ErrorPlace.ash(sh) + "illegal option " + option);
      case DASH -> io.errln(Builtins.prefix(sh, "trap") + "Illegal option " + option);
    }
    return Builtins.specialError(sh, 2);
  }
}
