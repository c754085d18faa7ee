package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.sim.runtime.Cgroup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * What an {@link Interpreter} runs on: the host shell of a node, or a shell process inside a
 * container. The interpreter does the language (expansion, redirections, pipes, lists, builtins);
 * the runtime finds and runs everything else.
 */
public interface ShellRuntime {
  FileSystem fs();

  String cwd();

  void cwd(String path);

  /**
   * Runs a command that is not a builtin. Calls {@code done} exactly once with its exit status,
   * possibly later (a timer, a process that exits on its own, an attached container).
   *
   * @return the PID of the process started for it, or 0 when none
   */
  int run(List<String> argv, Map<String, String> env, Io io, boolean background, IntConsumer done);

  /**
   * Runs {@code action} after {@code delay} of virtual time (a busy loop yields so time can pass).
   * A foreground wait ends with Ctrl-C like a foreground {@code sleep}.
   */
  void after(Duration delay, boolean background, Runnable action);

  /**
   * As {@link #after}, the delay being CPU time a busy program burned: charged to the shell's
   * {@link #cgroup} (what docker stats shows) when it is over, before {@code next} runs.
   */
  default void compute(Duration d, boolean background, Runnable next) {
    afterCpu(
        d,
        background,
        () -> {
          Cgroup cg = cgroup();
          if (cg != null) {
            cg.chargeCpu(d.toNanos());
          }
          next.run();
        });
  }

  /**
   * As {@link #after}, for a step of CPU work ({@link
   * dev.ddlab.sim.clock.VirtualClock#scheduleCpu}: held while the session's CPU slice is spent).
   */
  default void afterCpu(Duration delay, boolean background, Runnable action) {
    after(delay, background, action);
  }

  /**
   * The cgroup the shell's forks count in (its container's, or the login's on the host); null when
   * nothing limits them.
   */
  default Cgroup cgroup() {
    return null;
  }

  /**
   * Whether a program this runtime starts is a process counted in its {@link #cgroup} of its own (a
   * container's, which {@code Kernel.start} charges), so that a background job that execs it gives
   * its own task up; false when programs run inside the shell (the host's tools), and the job keeps
   * its task until the program ends.
   */
  default boolean programsAreTasks() {
    return true;
  }

  /** The resource limits the shell's process started with ({@code ulimit}). */
  default dev.ddlab.sim.runtime.Rlimits rlimits() {
    return dev.ddlab.sim.runtime.Rlimits.container();
  }

  /**
   * Sets the memory the shell holds (its variables), charged to its cgroup; false when the OOM
   * killer killed the shell for it (it must stop at once).
   */
  default boolean rss(long bytes) {
    return true;
  }

  /** A PID for a background job that started no process of its own (e.g. {@code echo hi &}). */
  int allocatePid();

  /** The {@code exit} builtin (after the interpreter stopped running further commands). */
  void exit(int status);

  /**
   * The next line of the shell's own standard input (what is typed at its terminal or piped into
   * it), with its newline, or null at the end of input; {@code then} may get it later. {@code
   * prompt} (null for none) is shown first when that input is a terminal, which does not echo the
   * line when {@code silent} ({@code read -s}: a password). The default is a shell whose input no
   * line reaches.
   */
  default void readLine(
      String prompt, boolean silent, Io io, java.util.function.Consumer<String> then) {
    then.accept(null);
  }

  /**
   * The {@code exec} builtin's command replaces the shell's process (same PID; the shell's
   * interpreter never resumes). False when this runtime cannot (the default: the host's shell has
   * no process of its own to replace); the interpreter then runs the command and exits.
   */
  default boolean replaceWith(List<String> argv, Map<String, String> env, Io io) {
    return false;
  }

  /** Whether {@code name} would run something (for {@code type} and completion). */
  boolean has(String name);
}
