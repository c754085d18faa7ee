package dev.ddlab.sim.shell;

import dev.ddlab.engine.Attachment;
import dev.ddlab.sim.runtime.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Job control beyond {@code &} and {@code jobs}, for the host's bash and the shells in containers
 * (busybox ash, dash, bash), each with its own wording: {@code kill} with PIDs and jobspecs ({@code
 * %1}, {@code %%}, {@code %sleep}), {@code wait} and (on the host) {@code fg}, and how each
 * background program stops when its job is killed (a sleep's timer is cancelled, a tool runs its
 * interrupt, {@code docker compose up &} stops its containers as on Ctrl-C). A killed job starts
 * nothing more and is reported as bash reports it ({@code [1]+ Terminated sleep 100}).
 */
final class JobControl {
  /** The stream of a background docker command, and how to end its job. */
  private record BackgroundStream(Attachment attachment, Io io, IntConsumer done) {}

  private final Interpreter sh;
  private final Dialect dialect;
  private final SystemTools.Killer others;
  private final Consumer<Runnable> foregroundStop;
  private final Supplier<HostShell.AttachHandler> terminal;
  private final List<BackgroundStream> streams = new ArrayList<>();

  /**
   * @param others signals a PID that is no job of this shell (false: no such process)
   * @param foregroundStop registers what Ctrl-C does to the foreground command
   * @param terminal where an attaching command hands its stream (null without a terminal)
   */
  JobControl(
      Interpreter sh,
      Dialect dialect,
      SystemTools.Killer others,
      Consumer<Runnable> foregroundStop,
      Supplier<HostShell.AttachHandler> terminal) {
    this.sh = sh;
    this.dialect = dialect;
    this.others = others;
    this.foregroundStop = foregroundStop;
    this.terminal = terminal;
  }

  /**
   * Registers how a program stops when its job is killed (a background job, or {@code timeout}'s);
   * the returned runnable unregisters it (the program ended by itself). Nothing to do for a program
   * of the foreground, which Ctrl-C stops.
   */
  static Runnable onKill(Io io, boolean background, IntConsumer stop) {
    return io.job() != null ? io.job().onKill(stop) : () -> {};
  }

  /** {@code done}, called once at most: a killed program and its own end may both report. */
  static IntConsumer once(IntConsumer done) {
    boolean[] called = {false};
    return st -> {
      if (!called[0]) {
        called[0] = true;
        done.accept(st);
      }
    };
  }

  // ---- kill -------------------------------------------------------------------------------------

  /** The shell's {@code kill}: signals to PIDs and to jobs by jobspec. */
  int kill(List<String> args, Io io) {
    List<String> resolved = new ArrayList<>();
    int status = 0;
    for (String a : args) {
      if (a.startsWith("%")) {
        Interpreter.Job j = sh.jobTable().find(a);
        if (j == null) {
          io.errln(noSuchJob("kill", a));
          status = dialect == Dialect.BASH ? 1 : 2;
          continue;
        }
        resolved.add(String.valueOf(j.pid()));
      } else {
        resolved.add(a);
      }
    }
    if (status != 0 && resolved.stream().allMatch(a -> a.startsWith("-"))) {
      return status; // every target was a jobspec that named no job
    }
    if (dialect == Dialect.DASH && resolved.equals(List.of("-l"))) {
      io.out().accept(SystemTools.dashSignalList());
      return status;
    }
    boolean bash = dialect == Dialect.BASH;
    int st =
        SystemTools.kill(
            resolved, io, bash ? ErrorPlace.name(sh) + ": kill" : sh.name(), !bash, this::kill);
    return status != 0 ? status : st;
  }

  /** A signal to the job whose process is {@code pid}, or else to that process. */
  boolean kill(int pid, Signal signal) {
    Interpreter.Job j = sh.jobTable().byPid(pid);
    return j != null ? sh.jobTable().signal(j, signal) : others.kill(pid, signal);
  }

  /** "bash: kill: %5: no such job", "sh: kill: %5: no such job", "sh: 1: kill: No such job: %5". */
  private String noSuchJob(String builtin, String spec) {
    return switch (dialect) {
      case BASH -> "bash: " + builtin + ": " + spec + ": no such job";
      case ASH -> ErrorPlace.name(sh) + ": " + builtin + ": " + spec + ": no such job";
      case DASH ->
          ErrorPlace.name(sh)
              + ": "
              + ErrorPlace.dash(sh)
              + ": "
              + builtin
              + ": No such job: "
              + spec;
    };
  }

  // ---- wait and fg ------------------------------------------------------------------------------

  /**
   * {@code wait [ID…]}: until every job (or the ones named) ended; the status of the last one
   * named, 0 without operands. Ctrl-C ends the wait (130), not the jobs.
   */
  void waitFor(List<String> args, Io io, IntConsumer done) {
    List<Interpreter.Job> targets = new ArrayList<>();
    int bad = 0;
    for (String a : args) {
      Interpreter.Job j = null;
      if (a.startsWith("%")) {
        j = sh.jobTable().find(a);
        if (j == null) {
          io.errln(noSuchJob("wait", a));
          bad = dialect == Dialect.BASH ? 127 : 2;
          continue;
        }
      } else if (!a.isEmpty() && a.length() < 10 && a.chars().allMatch(Character::isDigit)) {
        j = sh.jobTable().byPid(Integer.parseInt(a));
        if (j == null) {
          // ash and dash say nothing about a PID that is not their child
          if (dialect == Dialect.BASH) {
            io.errln("bash: wait: pid " + a + " is not a child of this shell");
          }
          bad = 127;
          continue;
        }
      } else {
        io.errln(
            switch (dialect) {
              case BASH -> "bash: wait: `" + a + "': not a pid or valid job spec";
              case ASH -> ErrorPlace.name(sh) + ": wait: Illegal number: " + a;
              case DASH ->
                  ErrorPlace.name(sh) + ": " + ErrorPlace.dash(sh) + ": wait: Illegal number: " + a;
            });
        bad = dialect == Dialect.BASH ? 1 : 2;
        continue;
      }
      targets.add(j);
    }
    if (args.isEmpty()) {
      targets.addAll(sh.jobTable().list());
    }
    if (targets.isEmpty()) {
      done.accept(bad);
      return;
    }
    IntConsumer finish = once(done);
    int[] left = {targets.size()};
    int[] last = {0};
    List<IntConsumer> waits = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      boolean isLast = i == targets.size() - 1;
      IntConsumer w =
          st -> {
            if (isLast) {
              last[0] = st;
            }
            if (--left[0] == 0) {
              finish.accept(args.isEmpty() ? 0 : last[0]);
            }
          };
      waits.add(w);
      sh.jobTable().whenDone(targets.get(i), true, w);
    }
    for (Interpreter.Job j : targets) {
      if (toTerminal(j)) {
        return; // a streaming docker command's output shows live; Ctrl-C goes to it, as with fg
      }
    }
    foregroundStop.accept(
        () -> {
          for (int i = 0; i < targets.size(); i++) {
            sh.jobTable()
                .stopWaiting(targets.get(i), waits.get(i)); // the shell ends the line with 130
          }
        });
  }

  /**
   * {@code fg [%N]}: prints the job's command and waits for it in the foreground; Ctrl-C sends it
   * SIGINT. A background docker command's stream goes back to the terminal, live.
   */
  void fg(List<String> args, Io io, IntConsumer done) {
    String spec = args.isEmpty() ? "%%" : args.get(0);
    Interpreter.Job job = sh.jobTable().find(spec.startsWith("%") ? spec : "%" + spec);
    if (job == null) {
      io.errln("bash: fg: " + (args.isEmpty() ? "current" : spec) + ": no such job");
      done.accept(1);
      return;
    }
    io.println(job.command());
    boolean[] interrupted = {false};
    sh.jobTable()
        .whenDone(
            job,
            false,
            st -> {
              if (!interrupted[0]) {
                done.accept(st);
              }
            });
    if (toTerminal(job)) {
      return; // the terminal sends Ctrl-C to the stream, as to any attached command
    }
    foregroundStop.accept(
        () -> {
          interrupted[0] = true;
          sh.jobTable().signal(job, Signal.SIGINT);
        });
  }

  /**
   * Hands the stream of a docker command running in the job to the terminal, live (its output would
   * otherwise wait for the next prompt); false when the job runs none or there is no terminal.
   */
  private boolean toTerminal(Interpreter.Job job) {
    HostShell.AttachHandler handler = terminal.get();
    for (BackgroundStream s : List.copyOf(streams)) {
      if (handler != null && sh.jobTable().runs(s.io(), job)) {
        streams.remove(s);
        s.io().out().accept(s.attachment().read());
        handler.attach(s.attachment(), s.done());
        return true;
      }
    }
    return false;
  }

  // ---- background docker commands --------------------------------------------------------------

  /**
   * A docker command that streams (docker compose up, docker logs -f) runs in a job: its output
   * reaches the terminal at each prompt; killing the job interrupts it as Ctrl-C does (compose
   * stops its containers, then its stream closes) or, for a stream with nothing to wind down, ends
   * it at once.
   */
  void addStream(Attachment a, Io io, IntConsumer done) {
    IntConsumer end = once(done);
    BackgroundStream[] self = new BackgroundStream[1];
    Runnable unregister =
        onKill(
            io,
            true,
            st -> {
              if (!a.interrupt()) {
                streams.remove(self[0]);
                a.close();
                end.accept(st);
              }
            });
    self[0] =
        new BackgroundStream(
            a,
            io,
            st -> {
              unregister.run();
              end.accept(st);
            });
    streams.add(self[0]);
  }

  /**
   * What background docker commands printed; the ones whose stream closed end their jobs. The
   * session calls it as virtual time moves (with the piped streams), so a job's output reaches the
   * terminal when the container writes it, as bash shows it while the learner types.
   */
  void pump() {
    for (BackgroundStream s : List.copyOf(streams)) {
      boolean over = s.attachment().isClosed(); // before the read: a real stream's last frames
      String text = s.attachment().read();
      if (!text.isEmpty()) {
        s.io().out().accept(text);
      }
      if (over) {
        streams.remove(s);
        Integer code = s.attachment().exitCode();
        s.done().accept(code == null ? 0 : code);
      }
    }
  }
}
