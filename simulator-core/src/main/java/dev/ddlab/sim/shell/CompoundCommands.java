package dev.ddlab.sim.shell;

import dev.ddlab.sim.shell.Ast.Branch;
import dev.ddlab.sim.shell.Ast.Case;
import dev.ddlab.sim.shell.Ast.CaseItem;
import dev.ddlab.sim.shell.Ast.Command;
import dev.ddlab.sim.shell.Ast.Cond;
import dev.ddlab.sim.shell.Ast.For;
import dev.ddlab.sim.shell.Ast.Group;
import dev.ddlab.sim.shell.Ast.If;
import dev.ddlab.sim.shell.Ast.Loop;
import dev.ddlab.sim.shell.Ast.Word;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * {@code if}, {@code while}/{@code until}, {@code for}, {@code case} and groups,
 * continuation-passing like the rest of the {@link Interpreter}: a round of a loop may end at once
 * or later (a {@code sleep} in its body). Rounds that end at once run in a plain loop, not by
 * recursion, and every {@link #ROUNDS_BEFORE_YIELD} rounds the loop lets {@link #YIELD} of virtual
 * time pass, as a busy CPU would: {@code while true; do echo x; done} then prints as time passes
 * and Ctrl-C stops it, instead of hanging the simulator.
 */
final class CompoundCommands {
  static final int ROUNDS_BEFORE_YIELD = 10;
  static final Duration YIELD = Duration.ofMillis(1);

  private final Interpreter sh;

  /**
   * Loops running now in the running (sub)shell: what {@code break N} can leave. Each {@link
   * ShellState} has its own list: a subshell starts with a copy (it is inside its parent's loops,
   * as bash's loop level is inherited), so a stage's {@code break} never counts another stage's
   * loop.
   */
  private List<Rounds> running = new ArrayList<>();

  /** The running state's loops, for {@link Interpreter#fork} and its switch between states. */
  Object loops() {
    return running;
  }

  /** A copy of the running loops, for a subshell's state. */
  Object forkLoops() {
    return new ArrayList<>(running);
  }

  @SuppressWarnings("unchecked")
  void loops(Object loops) {
    running = (List<Rounds>) loops;
  }

  CompoundCommands(Interpreter sh) {
    this.sh = sh;
  }

  /** Loops running now, leaving out foreground loops that a Ctrl-C abandoned. */
  int depth() {
    running.removeIf(Rounds::interrupted);
    return running.size();
  }

  /** The {@code break} and {@code continue} builtins. */
  int loopControl(String builtin, List<String> args, Io io) {
    int n = 1;
    String name = sh.name();
    if (!args.isEmpty()) {
      try {
        n = Integer.parseInt(args.get(0));
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n < 1) {
        io.errln(
            sh.dialect() == Dialect.BASH
                ? name + ": " + builtin + ": " + args.get(0) + ": loop count out of range"
                : name + ": " + builtin + ": Illegal number: " + args.get(0));
        return 1;
      }
    }
    if (depth() == 0) {
      if (sh.dialect() == Dialect.BASH) {
        io.errln(name + ": " + builtin + ": only meaningful in a `for', `while', or `until' loop");
      }
      return 0;
    }
    sh.loopControl(builtin.equals("break"), Math.min(n, depth()));
    return 0;
  }

  void run(Command c, Io io, IntConsumer done) {
    if (c instanceof If i) {
      runIf(i, 0, io, done);
    } else if (c instanceof Loop l) {
      new Rounds(io, done, whileRound(l, io)).start();
    } else if (c instanceof For f) {
      runFor(f, io, done);
    } else if (c instanceof Group g) {
      runGroup(g, io, done);
    } else if (c instanceof Case k) {
      runCase(k, io, done);
    } else if (c instanceof Cond k) {
      List<Word> words = new ArrayList<>();
      Conditional.words(k.expression(), words);
      sh.withExpander(
          words,
          io,
          done,
          (ex, subStatus) -> {
            int st = Conditional.evaluate(sh, k.expression(), ex, io);
            sh.lastStatus(st);
            done.accept(st);
          });
    } else {
      throw new IllegalArgumentException("not a compound command: " + c.source());
    }
  }

  private void runIf(If c, int i, Io io, IntConsumer done) {
    if (i >= c.branches().size()) {
      if (c.otherwise() != null) {
        sh.run(c.otherwise(), io, done);
      } else {
        sh.lastStatus(0);
        done.accept(0);
      }
      return;
    }
    Branch b = c.branches().get(i);
    int epoch = sh.interrupts();
    sh.run(
        b.condition(),
        io.asTested(true),
        st -> {
          boolean interrupted = !io.background() && sh.interrupts() != epoch;
          if (io.killed()) {
            done.accept(st);
          } else if (sh.stopping() || interrupted) {
            done.accept(interrupted ? 130 : st);
          } else if (st == 0) {
            sh.run(b.body(), io, done);
          } else {
            runIf(c, i + 1, io, done);
          }
        });
  }

  private void runFor(For f, Io io, IntConsumer done) {
    if (f.words() == null) {
      // "for NAME; do": the positional parameters, which an interactive shell does not have.
      new Rounds(io, done, forRound(f, List.of(), io)).start();
      return;
    }
    sh.withExpander(
        f.words(),
        io,
        done,
        (ex, subStatus) -> new Rounds(io, done, forRound(f, ex.fields(f.words()), io)).start());
  }

  private void runGroup(Group g, Io io, IntConsumer done) {
    if (!g.subshell()) {
      sh.run(g.body(), io, done);
      return;
    }
    Interpreter.Saved saved = sh.save();
    sh.run(
        g.body(),
        io,
        st -> {
          sh.restore(saved);
          sh.lastStatus(st);
          done.accept(st);
        });
  }

  /**
   * {@code case}: the subject expanded once, each arm's patterns in turn (expanded as patterns,
   * quoted characters literal); the first match runs its list, then {@code ;&} runs the next arm's
   * list too and {@code ;;&} goes on matching. Nothing matching is status 0.
   */
  private void runCase(Case c, Io io, IntConsumer done) {
    List<Word> words = new ArrayList<>();
    words.add(c.subject());
    c.items().forEach(i -> words.addAll(i.patterns()));
    sh.withExpander(
        words,
        io,
        done,
        (ex, subStatus) -> {
          String subject = ex.single(c.subject());
          caseFrom(c, 0, false, subject, ex, io, 0, done);
        });
  }

  private void caseFrom(
      Case c,
      int from,
      boolean matched,
      String subject,
      Expander ex,
      Io io,
      int status,
      IntConsumer done) {
    for (int i = from; i < c.items().size(); i++) {
      CaseItem item = c.items().get(i);
      boolean match =
          matched
              || item.patterns().stream().anyMatch(p -> ex.pattern(p).matcher(subject).matches());
      if (!match) {
        continue;
      }
      int next = i + 1;
      if (item.body().isEmpty()) {
        sh.lastStatus(0);
      }
      sh.run(
          item.body(),
          io,
          st -> {
            if (sh.stopping() || !(item.fallThrough() || item.testNext())) {
              sh.lastStatus(st);
              done.accept(st);
            } else {
              caseFrom(c, next, item.fallThrough(), subject, ex, io, st, done);
            }
          });
      return;
    }
    sh.lastStatus(status);
    done.accept(status);
  }

  // ---- loops ------------------------------------------------------------------------------------

  /** Starts one round; calls {@code next} with whether the body ran and its status. */
  private interface Round {
    void start(RoundDone next);
  }

  private interface RoundDone {
    void done(boolean bodyRan, int status);
  }

  private Round whileRound(Loop l, Io io) {
    return next ->
        sh.run(
            l.condition(),
            io.asTested(true),
            cst -> {
              boolean go = l.until() ? cst != 0 : cst == 0;
              if (!go || sh.stopping()) {
                next.done(false, 0);
              } else {
                sh.run(l.body(), io, bst -> next.done(true, bst));
              }
            });
  }

  private Round forRound(For f, List<String> words, Io io) {
    int[] index = {0};
    return next -> {
      if (index[0] >= words.size()) {
        next.done(false, 0);
        return;
      }
      sh.setVar(f.name(), words.get(index[0]++));
      sh.run(f.body(), io, bst -> next.done(true, bst));
    };
  }

  /** One running loop. */
  private final class Rounds {
    private final Io io;
    private final IntConsumer done;
    private final Round round;
    private final int epoch;
    private int status;
    private int sinceYield;
    private boolean starting;
    private boolean finishedNow;
    private boolean more;
    private boolean waited;

    Rounds(Io io, IntConsumer done, Round round) {
      this.io = io;
      this.done = done;
      this.round = round;
      this.epoch = sh.interrupts();
    }

    void start() {
      running.add(this);
      drive();
    }

    /** Ctrl-C stops foreground loops; a background job ({@code &}) does not see it. */
    boolean interrupted() {
      return !io.background() && sh.interrupts() != epoch;
    }

    private void drive() {
      while (true) {
        if (io.killed()) {
          end(io.job().killStatus());
          return;
        }
        if (interrupted()) {
          end(130);
          return;
        }
        if (io.out() instanceof Pipe p && p.sigpiped()) {
          end(141);
          return;
        }
        if (sinceYield >= ROUNDS_BEFORE_YIELD) {
          sinceYield = 0;
          // the yield of a loop whose rounds all ended at once is CPU time; a loop that waited (a
          // sleep in its body) was idle
          if (waited) {
            sh.runtime().after(YIELD, io.background(), sh.resumer(this::drive));
          } else {
            sh.runtime().compute(YIELD, io.background(), sh.resumer(this::drive));
          }
          waited = false;
          return;
        }
        sinceYield++;
        finishedNow = false;
        starting = true;
        round.start(this::roundDone);
        starting = false;
        if (!finishedNow) {
          return; // roundDone runs later and drives on
        }
        if (!more) {
          end(status);
          return;
        }
      }
    }

    private void roundDone(boolean bodyRan, int st) {
      more = bodyRan;
      if (bodyRan) {
        status = st;
        more = sh.takeLoopControl() != Interpreter.LoopControl.BREAK;
      }
      if (sh.unwinding()) {
        more = false;
      }
      if (starting) {
        finishedNow = true;
        return;
      }
      waited = true;
      if (more) {
        drive();
      } else {
        end(status);
      }
    }

    private void end(int st) {
      running.remove(this);
      sh.lastStatus(st);
      done.accept(st);
    }
  }
}
