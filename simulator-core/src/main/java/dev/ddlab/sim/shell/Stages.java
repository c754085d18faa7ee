package dev.ddlab.sim.shell;

import dev.ddlab.sim.shell.Ast.Command;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The scheduler of one pipeline's stages, which run together on the shell's {@link RunQueue}, with
 * no thread: every stage starts at once, left to right, and runs until it must wait; a writer waits
 * after a write that left its {@link Pipe} full, a reader when its pipe is empty and still open
 * ({@link Stdin#whenReady}, {@link Stdin#pump}), anything else on virtual time (a {@code sleep}, a
 * loop's yield, {@code yes}'s next round); a woken stage is queued behind the step running now. So
 * virtual time only moves when every stage waits on it, and the order is the same in every run.
 *
 * <p>When a stage ends, its pipe's writing end closes (its reader sees the end of input) and the
 * reading end of the pipe before it closes (its writer's next write dies of SIGPIPE, status 141).
 * The pipeline is done when every stage is; {@code done} gets each stage's status.
 *
 * <p>Each stage is a subshell: it runs in a state of its own ({@link ShellState}), forked from the
 * shell's when the pipeline starts ({@link Interpreter#fork}), and each of its steps that runs
 * later switches back to it ({@link Interpreter#resumer}). So {@code x=1 | echo $x} prints an empty
 * line, {@code exit 3 | echo hi} prints hi, and a loop that waits on its full pipe and the stage
 * reading it meanwhile see neither the other's variables, functions, traps, directory nor options.
 */
final class Stages {
  private final Interpreter sh;
  private final List<Command> commands;
  private final Pipe[] pipes;
  private final int[] statuses;
  private final Consumer<int[]> done;
  private int running;

  private Stages(Interpreter sh, List<Command> commands, Consumer<int[]> done) {
    this.sh = sh;
    this.commands = commands;
    this.pipes = new Pipe[commands.size() - 1];
    this.statuses = new int[commands.size()];
    this.done = done;
    this.running = commands.size();
  }

  /**
   * Runs {@code commands} as the stages of one pipeline over {@code io}, each in a subshell state
   * of its own; {@code done} runs in the state of whoever ended last.
   */
  static void run(Interpreter sh, List<Command> commands, Io io, Consumer<int[]> done) {
    new Stages(sh, commands, done).start(io);
  }

  private void start(Io io) {
    for (int i = 0; i < pipes.length; i++) {
      pipes[i] = sh.pipelines().open(io.job() != null);
    }
    for (int i = 0; i < commands.size(); i++) {
      int stage = i;
      Io stageIo =
          io.withInput(i == 0 ? io.in() : new Stdin(pipes[i - 1]))
              .withOut(i == pipes.length ? io.out() : pipes[i]);
      ShellState own = sh.fork();
      sh.queue()
          .post(
              sh.resumer(
                  own, () -> sh.runCommand(commands.get(stage), stageIo, st -> ended(stage, st))));
    }
  }

  private void ended(int stage, int status) {
    if (stage < pipes.length) {
      pipes[stage].closeWriter();
    }
    statuses[stage] = status;
    if (stage > 0) {
      pipes[stage - 1].closeReader();
    }
    if (--running == 0) {
      for (Pipe p : pipes) {
        sh.pipelines().close(p);
      }
      done.accept(statuses);
    }
  }

  /**
   * What a command writing to a pipe does when it is done: waits while the pipe is full (its writer
   * is blocked), and ends with 141 when the reader went away meanwhile (SIGPIPE).
   */
  static IntConsumer afterWrite(Interpreter sh, Io io, IntConsumer done) {
    if (!(io.out() instanceof Pipe p)) {
      return done;
    }
    return st -> p.whenWritable(sh.resumer(() -> done.accept(p.sigpiped() ? 128 + 13 : st)));
  }
}
