package dev.ddlab.grader.run;

import dev.ddlab.grader.check.CheckEvaluator;
import dev.ddlab.grader.check.CheckOutcome;
import dev.ddlab.grader.check.EngineLabState;
import dev.ddlab.grader.check.Workspace;
import dev.ddlab.grader.lab.CheckSpec;
import dev.ddlab.grader.lab.Lab;
import dev.ddlab.grader.lab.Step;
import dev.ddlab.grader.state.LabState;
import dev.ddlab.grader.submission.Submission;
import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.Session;
import dev.ddlab.session.TranscriptEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * A lab being worked in a fresh session: the setup has run, the learner types lines, and any step
 * can be checked against the state right now. The terminal tutorial, the playground's lab panel and
 * the grader's replay all use this one class, so a step checks the same everywhere.
 */
public final class LabRun implements AutoCloseable {
  private final Lab lab;
  private final Session session;
  private final CheckEvaluator evaluator;
  private final int setupEntries;
  private final LabState state;
  private final ScriptRunner script;
  private final boolean ownsSession;

  private LabRun(Lab lab, Session session, CheckEvaluator evaluator, boolean ownsSession) {
    this.ownsSession = ownsSession;
    this.lab = lab;
    this.session = session;
    this.evaluator = evaluator;
    this.script = new ScriptRunner(session);
    for (String line : lab.setup()) {
      script.line(line);
    }
    this.setupEntries = session.transcript().size();
    Workspace workspace =
        new Workspace() {
          @Override
          public List<String> nodes() {
            return session.nodes();
          }

          @Override
          public dev.ddlab.engine.Engine engine(String node) {
            return session.engine(node);
          }

          @Override
          public java.util.Optional<dev.ddlab.fs.FileSystem> hostFileSystem(String node) {
            return session.introspection().nodes().hostFiles(node);
          }

          @Override
          public List<dev.ddlab.introspect.SwarmView.RaftState> raft() {
            return session.introspection().swarm().managers();
          }

          @Override
          public List<TranscriptEntry> transcript() {
            return learnerTranscript();
          }
        };
    this.state = new EngineLabState(workspace);
  }

  /**
   * Starts the lab in a session that already exists (the playground's): runs the setup there; the
   * learner's transcript begins after it. For a submission that replays, the session must not have
   * been used before the lab started.
   */
  public static LabRun attach(Lab lab, Session session, CheckEvaluator evaluator) {
    return new LabRun(lab, session, evaluator, false);
  }

  /** Opens a session of the lab's template with the given seed and runs the lab's setup. */
  public static LabRun start(Lab lab, long seed, SessionFactory factory, CheckEvaluator evaluator) {
    return new LabRun(lab, factory.open(lab.template(), seed), evaluator, true);
  }

  public Lab lab() {
    return lab;
  }

  public Session session() {
    return session;
  }

  public LabState state() {
    return state;
  }

  /** The learner's lines (the setup's are hidden). */
  public List<TranscriptEntry> learnerTranscript() {
    List<TranscriptEntry> all = session.transcript();
    return List.copyOf(all.subList(Math.min(setupEntries, all.size()), all.size()));
  }

  /**
   * Types one script line (the grammar of {@code ddlab shell --script}: {@code ^P^Q} detaches,
   * {@code @NODE} switches terminal, {@code #} comments are skipped); null when nothing was typed.
   */
  public TranscriptEntry typeScript(String line) {
    return script.line(line);
  }

  /** The node script lines are typed at now. */
  public String scriptNode() {
    return script.node();
  }

  /**
   * Types a line exactly as a transcript recorded it. Transcripts show keys as {@code ^P^Q}, {@code
   * ^C} and {@code ^D} ({@link Session#type} records them so); everything else is text.
   */
  public TranscriptEntry replay(TranscriptEntry recorded) {
    String node = recorded.node();
    return switch (recorded.command()) {
      case "^P^Q" -> session.type(node, ScriptRunner.DETACH);
      case "^C" -> session.interrupt(node);
      case "^D" -> session.type(node, ScriptRunner.EOF);
      default -> session.type(node, recorded.input()); // a read -s line: what was typed
    };
  }

  /** Evaluates every check of a step against the state right now. */
  public List<CheckResult> check(int stepIndex) {
    Step step = lab.steps().get(stepIndex);
    List<CheckResult> results = new ArrayList<>();
    for (CheckSpec c : step.checks()) {
      CheckOutcome o;
      try {
        o = evaluator.evaluate(c, state);
      } catch (RuntimeException e) {
        o = CheckOutcome.fail("check error: " + e);
      }
      results.add(
          new CheckResult(
              c.label(),
              o.passed() ? c.points() : 0,
              c.points(),
              o.passed(),
              o.passed() ? "" : c.fail(),
              o.detail()));
    }
    return results;
  }

  public static boolean allPassed(List<CheckResult> results) {
    return results.stream().allMatch(CheckResult::passed);
  }

  /** What the learner hands in: the typed lines after the setup, with the session's outputs. */
  public Submission submission(String student, String ddlabVersion) {
    return new Submission(
        Submission.FORMAT,
        lab.id(),
        student,
        session.seed(),
        session.template(),
        ddlabVersion,
        learnerTranscript());
  }

  @Override
  public void close() {
    if (ownsSession) {
      session.close();
    }
  }
}
