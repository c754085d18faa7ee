package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.bridge.RealDocker;
import dev.ddlab.bridge.diff.DiffReal;
import dev.ddlab.bridge.guard.GuardedEngine;
import dev.ddlab.bridge.real.RealEngine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the course scenarios through {@code ddlab diff-real}'s wiring (a simulated node and a
 * guarded session on the private dockerd, both typed by the session's ScriptRunner) and writes
 * their scores to target/diff-real-report.md (and .json). The scores are a report, not a threshold;
 * the test fails when a scenario cannot run or when the guarded real session leaves anything
 * behind.
 */
class DiffRealScenariosTest {
  /** The lines ScriptRunner types (neither blank nor comments nor node switches). */
  private static long typedLines(String script) {
    return script
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("@"))
        .count();
  }

  @Test
  void course_scenarios_run_on_both_engines_and_their_scores_are_reported()
      throws IOException, URISyntaxException {
    try (RealEngine real = RealDocker.engineOrSkip()) {
      Path dir = Path.of(getClass().getResource("/scenarios").toURI());
      List<Path> scripts;
      try (Stream<Path> s = Files.list(dir)) {
        scripts = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
      }
      assertFalse(scripts.isEmpty());
      StringBuilder md = new StringBuilder("# diff-real: simulator vs private dockerd\n\n");
      List<String> json = new ArrayList<>();
      double total = 0;
      for (Path script : scripts) {
        String session = "difftest" + ProcessHandle.current().pid();
        String text = Files.readString(script);
        DiffReal.Report r =
            DiffRealCommand.run(script.getFileName().toString(), text, real, session);
        assertEquals(typedLines(text), r.rows().size(), script.toString());
        Map<String, List<String>> left =
            Map.of("label", List.of(GuardedEngine.SESSION_LABEL + "=" + session));
        assertTrue(real.containers().list(true, 0, false, left).isEmpty(), "containers left");
        assertTrue(real.networks().list(left).isEmpty(), "networks left");
        assertTrue(real.volumes().list(left).isEmpty(), "volumes left");
        md.append("## ")
            .append(script.getFileName())
            .append("\n\n```text\n")
            .append(r.text())
            .append("```\n\n");
        json.add(r.json());
        total += r.score();
      }
      md.append(
          String.format(
              Locale.ROOT,
              "Mean score over %d scenarios: %.1f%%%n",
              scripts.size(),
              100 * total / scripts.size()));
      Path target = Path.of("target");
      Files.createDirectories(target);
      Files.writeString(target.resolve("diff-real-report.md"), md);
      Files.writeString(
          target.resolve("diff-real-report.json"), "[" + String.join(",\n", json) + "]\n");
    }
  }
}
