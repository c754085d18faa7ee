package dev.ddlab.sim.shell;

import dev.ddlab.sim.shell.Ast.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Pipelines ({@code a | b | c}) of one {@link Interpreter}, and the pipes that hold output their
 * reader has not taken yet (charged to the shell's memory as the kernel charges pipe pages to the
 * writer's cgroup). The stages run together ({@link Stages}), each writing into a bounded {@link
 * Pipe} the next one reads ({@link Stdin}: {@code cmd | while read l; do …; done} reads a line per
 * round). As in bash and ash, the stages of a pipeline of several commands run in a subshell:
 * {@code echo x | read v} leaves {@code v} unset, and {@code cd} in a stage stays there. Each stage
 * runs in a state of its own forked from the shell's when the pipeline starts ({@link Stages},
 * {@link ShellState}), and the shell goes on in its own state when the last stage ends, in the
 * foreground and in a background job alike. bash sets {@code PIPESTATUS} after every pipeline.
 */
final class Pipelines {
  private final Interpreter sh;

  /** The pipes between stages that hold output their reader has not finished with. */
  private final List<Pipe> pipes = new ArrayList<>();

  Pipelines(Interpreter sh) {
    this.sh = sh;
  }

  /** The bytes the open pipes hold. */
  long bytes() {
    long piped = 0;
    for (Pipe p : pipes) {
      piped += p.bytes();
    }
    return piped;
  }

  /** The OOM killer ended the shell: what its pipes held is freed. */
  void clear() {
    pipes.clear();
    foreground.clear();
  }

  /** The pipes of pipelines running in the foreground, which Ctrl-C abandons. */
  private final List<Pipe> foreground = new ArrayList<>();

  /** A pipe between two stages, charged until {@link #close}. */
  Pipe open(boolean background) {
    Pipe p =
        new Pipe(sh::charge, sh.queue()::post)
            .ignoringSigpipe(() -> sh.ignores(dev.ddlab.sim.runtime.Signal.SIGPIPE));
    pipes.add(p);
    if (!background) {
      foreground.add(p);
    }
    return p;
  }

  /**
   * Ctrl-C ended the foreground: its stages that waited on a pipe never go on, and what their pipes
   * held is freed.
   */
  void interrupted() {
    pipes.removeAll(foreground);
    foreground.clear();
  }

  /** A pipe a command substitution's output is collected in, charged until {@link #close}. */
  Pipe collector() {
    Pipe out = Pipe.collector(sh::charge);
    pipes.add(out);
    return out;
  }

  void close(Pipe p) {
    pipes.remove(p);
    foreground.remove(p);
  }

  void run(Pipeline p, Io io, IntConsumer done) {
    if (p.commands().size() > 1 && sh.jobTable().forkRefused()) {
      sh.jobTable().forkFailed(io);
      done.accept(sh.lastStatus());
      return;
    }
    IntConsumer finish = p.negated() ? st -> done.accept(st == 0 ? 1 : 0) : done;
    Io in = p.negated() ? io.asTested(true) : io;
    if (p.commands().size() == 1) {
      sh.runCommand(
          p.commands().get(0),
          in,
          st -> {
            pipeStatus(new int[] {st});
            finish.accept(st);
          });
      return;
    }
    ShellState shell = sh.state();
    Stages.run(
        sh,
        p.commands(),
        in,
        statuses ->
            sh.resumer(shell, () -> ended(statuses, finish)).run()); // back in the shell's state
  }

  private void ended(int[] statuses, IntConsumer finish) {
    pipeStatus(statuses);
    int st = statuses[statuses.length - 1];
    for (int i = statuses.length - 1; i >= 0 && sh.options().pipefail() && st == 0; i--) {
      st = statuses[i]; // the rightmost stage that failed
    }
    finish.accept(st);
  }

  /** How many stages the last PIPESTATUS had. */
  private int pipeStatusLength;

  /**
   * bash's {@code PIPESTATUS}: the statuses of the last pipeline's stages. The shell has no arrays,
   * so {@code ${PIPESTATUS[1]}} and {@code ${PIPESTATUS[@]}} read variables named so (as {@code
   * BASH_REMATCH}'s groups).
   */
  private void pipeStatus(int[] statuses) {
    if (sh.dialect() != Dialect.BASH || sh.stopping()) {
      return;
    }
    if (statuses.length == 1
        && pipeStatusLength == 1
        && String.valueOf(statuses[0]).equals(sh.var("PIPESTATUS"))) {
      return; // a simple command after another with the same status: nothing changes
    }
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < statuses.length; i++) {
      sh.setVar("PIPESTATUS[" + i + "]", String.valueOf(statuses[i]));
      all.append(i == 0 ? "" : " ").append(statuses[i]);
    }
    for (int i = statuses.length; i < pipeStatusLength; i++) {
      sh.unset("PIPESTATUS[" + i + "]");
    }
    pipeStatusLength = statuses.length;
    sh.setVar("PIPESTATUS", String.valueOf(statuses[0]));
    sh.setVar("PIPESTATUS[@]", all.toString());
    sh.setVar("PIPESTATUS[*]", all.toString());
  }
}
