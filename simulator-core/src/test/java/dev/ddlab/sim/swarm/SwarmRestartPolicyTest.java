package dev.ddlab.sim.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A service's restart policy as swarmkit's restart supervisor applies it (condition, delay, max
 * attempts), from {@code service create --restart-*} (docker/cli's flags, the daemon's check of the
 * condition).
 */
class SwarmRestartPolicyTest {
  private static final String NODE = "node1";

  private static SimSession swarm() {
    SimSession s = SimSession.open("single", 1);
    s.type(NODE, "docker swarm init");
    return s;
  }

  /** The rows of {@code service ps NAME} below its header. */
  private static List<String> tasks(SimSession s, String name) {
    String out = s.type(NODE, "docker service ps " + name).output();
    List<String> rows = Arrays.asList(out.split("\n"));
    return rows.subList(1, rows.size());
  }

  @Test
  void condition_none_and_on_failure_after_exit_0_leave_the_slot_empty() {
    try (SimSession s = swarm()) {
      s.type(
          NODE,
          "docker service create -d --name once --replicas 2 --restart-condition none alpine");
      s.type(NODE, "docker service create -d --name ok --restart-condition on-failure alpine");
      s.type(NODE, "sleep 60");
      List<String> once = tasks(s, "once");
      assertEquals(2, once.size(), String.join("\n", once));
      for (String row : once) {
        assertTrue(row.matches(".*Shutdown +Complete .*"), row);
      }
      assertEquals(1, tasks(s, "ok").size());
      assertTrue(s.type(NODE, "docker service ls").output().contains("0/2"));
    }
  }

  @Test
  void on_failure_restarts_a_failed_task_at_most_max_attempts_times() {
    try (SimSession s = swarm()) {
      s.type(
          NODE,
          "docker service create -d --name bad --restart-condition on-failure"
              + " --restart-max-attempts 2 alpine sh -c 'exit 3'");
      s.type(NODE, "sleep 120");
      List<String> bad = tasks(s, "bad");
      assertEquals(3, bad.size(), "the first task and two restarts: " + String.join("\n", bad));
      for (String row : bad) {
        assertTrue(row.matches(".*Shutdown +Failed .*task: non-zero exit \\(3\\).*"), row);
      }
    }
  }

  @Test
  void the_restart_delay_spaces_the_tasks_of_a_slot() {
    try (SimSession s = swarm()) {
      s.type(NODE, "docker service create -d --name slow --restart-delay 20s alpine");
      s.type(NODE, "sleep 50");
      // tasks at about 0, 20 and 40 s (the default 5 s would make ten, trimmed to five)
      assertEquals(3, tasks(s, "slow").size());
    }
  }

  @Test
  void a_condition_swarmkit_does_not_know_and_a_bad_count_are_refused() {
    try (SimSession s = swarm()) {
      TranscriptEntry e = s.type(NODE, "docker service create --restart-condition always alpine");
      assertEquals(
          "Error response from daemon: invalid RestartCondition: \"always\"\n", e.output());
      assertEquals(1, e.exitCode());
      TranscriptEntry n = s.type(NODE, "docker service create --restart-max-attempts x alpine");
      assertTrue(
          n.output()
              .startsWith(
                  "invalid argument \"x\" for \"--restart-max-attempts\" flag:"
                      + " strconv.ParseUint: parsing \"x\": invalid syntax\n"),
          n.output());
      assertEquals(125, n.exitCode());
      assertEquals(
          "ID NAME MODE REPLICAS IMAGE PORTS",
          s.type(NODE, "docker service ls").output().trim().replaceAll(" +", " "));
    }
  }
}
