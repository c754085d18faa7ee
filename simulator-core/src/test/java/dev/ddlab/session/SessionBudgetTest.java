package dev.ddlab.session;

import static dev.ddlab.session.MemoryLimitTest.ends;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.sim.host.Cluster;
import dev.ddlab.sim.host.DockerHost;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A session's machines share one budget of the server's heap, however many its template has: the
 * bytes written on all their disks and the memory all their programs hold. Six nodes of {@code
 * swarm-3m3w} used to hold six nodes' quotas (about 1.3 GB of heap); now a write or an allocation
 * that would take the session over its budget fails on whichever node makes it, as a full disk and
 * the OOM killer fail it there, and what is freed on one node can be used on another.
 */
class SessionBudgetTest {
  /** Sixteen characters doubled 20 times: 16 MiB. */
  private static final String X16 =
      "x=aaaaaaaaaaaaaaaa; i=0; while [ $i -lt 20 ]; do x=$x$x; i=$((i+1)); done";

  private static final long MIB = 1L << 20;

  private static long nodeDisks(SimSession s) {
    return s.cluster().nodes().stream().mapToLong(n -> n.hostFs().disk().used()).sum();
  }

  @Test
  void six_nodes_writing_files_share_one_disk_budget_and_what_one_frees_another_can_use() {
    try (SimSession s = SimSession.open("swarm-3m3w", 1)) {
      StringBuilder failures = new StringBuilder();
      for (DockerHost n : s.cluster().nodes()) {
        s.type(n.name(), X16);
        // 48 MiB a node fits its own 64 MiB disk: six of them would be 288 MiB
        failures.append(
            ends(() -> s.type(n.name(), "for f in a b c; do echo $x > $f; done")).output());
      }
      long used = nodeDisks(s);
      assertTrue(used <= Cluster.SESSION_DISK_BYTES, "node disks hold " + used);
      assertTrue(used > Cluster.SESSION_DISK_BYTES - 17 * MIB, "node disks hold " + used);
      assertEquals(used, s.cluster().diskBudget().used());
      assertTrue(
          failures.toString().contains("bash: echo: write error: No space left on device\n"),
          failures.toString());
      assertEquals(
          "No space left on device\n",
          s.type("wrk3", "echo $x > d 2>/dev/null || echo No space left on device").output());
      s.type("mgr1", "rm a b c");
      assertEquals("", s.type("wrk3", "echo $x > d").output());
      assertTrue(nodeDisks(s) <= Cluster.SESSION_DISK_BYTES);
    }
  }

  @Test
  void containers_and_logins_on_six_nodes_share_one_memory_budget_and_the_oom_killer_keeps_it() {
    try (SimSession s = SimSession.open("swarm-3m3w", 1)) {
      for (DockerHost n : s.cluster().nodes()) {
        s.type(n.name(), "docker pull -q alpine");
        s.type(n.name(), X16);
      }
      // 96 MiB in six logins; containers holding 16 MiB each fit each node's 64 MiB, not the
      // session's
      for (DockerHost n : s.cluster().nodes()) {
        s.type(n.name(), "docker run -d --name hold alpine sh -c '" + X16 + "; sleep 100000'");
        ends(
            () -> {
              s.advance(Duration.ofSeconds(2));
              return null;
            });
      }
      long memory = s.cluster().memoryBudget().memory();
      assertTrue(memory <= Cluster.SESSION_MEMORY_BYTES, "session memory " + memory);
      StringBuilder states = new StringBuilder();
      for (DockerHost n : s.cluster().nodes()) {
        states.append(
            s.type(
                    n.name(),
                    "docker inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.State.OOMKilled}}'"
                        + " hold")
                .output());
      }
      assertTrue(states.toString().contains("running 0 false\n"), states.toString());
      assertTrue(states.toString().contains("exited 137 true\n"), states.toString());
      // what every node frees goes back to the one budget
      for (DockerHost n : s.cluster().nodes()) {
        s.type(n.name(), "docker rm -f hold; unset x");
      }
      assertTrue(
          s.cluster().memoryBudget().memory() < MIB, "left " + s.cluster().memoryBudget().memory());
    }
  }

  @Test
  void a_commit_on_one_node_fails_when_the_others_filled_the_sessions_disk_and_stores_nothing() {
    try (SimSession s = SimSession.open("swarm-3m3w", 1)) {
      s.type("wrk1", "docker pull -q alpine");
      TranscriptEntry run =
          s.type("wrk1", "docker run --name writer alpine sh -c 'yes | head -c 1000000 > /f'");
      assertEquals(0, run.exitCode(), run.output());
      for (String n : List.of("mgr1", "mgr2", "mgr3")) {
        ends(() -> s.type(n, "yes > big"));
      }
      assertTrue(s.cluster().diskBudget().available() < 100_000, "the others filled it");
      TranscriptEntry commit = s.type("wrk1", "docker commit writer img");
      assertEquals(1, commit.exitCode());
      assertTrue(
          commit.output().startsWith("Error response from daemon: ")
              && commit.output().endsWith(": no space left on device\n"),
          commit.output());
      assertEquals("", s.type("wrk1", "docker images -q img").output(), "nothing stored");
      s.type("mgr1", "rm big");
      assertEquals(0, s.type("wrk1", "docker commit writer img").exitCode());
    }
  }

  @Test
  void logins_on_six_nodes_share_one_pids_budget_and_what_one_frees_another_can_fork() {
    String jobs = "i=0; while [ $i -lt 1500 ]; do sleep 100000 & i=$((i+1)); done";
    try (SimSession s = SimSession.open("swarm-3m3w", 1)) {
      StringBuilder counts = new StringBuilder();
      String last = "";
      for (DockerHost n : s.cluster().nodes()) {
        // 1,500 background jobs a login fit its own 4,096 tasks: six of them would be 9,000
        s.type(n.name(), jobs);
        ends(
            () -> {
              s.advance(Duration.ofSeconds(10));
              return null;
            });
        last = s.type(n.name(), "echo $i").output();
        counts.append(last.substring(last.lastIndexOf('\n', last.length() - 2) + 1));
      }
      assertEquals("1500\n1500\n1500\n1500\n1500\n692\n", counts.toString());
      assertTrue(
          last.contains(
              "bash: fork: retry: Resource temporarily unavailable\n".repeat(4)
                  + "bash: fork: Resource temporarily unavailable\n"),
          last);
      assertEquals(Cluster.SESSION_TASKS_MAX, s.cluster().memoryBudget().pids());
      TranscriptEntry full = s.type("wrk3", "sleep 100000 &");
      assertEquals(126, full.exitCode(), "the session is full on any node: " + full.output());
      assertTrue(full.output().startsWith("bash: fork: retry: "), full.output());
      s.type("mgr1", "kill %1 %2 %3");
      TranscriptEntry freed = s.type("wrk3", "sleep 100000 & echo forked");
      assertEquals(0, freed.exitCode(), freed.output());
      assertTrue(freed.output().endsWith("forked\n"), freed.output());
    }
  }
}
