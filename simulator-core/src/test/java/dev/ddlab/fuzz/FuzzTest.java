package dev.ddlab.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Generated input in every build, seeds from {@code ddlab.fuzz.seed} (default 1) on, so a run is
 * repeatable and a finding is replayed with its seed; the counts are printed on the console. Lines
 * typed into fresh simulated nodes all the way ({@code ddlab.fuzz.typed}) and lines through the
 * shell and docker CLI grammars alone ({@code ddlab.fuzz.lines}), and whole Compose files and
 * Dockerfiles through their parsers ({@code ddlab.fuzz.documents} each). A developer's build runs a
 * small share (10,000 and 50,000) so that several engineers can build on one machine; {@code
 * .ci/run} sets the full counts. Both use the machine's two cores.
 */
class FuzzTest {
  static final long TYPED = Long.getLong("ddlab.fuzz.typed", 10_000L);
  static final long LINES = Long.getLong("ddlab.fuzz.lines", 50_000L);
  static final long DOCUMENTS = Long.getLong("ddlab.fuzz.documents", 20_000L);
  static final long FIRST_SEED = Long.getLong("ddlab.fuzz.seed", 1L);
  static final int THREADS = 2;
  static final Duration HANG = Duration.ofSeconds(60);
  static final ShellCliTarget SHELL_CLI = new ShellCliTarget();

  @Test
  void typed_lines_are_answered_in_the_tools_own_words_within_bounded_time() {
    run(SHELL_CLI, TYPED, 1_000);
  }

  @Test
  void the_shell_and_docker_cli_grammars_accept_or_reject_every_generated_line_cleanly() {
    run(new ShellSyntaxTarget(SHELL_CLI), LINES, 20_000);
  }

  @Test
  void the_compose_loader_loads_or_refuses_every_generated_file_in_its_own_words() {
    run(DocumentTarget.compose(), DOCUMENTS, 2_000);
  }

  @Test
  void the_dockerfile_parser_parses_or_refuses_every_generated_file_in_its_own_words() {
    run(DocumentTarget.dockerfile(), DOCUMENTS, 2_000);
  }

  static void run(FuzzTarget target, long lines, int perSeed) {
    Fuzzer.Report r = Fuzzer.run(target, FIRST_SEED, lines, perSeed, HANG, THREADS);
    System.out.println(r.summary());
    System.out.println("slowest inputs (wall time):");
    r.slowest.forEach(x -> System.out.println("  " + x));
    System.out.println("costliest corpus lines (wall time of the inputs made from each):");
    r.costliestBases(Fuzzer.SLOWEST).forEach(x -> System.out.println("  " + x));
    String findings =
        r.findings.values().stream()
            .map(Fuzzer.Finding::toString)
            .collect(Collectors.joining("\n"));
    if (!findings.isEmpty()) {
      System.out.println(findings);
    }
    assertEquals(0, r.problems(), r.summary() + "\n" + findings);
    assertEquals(lines, r.lines, "every line was fed");
  }
}
