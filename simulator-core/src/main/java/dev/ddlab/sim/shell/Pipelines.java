package dev.ddlab.sim.shell;

import dev.ddlab.sim.shell.Ast.Command;
import dev.ddlab.sim.shell.Ast.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Pipelines ({@code a | b | c}) of one {@link Interpreter}, and the pipes that hold output their
 * reader has not finished with (charged to the shell's memory as the kernel charges pipe pages to
 * the writer's cgroup). Stages run one after the other, each stage's whole output becoming the next
 * one's input, which one {@link Stdin} serves to every reader of the stage ({@code cmd | while read
 * l; do …; done} reads a line per round). As in bash and ash, every stage of a pipeline of several
 * commands runs in a subshell: {@code echo x | read v} leaves {@code v} unset, and {@code cd} in a
 * stage stays there. A background job's pipeline does not restore the shell's variables when it
 * ends (the foreground may have set them since), so its stages' assignments remain.
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
  }

  /** A pipe a command substitution's output is collected in, charged until {@link #close}. */
  Pipe collector() {
    Pipe out = Pipe.collector(sh::charge);
    pipes.add(out);
    return out;
  }

  void close(Pipe p) {
    pipes.remove(p);
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
      sh.runCommand(p.commands().get(0), in, finish);
      return;
    }
    int[] failed = {0};
    runStage(
        p.commands(),
        0,
        io.in(),
        in,
        failed,
        st -> finish.accept(sh.options().pipefail() && st == 0 ? failed[0] : st));
  }

  /**
   * Runs stage {@code i} reading {@code stdin}; {@code failed} keeps the status of the last stage
   * that failed, for {@code set -o pipefail}.
   */
  private void runStage(
      List<Command> commands, int i, Stdin stdin, Io io, int[] failed, IntConsumer done) {
    boolean last = i == commands.size() - 1;
    if (last) {
      inSubshell(
          commands.get(i),
          io.withInput(stdin),
          st -> {
            failed[0] = st != 0 ? st : failed[0];
            done.accept(st);
          });
      return;
    }
    Pipe pipe = new Pipe(sh::charge);
    pipes.add(pipe);
    inSubshell(
        commands.get(i),
        io.withInput(stdin).withOut(pipe),
        st -> {
          failed[0] = st != 0 ? st : failed[0];
          boolean oom = !sh.stopping() && !io.killed() && !sh.holds();
          if (oom) {
            sh.outOfMemory(); // the writer's output does not fit in the cgroup beside the rest
          }
          if (sh.stopping() || io.killed()) {
            pipes.remove(pipe);
            done.accept(oom ? sh.lastStatus() : st);
            return;
          }
          runStage(
              commands,
              i + 1,
              new Stdin(pipe.drain()),
              io,
              failed,
              read -> {
                pipes.remove(pipe); // its reader is done with it: the pages are freed
                done.accept(read);
              });
        });
  }

  /** One stage, in a subshell of its own unless it runs in a background job. */
  private void inSubshell(Command c, Io io, IntConsumer done) {
    if (io.job() != null) {
      sh.runCommand(c, io, done);
      return;
    }
    Interpreter.Saved saved = sh.save();
    sh.runCommand(
        c,
        io,
        st -> {
          sh.restore(saved);
          done.accept(st);
        });
  }
}
