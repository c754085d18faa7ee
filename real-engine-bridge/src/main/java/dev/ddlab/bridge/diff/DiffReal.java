package dev.ddlab.bridge.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.Session;
import dev.ddlab.session.TranscriptEntry;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One script typed into two sessions — in {@code ddlab diff-real}, a fresh simulated node and a
 * guarded session on a real engine, which the application layer opens — compared line by line: the
 * exit code, the first line and the whole output once {@link Normalizer normalised}.
 */
public final class DiffReal {
  /** One command on both engines. */
  public record Row(
      String command,
      int simExit,
      int realExit,
      String simOutput,
      String realOutput,
      boolean exitAgrees,
      boolean firstLineAgrees,
      boolean outputAgrees) {}

  /** All rows, and the score: the share of the three checks that agree, over all commands. */
  public record Report(String script, List<Row> rows) {
    public int exitAgreements() {
      return (int) rows.stream().filter(Row::exitAgrees).count();
    }

    public int firstLineAgreements() {
      return (int) rows.stream().filter(Row::firstLineAgrees).count();
    }

    public int outputAgreements() {
      return (int) rows.stream().filter(Row::outputAgrees).count();
    }

    public double score() {
      if (rows.isEmpty()) {
        return 1.0;
      }
      return (exitAgreements() + firstLineAgreements() + outputAgreements()) / (3.0 * rows.size());
    }

    public String text() {
      StringBuilder b = new StringBuilder();
      b.append("exit first whole  command   (").append(script).append(")\n");
      for (Row r : rows) {
        b.append(mark(r.exitAgrees()))
            .append("    ")
            .append(mark(r.firstLineAgrees()))
            .append("     ")
            .append(mark(r.outputAgrees()))
            .append("      ")
            .append(r.command());
        if (!r.exitAgrees()) {
          b.append("   (exit: simulator ")
              .append(r.simExit())
              .append(", real ")
              .append(r.realExit())
              .append(')');
        }
        b.append('\n');
        if (!r.outputAgrees()) {
          b.append(indent("simulator", Normalizer.normalize(r.simOutput())));
          b.append(indent("real", Normalizer.normalize(r.realOutput())));
        }
      }
      b.append(
          String.format(
              Locale.ROOT,
              "score %.1f%%: exit codes %d/%d, first lines %d/%d, whole output %d/%d%n",
              score() * 100,
              exitAgreements(),
              rows.size(),
              firstLineAgreements(),
              rows.size(),
              outputAgreements(),
              rows.size()));
      return b.toString();
    }

    public String json() {
      try {
        return new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(
                java.util.Map.of(
                    "script", script,
                    "score", score(),
                    "exitAgreements", exitAgreements(),
                    "firstLineAgreements", firstLineAgreements(),
                    "outputAgreements", outputAgreements(),
                    "commands", rows));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String mark(boolean ok) {
      return ok ? "✓" : "✗";
    }

    private static String indent(String who, String text) {
      StringBuilder b = new StringBuilder();
      for (String line : text.isEmpty() ? List.of("(no output)") : text.lines().toList()) {
        b.append("      ").append(who).append(" | ").append(line).append('\n');
      }
      return b.toString();
    }
  }

  private DiffReal() {}

  /**
   * Types {@code script} into both sessions with the session's {@link ScriptRunner} (one grammar
   * everywhere) and compares what each line did. Lines switching to a node ({@code @NAME}) must
   * name a node that both sessions have.
   *
   * @throws IllegalArgumentException when the script switches to a node a session lacks
   */
  public static Report run(String name, String script, Session simulated, Session real) {
    for (String raw : script.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("@") && line.length() > 1 && !line.contains(" ")) {
        String node = line.substring(1);
        if (!simulated.nodes().contains(node) || !real.nodes().contains(node)) {
          throw new IllegalArgumentException(
              "diff-real runs the nodes "
                  + real.nodes()
                  + "; "
                  + line
                  + " names another (only "
                  + String.join(", ", real.nodes().stream().map(n -> "@" + n).toList())
                  + ")");
        }
      }
    }
    return compare(
        name, new ScriptRunner(simulated).run(script), new ScriptRunner(real).run(script));
  }

  /** Pairs the transcripts of one script typed into two sessions, line by line. */
  public static Report compare(
      String name, List<TranscriptEntry> simulated, List<TranscriptEntry> real) {
    if (simulated.size() != real.size()) {
      throw new IllegalStateException(
          "the script typed "
              + simulated.size()
              + " lines into the simulator and "
              + real.size()
              + " into the real engine");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < simulated.size(); i++) {
      TranscriptEntry s = simulated.get(i);
      TranscriptEntry r = real.get(i);
      rows.add(
          new Row(
              s.command(),
              s.exitCode(),
              r.exitCode(),
              s.output(),
              r.output(),
              s.exitCode() == r.exitCode(),
              Normalizer.firstLine(s.output()).equals(Normalizer.firstLine(r.output())),
              Normalizer.normalize(s.output()).equals(Normalizer.normalize(r.output()))));
    }
    return new Report(name, rows);
  }
}
