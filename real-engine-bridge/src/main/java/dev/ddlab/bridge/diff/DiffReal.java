package dev.ddlab.bridge.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ddlab.bridge.dockerd.PrivateDockerd;
import dev.ddlab.bridge.guard.GuardPolicy;
import dev.ddlab.bridge.guard.GuardedEngine;
import dev.ddlab.engine.Engine;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.host.Cluster;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one script on a fresh simulated node and on a real engine (inside a guarded session that is
 * cleaned up afterwards) and compares, command by command, the exit code, the first line and the
 * whole output once {@link Normalizer normalised}.
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

  /** The commands of a script: blank lines, comments and "@node1" lines are not commands. */
  public static List<String> commands(String script) {
    List<String> out = new ArrayList<>();
    for (String raw : script.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("@")) {
        if (!line.equals("@node1")) {
          throw new IllegalArgumentException(
              "diff-real runs one node; " + line + " names another (only @node1 is allowed)");
        }
        continue;
      }
      out.add(line);
    }
    return out;
  }

  /**
   * Runs the script on a fresh simulated node (seed 1) and on {@code real}, guarded as session
   * {@code sessionId}; everything the real run made is removed at the end.
   */
  public static Report run(String name, String script, Engine real, String sessionId) {
    List<String> commands = commands(script);
    Cluster cluster = Cluster.single(1);
    // the private dockerd has these imported; the simulated node gets them from its registry
    for (String image : PrivateDockerd.IMAGES) {
      cluster.node("node1").engine().images().pull(image, null, false, m -> {});
    }
    ScriptHost sim =
        new ScriptHost(cluster.node("node1").engine(), cluster.clock(), cluster.clock()::advance);
    Instant now = Instant.now();
    VirtualClock wall = new VirtualClock(now.getEpochSecond() * 1_000_000_000L + now.getNano());
    List<ScriptHost.Step> simSteps = new ArrayList<>();
    for (String c : commands) {
      simSteps.add(sim.type(c));
    }
    List<ScriptHost.Step> realSteps = new ArrayList<>();
    try (GuardedEngine guarded = new GuardedEngine(real, GuardPolicy.defaults(sessionId))) {
      ScriptHost host =
          new ScriptHost(
              guarded,
              wall,
              d -> {
                sleep(d);
                wall.advance(d);
              });
      for (String c : commands) {
        realSteps.add(host.type(c));
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      ScriptHost.Step s = simSteps.get(i);
      ScriptHost.Step r = realSteps.get(i);
      rows.add(
          new Row(
              commands.get(i),
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

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
