package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.Cgroup;
import dev.ddlab.sim.shell.Ast.AndOr;
import dev.ddlab.sim.shell.Interpreter.Job;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * A shell's background jobs and its forks: {@code cmd &} starts a job, the table {@code jobs}
 * lists, the finished jobs bash announces as "Done", {@code $!}, and the pids limit every fork
 * meets first. The {@link Interpreter} runs a job's commands; this class decides whether it may
 * start and keeps what the shell knows about it.
 */
final class Jobs {
  private final Interpreter sh;
  private final TreeMap<Integer, Job> table = new TreeMap<>();
  private final Map<Integer, Task> tasks = new HashMap<>();
  private final Map<Integer, List<Waiter>> waiters = new HashMap<>();

  /** Who waits for a job's end; {@code fg} takes the job's notice ("[1]+ Done") with it. */
  private record Waiter(IntConsumer done, boolean notice) {}

  private final List<Job> finished = new ArrayList<>();
  private int lastBackgroundPid;
  private int lastStartedPid;

  Jobs(Interpreter sh) {
    this.sh = sh;
  }

  /** The jobs still running, by number. */
  List<Job> list() {
    return List.copyOf(table.values());
  }

  /** Jobs that ended since the last call, for bash's "[1]+ Done" notices. */
  List<Job> drainFinished() {
    List<Job> out = List.copyOf(finished);
    finished.clear();
    return out;
  }

  /** {@code $!}: the process ID of the last job started, empty before the first. */
  String lastBackgroundPid() {
    return lastBackgroundPid == 0 ? "" : String.valueOf(lastBackgroundPid);
  }

  /** A command started a program as process {@code pid} (0: it ran none). */
  void programStarted(int pid) {
    if (pid != 0) {
      lastStartedPid = pid;
    }
  }

  /**
   * Forks a background job; false, after the shell's message and the end of the command line, when
   * the fork fails over a pids limit. A job started inside another job belongs to a subshell: it
   * gets no job number and no notice.
   */
  boolean start(AndOr command, Io handed) {
    Io io = sh.fds().resolve(handed); // after exec >log, the job writes to the log
    ShellRuntime runtime = sh.runtime();
    Cgroup cgroup = runtime.cgroup();
    if (cgroup != null && !cgroup.tryFork()) {
      forkFailed(io);
      return false;
    }
    Ast.SimpleCommand lone =
        command.pipelines().size() == 1
                && command.pipelines().get(0).commands().size() == 1
                && command.pipelines().get(0).commands().get(0) instanceof Ast.SimpleCommand c
            ? c
            : null;
    Task task = new Task(io.job(), cgroup, lone);
    lastStartedPid = 0;
    // the job is a subshell: what it sets, defines, changes to or exits stays in it
    ShellState own = sh.fork();
    if (io.background()) {
      sh.resumer(
              own,
              () ->
                  sh.runAndOr(
                      command,
                      0,
                      new Io(null, io.out(), io.err(), true, task),
                      st -> task.release()))
          .run();
      lastBackgroundPid = lastStartedPid != 0 ? lastStartedPid : runtime.allocatePid();
      return true;
    }
    int number = table.isEmpty() ? 1 : table.lastKey() + 1;
    table.put(number, new Job(number, 0, command.source()));
    tasks.put(number, task);
    // bash prints "[n] pid" before anything the job writes; hold the job's output until then.
    Deferred out = new Deferred(io.out());
    Deferred err = new Deferred(io.err());
    Runnable run =
        () ->
            sh.runAndOr(
                command,
                0,
                new Io(null, out, err, true, task),
                st -> {
                  task.release();
                  tasks.remove(number);
                  Job j = table.remove(number);
                  List<Waiter> w = waiters.getOrDefault(number, List.of());
                  waiters.remove(number);
                  if (j != null && w.stream().allMatch(Waiter::notice)) {
                    boolean signaled = task.killed() && st == task.killStatus();
                    finished.add(new Job(number, j.pid(), j.command(), st, signaled));
                  }
                  w.forEach(c -> c.done().accept(st));
                });
    sh.resumer(own, run).run();
    int jobPid = lastStartedPid != 0 ? lastStartedPid : runtime.allocatePid();
    lastBackgroundPid = jobPid;
    if (table.containsKey(number)) {
      table.put(number, new Job(number, jobPid, command.source()));
    } else {
      finished.replaceAll(
          j ->
              j.number() == number
                  ? new Job(number, jobPid, j.command(), j.status(), j.signaled())
                  : j);
    }
    if (sh.interactive()) {
      io.err().accept("[" + number + "] " + jobPid + "\n");
    }
    err.release();
    out.release();
    return true;
  }

  /**
   * The job a bash jobspec names: {@code %N}, {@code %%} / {@code %+} / {@code %} (the current,
   * i.e. the newest), {@code %-} (the one before), {@code %STRING} (the command starts with it),
   * {@code %?STRING} (contains it); null when no running job matches.
   */
  Job find(String spec) {
    if (!spec.startsWith("%") || table.isEmpty()) {
      return null;
    }
    String s = spec.substring(1);
    List<Job> running = List.copyOf(table.values());
    if (s.isEmpty() || s.equals("%") || s.equals("+")) {
      return running.get(running.size() - 1);
    }
    if (s.equals("-")) {
      return running.size() > 1 ? running.get(running.size() - 2) : running.get(0);
    }
    if (s.chars().allMatch(Character::isDigit)) {
      return s.length() > 9 ? null : table.get(Integer.parseInt(s));
    }
    boolean contains = s.startsWith("?");
    String text = contains ? s.substring(1) : s;
    for (int i = running.size() - 1; i >= 0; i--) {
      Job j = running.get(i);
      if (contains ? j.command().contains(text) : j.command().startsWith(text)) {
        return j;
      }
    }
    return null;
  }

  /** The running job whose process is {@code pid}, or null. */
  Job byPid(int pid) {
    for (Job j : table.values()) {
      if (j.pid() == pid) {
        return j;
      }
    }
    return null;
  }

  /**
   * Kills a running job with {@code status} (128 + the signal): the program it runs stops, and it
   * starts nothing more; false when no such job runs.
   */
  boolean kill(Job job, int status) {
    Task task = tasks.get(job.number());
    if (task == null) {
      return false;
    }
    task.kill(status);
    return true;
  }

  /**
   * Calls {@code done} with the running job's status when it ends; with {@code notice} false
   * ({@code fg}) the job is not reported as bash reports background jobs ("[1]+ Done").
   */
  void whenDone(Job job, boolean notice, IntConsumer done) {
    waiters
        .computeIfAbsent(job.number(), k -> new ArrayList<>())
        .add(new Waiter(sh.resumer(done), notice)); // in the waiter's state
  }

  /** Stops waiting for a job (Ctrl-C during {@code wait}). */
  void stopWaiting(Job job, IntConsumer done) {
    List<Waiter> w = waiters.get(job.number());
    if (w != null) {
      w.removeIf(x -> x.done() == done);
    }
  }

  /** The task of a running job (to find what runs in it), or null. */
  Task task(Job job) {
    return tasks.get(job.number());
  }

  /** Whether a fork would fail now (the shell's cgroup is at its pids limit). */
  boolean forkRefused() {
    Cgroup cgroup = sh.runtime().cgroup();
    return cgroup != null && cgroup.full();
  }

  /**
   * fork(2) failed with EAGAIN: the shell's message, and the command line ends (bash's and ash's
   * jump to the top level: an interactive shell is back at its prompt, any other exits), so a fork
   * bomb's whole tree ends with it.
   */
  void forkFailed(Io io) {
    io.errln(sh.dialect().forkFailed(sh.name()));
    sh.abortAll(sh.dialect().forkFailedStatus());
  }

  /** Buffers text until released, then passes it through. */
  private static final class Deferred implements Consumer<String> {
    private final Consumer<String> target;
    private StringBuilder held = new StringBuilder();

    Deferred(Consumer<String> target) {
      this.target = target;
    }

    @Override
    public void accept(String s) {
      if (held != null) {
        held.append(s);
      } else {
        target.accept(s);
      }
    }

    void release() {
      String h = held.toString();
      held = null;
      if (!h.isEmpty()) {
        target.accept(h);
      }
    }
  }

  /**
   * Sends a signal to a running job: one that terminates ends what it runs and everything it would
   * run next (status 128 + the signal, reported as bash reports it: "Terminated"); others have no
   * effect here (the simulator does not stop or resume jobs). False when the job has ended.
   */
  boolean signal(Job job, dev.ddlab.sim.runtime.Signal signal) {
    return !signal.terminatesByDefault() || kill(job, 128 + signal.number());
  }

  /** Whether the command with this stdio runs in the job (or in a job the job started). */
  boolean runs(Io io, Job job) {
    Task t = task(job);
    return t != null && io.job() != null && io.job().root() == t;
  }

  /** The text bash prints for a finished job. */
  static String notice(Job j, boolean current) {
    dev.ddlab.sim.runtime.Signal signal =
        j.signaled() ? dev.ddlab.sim.runtime.Signal.byNumber(j.status() - 128) : null;
    String state =
        signal != null ? signal.description() : j.status() == 0 ? "Done" : "Exit " + j.status();
    return String.format("[%d]%s  %-24s%s", j.number(), current ? "+" : "-", state, j.command());
  }
}
