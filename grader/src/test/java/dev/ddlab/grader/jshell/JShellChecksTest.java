package dev.ddlab.grader.jshell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.grader.check.CheckOutcome;
import dev.ddlab.grader.state.CommandView;
import dev.ddlab.grader.state.ContainerView;
import dev.ddlab.grader.state.ImageView;
import dev.ddlab.grader.state.LabState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JShellChecksTest {
  static JShellChecks checks;

  /** A state with one exited container "gentle" (exit code 137). */
  static final LabState STATE =
      new LabState() {
        @Override
        public List<String> nodes() {
          return List.of("node1");
        }

        @Override
        public Optional<ContainerView> container(String node, String name) {
          return name.equals("gentle")
              ? Optional.of(
                  new ContainerView(
                      "abc",
                      "gentle",
                      "exited",
                      137,
                      "no",
                      0,
                      "alpine",
                      "sha256:1",
                      List.of(),
                      List.of(),
                      List.of(),
                      List.of("sleep", "1d"),
                      List.of()))
              : Optional.empty();
        }

        @Override
        public List<ContainerView> containers(String node) {
          return container(node, "gentle").stream().toList();
        }

        @Override
        public Optional<ImageView> image(String node, String ref) {
          return Optional.empty();
        }

        @Override
        public List<ImageView> images(String node) {
          return List.of();
        }

        @Override
        public Optional<String> containerFile(String node, String c, String path) {
          return Optional.empty();
        }

        @Override
        public Optional<String> hostFile(String node, String path) {
          return Optional.empty();
        }

        @Override
        public Optional<String> networkDriver(String node, String name) {
          return Optional.empty();
        }

        @Override
        public boolean volumeExists(String node, String name) {
          return false;
        }

        @Override
        public List<CommandView> transcript() {
          return List.of(new CommandView("node1", "docker stop gentle", "gentle\n", 0));
        }
      };

  @BeforeAll
  static void start() {
    checks = new JShellChecks(Duration.ofMillis(500));
  }

  @AfterAll
  static void stop() {
    checks.close();
  }

  @Test
  void an_expression_over_the_state_is_true_or_false() {
    assertTrue(
        checks
            .evaluate(
                "state.container(\"gentle\").map(c -> c.exitCode() == 137).orElse(false)", STATE)
            .passed());
    CheckOutcome no =
        checks.evaluate("state.containers().stream().anyMatch(c -> c.running())", STATE);
    assertFalse(no.passed());
    assertTrue(
        checks
            .evaluate("state.transcript().get(0).command().startsWith(\"docker stop\")", STATE)
            .passed());
  }

  @Test
  void a_runaway_expression_is_stopped_at_the_time_limit() {
    CheckOutcome o =
        checks.evaluate(
            "java.util.stream.Stream.iterate(0L, i -> i + 1).anyMatch(i -> i < 0)", STATE);
    assertFalse(o.passed());
    assertTrue(o.detail().contains("timed out"), o.detail());
    // the checker still works afterwards
    assertTrue(checks.evaluate("state.nodes().size() == 1", STATE).passed());
  }

  @Test
  void files_processes_and_the_system_are_out_of_reach() {
    for (String escape :
        List.of(
            "System.getenv(\"HOME\") != null",
            "new java.io.File(\"/etc/passwd\").exists()",
            "Runtime.getRuntime().availableProcessors() > 0",
            "new Thread(() -> {}) != null",
            "state.getClass().getName().length() > 0")) {
      CheckOutcome o = checks.evaluate(escape, STATE);
      assertFalse(o.passed(), escape);
      assertTrue(o.detail().contains("not available"), escape + ": " + o.detail());
    }
  }

  @Test
  void the_simulator_behind_the_state_is_out_of_reach() {
    CheckOutcome o =
        checks.evaluate("((dev.ddlab.grader.check.EngineLabState) state) != null", STATE);
    assertFalse(o.passed());
    assertTrue(o.detail().contains("not available"), o.detail());
  }

  @Test
  void a_statement_or_a_compile_error_is_reported_not_run() {
    assertThrows(JavaCheckException.class, () -> checks.compile("true; System.exit(1)"));
    JavaCheckException e =
        assertThrows(JavaCheckException.class, () -> checks.compile("state.nosuch()"));
    assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
  }
}
