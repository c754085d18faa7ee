package dev.ddlab.sim.shell;

import dev.ddlab.sim.clock.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The host's commands that wait on virtual time. {@code sleep}: the durations its arguments add up
 * to, a foreground timer Ctrl-C cancels. coreutils' {@code timeout DURATION COMMAND [ARG]…}: runs
 * the command as a job of its own ({@link Task}, so that everything it runs registers how it stops)
 * and kills it once the duration of virtual time has passed: status 124, or the command's own when
 * it ended first. So {@code timeout 3 docker events | grep -c start} prints its count after three
 * virtual seconds. Errors in coreutils 8.32's words: {@code Try 'timeout --help' …} alone for a
 * missing operand (125), {@code invalid time interval} (125), {@code failed to run command} (127).
 */
final class TimedCommands {
  /** Starts a program as the shell's runtime does. */
  @FunctionalInterface
  interface Start {
    void run(List<String> argv, Io io, IntConsumer done);
  }

  /**
   * A running {@code sleep}: its timer, and how SIGINT ends it alone (130, the line going on, as
   * under bash's job control with an INT trap set), false once it has ended.
   */
  record Sleep(VirtualClock.Timer timer, java.util.function.BooleanSupplier interrupt) {}

  private TimedCommands() {}

  /**
   * {@code sleep ARGS}; false (the error printed, {@code done} called) when an argument is no
   * duration. {@code running} receives the sleep once it waits.
   */
  static boolean sleep(
      List<String> args,
      Io io,
      VirtualClock clock,
      java.util.function.Consumer<VirtualClock.Timer> timer,
      java.util.function.Consumer<Sleep> running,
      IntConsumer done) {
    if (args.isEmpty()) {
      io.errln("sleep: missing operand");
      io.errln("Try 'sleep --help' for more information.");
      done.accept(1);
      return false;
    }
    long total = 0;
    for (String a : args) {
      Duration d = parseDuration(a);
      if (d == null) {
        io.errln("sleep: invalid time interval '" + a + "'");
        io.errln("Try 'sleep --help' for more information.");
        done.accept(1);
        return false;
      }
      total += d.toNanos();
    }
    IntConsumer end = JobControl.once(done);
    VirtualClock.Timer[] t = new VirtualClock.Timer[1];
    Runnable unregister =
        JobControl.onKill(
            io,
            io.background(),
            st -> {
              t[0].cancel();
              end.accept(st);
            });
    t[0] =
        clock.schedule(
            Duration.ofNanos(total),
            () -> {
              unregister.run();
              end.accept(0);
            });
    timer.accept(t[0]);
    running.accept(
        new Sleep(
            t[0],
            () -> {
              if (!t[0].isPending()) {
                return false;
              }
              t[0].cancel();
              unregister.run();
              end.accept(130);
              return true;
            }));
    return true;
  }

  /**
   * Runs {@code timeout} with {@code args}; {@code runs} says whether a name is a program the host
   * can run (not a builtin alone), {@code timer} registers the timer Ctrl-C cancels.
   */
  static void timeout(
      List<String> args,
      Io io,
      VirtualClock clock,
      java.util.function.Predicate<String> runs,
      java.util.function.Consumer<VirtualClock.Timer> timer,
      Start start,
      IntConsumer done) {
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1) {
      String a = args.get(i++);
      if ((a.equals("-s") || a.equals("-k")) && i < args.size()) {
        i++; // the signal, the kill-after: the simulated command stops at the first signal
      }
    }
    if (args.size() - i < 2) {
      io.errln("Try 'timeout --help' for more information.");
      done.accept(125);
      return;
    }
    Duration d = parseDuration(args.get(i));
    if (d == null) {
      io.errln("timeout: invalid time interval '" + args.get(i) + "'");
      io.errln("Try 'timeout --help' for more information.");
      done.accept(125);
      return;
    }
    List<String> argv = args.subList(i + 1, args.size());
    if (!runs.test(argv.get(0))) {
      io.errln("timeout: failed to run command '" + argv.get(0) + "': No such file or directory");
      done.accept(127);
      return;
    }
    Task job = new Task(null, null, null);
    boolean[] expired = {false};
    VirtualClock.Timer t =
        clock.schedule(
            d,
            () -> {
              expired[0] = true;
              job.kill(128 + 15); // SIGTERM
            });
    timer.accept(t);
    IntConsumer end = JobControl.once(done);
    start.run(
        argv,
        new Io(io.in(), io.out(), io.err(), io.background(), job, io.tested()),
        st -> {
          t.cancel();
          job.release();
          end.accept(expired[0] ? 124 : st);
        });
  }

  /**
   * "10", "10s", "5m", "1h", "1d", "0.5", "infinity": as the container's {@code sleep} reads them
   * ({@link dev.ddlab.sim.runtime.programs.Sleep#parse}); null if invalid.
   */
  static Duration parseDuration(String s) {
    Long nanos = dev.ddlab.sim.runtime.programs.Sleep.parse(s);
    if (nanos == null) {
      return null;
    }
    return nanos < 0 ? Duration.ofDays(365L * 100) : Duration.ofNanos(nanos);
  }
}
