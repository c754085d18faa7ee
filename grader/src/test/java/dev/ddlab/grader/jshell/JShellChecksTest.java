package dev.ddlab.grader.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.OperatingSystemMXBean;
import dev.ddlab.grader.check.CheckOutcome;
import dev.ddlab.grader.state.CommandView;
import dev.ddlab.grader.state.ContainerView;
import dev.ddlab.grader.state.ImageView;
import dev.ddlab.grader.state.LabState;
import java.lang.management.ManagementFactory;
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

        public dev.ddlab.grader.state.SwarmStatus swarm(String node) {
          return new dev.ddlab.grader.state.SwarmStatus(
              "inactive", false, false, "", List.of(), List.of(), List.of(), -1, false);
        }

        @Override
        public List<dev.ddlab.grader.state.ServiceView> services(String n) {
          return List.of(
              new dev.ddlab.grader.state.ServiceView(
                  "s1",
                  "web",
                  "replicated",
                  3,
                  3,
                  "nginx:latest",
                  List.of("A=1"),
                  java.util.Map.of("tier", "front"),
                  2,
                  20_000_000_000L,
                  "pause",
                  "stop-first",
                  "completed"));
        }

        @Override
        public List<dev.ddlab.grader.state.TaskView> tasks(String n) {
          return List.of(
              new dev.ddlab.grader.state.TaskView("t1", "web", 1, "wrk1", "running", "running"));
        }

        @Override
        public List<dev.ddlab.grader.state.SwarmNodeView> swarmNodes(String n) {
          return List.of(
              new dev.ddlab.grader.state.SwarmNodeView(
                  "n1", "wrk1", "worker", "drain", "ready", ""));
        }

        @Override
        public List<CommandView> transcript() {
          return List.of(new CommandView("node1", "docker stop gentle", "gentle\n", 0));
        }
      };

  @BeforeAll
  static void start() {
    // generous for a loaded machine; the runaways below stop at this wall time or the CPU limit
    checks = new JShellChecks(Duration.ofSeconds(3));
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
  void an_expression_reads_the_swarms_services_tasks_and_nodes() {
    assertTrue(
        checks
            .evaluate(
                "state.services(\"mgr1\").get(0).updateDelayNanos() == 20_000_000_000L"
                    + " && state.tasks(\"mgr1\").stream().allMatch(t -> t.running())"
                    + " && state.swarmNodes(\"mgr1\").get(0).availability().equals(\"drain\")"
                    + " && state.services(\"mgr1\").get(0).labels().get(\"tier\").equals(\"front\")",
                STATE)
            .passed());
  }

  @Test
  void a_runaway_expression_is_stopped_at_the_time_limit() {
    CheckOutcome o =
        checks.evaluate(
            "java.util.stream.Stream.iterate(0L, i -> i + 1).anyMatch(i -> i < 0)", STATE);
    assertFalse(o.passed());
    assertTrue(o.detail().contains("giới hạn"), o.detail());
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

  // ---- escapes: each of these broke out of the old in-JVM sandbox

  /** A throwable whose toString() and getMessage() never return (they used to run here). */
  static final String HOSTILE_THROWABLE =
      "((java.util.function.BooleanSupplier) () -> { throw new RuntimeException() {"
          + " public String toString() { while (true) {} }"
          + " public String getMessage() { while (true) {} } }; }).getAsBoolean()";

  @Test
  void a_throwable_of_the_checks_own_is_named_never_asked_to_describe_itself() {
    CheckOutcome o =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> checks.evaluate(HOSTILE_THROWABLE, STATE));
    assertFalse(o.passed());
    assertTrue(o.detail().contains("lớp tự định nghĩa"), o.detail());
    // an ordinary JDK exception still says what went wrong
    CheckOutcome npe = checks.evaluate("state.container(\"nosuch\").get() == null", STATE);
    assertTrue(npe.detail().contains("NoSuchElementException"), npe.detail());
  }

  @Test
  void a_check_that_catches_its_stop_and_loops_burns_no_cpu_afterwards() {
    CheckOutcome o =
        checks.evaluate(
            "((java.util.function.BooleanSupplier) () -> { while (true) { try { while (true) {} }"
                + " catch (Throwable t) {} } }).getAsBoolean()",
            STATE);
    assertFalse(o.passed());
    assertNothingKeepsRunning();
  }

  @Test
  void a_parallel_stream_that_never_ends_is_stopped_with_its_workers() {
    CheckOutcome o =
        checks.evaluate(
            "java.util.stream.IntStream.range(0, 64).parallel().map(i -> { while (true) {} })"
                + ".sum() > 0",
            STATE);
    assertFalse(o.passed());
    assertNothingKeepsRunning();
  }

  @Test
  void a_check_that_answers_while_its_parallel_tasks_still_run_fails() {
    // the caller's half throws at once and is caught; the other half loops in the pool
    CheckOutcome o =
        checks.evaluate(
            "((java.util.function.BooleanSupplier) () -> { try {"
                + " java.util.stream.IntStream.range(0, 2).parallel().map(i -> {"
                + " if (i == 0) throw new IllegalStateException(); while (true) {} }).sum();"
                + " } catch (IllegalStateException e) {} return true; }).getAsBoolean()",
            STATE);
    assertFalse(o.passed(), o.detail());
    assertNothingKeepsRunning();
  }

  @Test
  void a_memory_bomb_fails_its_check_at_the_memory_limit() {
    try (JShellChecks small =
        new JShellChecks(
            new JShellChecks.Limits(Duration.ofSeconds(20), Duration.ofSeconds(20), 64, 1))) {
      long t0 = System.nanoTime();
      CheckOutcome o =
          small.evaluate(
              "java.util.stream.Stream.generate(() -> new long[1 << 20]).limit(100_000)"
                  + ".toList().size() > 0",
              STATE);
      assertFalse(o.passed());
      assertTrue(o.detail().contains("bộ nhớ 64 MB"), o.detail());
      System.out.printf("memory bomb stopped after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
      assertTrue(small.evaluate("state.nodes().size() == 1", STATE).passed());
    }
  }

  @Test
  void a_check_that_spins_on_every_core_is_stopped_by_its_cpu_time() {
    try (JShellChecks cpuBound =
        new JShellChecks(
            new JShellChecks.Limits(Duration.ofSeconds(30), Duration.ofMillis(300), 128, 1))) {
      CheckOutcome o =
          cpuBound.evaluate(
              "java.util.stream.IntStream.range(0, 64).parallel().map(i -> { while (true) {} })"
                  + ".sum() > 0",
              STATE);
      assertFalse(o.passed());
      assertTrue(o.detail().contains("CPU"), o.detail());
    }
  }

  @Test
  void children_are_reused_across_checks_and_replaced_after_misbehaving() {
    try (JShellChecks pool =
        new JShellChecks(
            new JShellChecks.Limits(Duration.ofSeconds(3), Duration.ofSeconds(1), 128, 1))) {
      for (int i = 0; i < 50; i++) {
        assertTrue(
            pool.evaluate("state.nodes().size() == " + (1 + i % 2) + " || true", STATE).passed());
      }
      assertEquals(1, pool.started(), "one JVM for fifty checks");
      List<Long> before = pool.pids();
      assertFalse(
          pool.evaluate("java.util.stream.Stream.iterate(0, i -> i).anyMatch(i -> i < 0)", STATE)
              .passed());
      for (long pid : before) {
        assertFalse(
            ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
            "the misbehaving child is gone");
      }
      assertTrue(pool.evaluate("state.nodes().size() == 1", STATE).passed());
      assertEquals(2, pool.started(), "one replacement");
    }
  }

  /**
   * This JVM uses (almost) no CPU for a second after a misbehaving check: nothing of the check is
   * still running here (it used to: a thread that caught ThreadDeath, parallel stream workers).
   */
  static void assertNothingKeepsRunning() {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    double share = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - t0);
    assertTrue(share < 0.5, "the test JVM still used " + share + " of a core after the check");
  }
}
