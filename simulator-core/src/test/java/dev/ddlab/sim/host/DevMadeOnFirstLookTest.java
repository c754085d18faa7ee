package dev.ddlab.sim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.fs.DevFs;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.sim.volume.MountedFs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A container's /dev costs its start nothing that depends on its nodes: they are made, dated at the
 * start, when something first looks at /dev (issue 15: building runc's /dev at every start made the
 * run+rm pair ~6% heavier). What a learner sees is as before: nodes dated at the (last) start,
 * console and pts/0 with a terminal only, a restart's new tmpfs without what was written before.
 */
class DevMadeOnFirstLookTest {
  private final Cluster cluster = TestImages.cluster(42);
  private final DockerHost node = cluster.node("node1");
  private final ContainersApi api = node.engine().containers();

  private String started(boolean tty) {
    ContainerConfig config =
        new ContainerConfig(
            "",
            "",
            "",
            false,
            false,
            false,
            null,
            tty,
            false,
            false,
            null,
            List.of("sleep", "1d"),
            null,
            "alpine",
            null,
            "",
            null,
            null,
            null,
            null,
            null);
    String id = api.create(null, config, HostConfig.none(), null, null).id();
    api.start(id);
    return id;
  }

  private DevFs dev(String id) {
    MountedFs fs = (MountedFs) node.rootFsOf(id);
    return fs.mounts().stream()
        .filter(m -> m.target().equals("/dev"))
        .map(m -> (DevFs) m.fs())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void a_container_that_only_runs_has_made_none_of_its_dev_nodes() {
    String id = started(false);
    cluster.clock().advance(Duration.ofMinutes(3));
    assertFalse(dev(id).made());
  }

  @Test
  void docker_run_d_typed_at_the_prompt_makes_none_of_them_either() {
    try (SimSession s = SimSession.open("single", 7)) {
      s.type("node1", "docker pull alpine");
      TranscriptEntry run = s.type("node1", "docker run -d alpine sleep 1d");
      assertEquals(0, run.exitCode());
      String id = run.output().strip();
      DockerHost host = s.host("node1");
      MountedFs fs = (MountedFs) host.rootFsOf(id);
      DevFs dev =
          fs.mounts().stream()
              .filter(m -> m.target().equals("/dev"))
              .map(m -> (DevFs) m.fs())
              .findFirst()
              .orElseThrow();
      assertFalse(dev.made());
      assertEquals(0, s.type("node1", "docker exec " + id + " ls /dev").exitCode());
      assertTrue(dev.made());
    }
  }

  @Test
  void the_first_look_makes_the_nodes_dated_at_the_start_not_at_the_look() {
    String id = started(false);
    long start = cluster.clock().nowNanos();
    cluster.clock().advance(Duration.ofMinutes(3));
    DevFs dev = dev(id);
    assertEquals(start, dev.lstat("/null").orElseThrow().mtimeNanos());
    assertTrue(dev.made());
    assertEquals(start, dev.lstat("/pts/ptmx").orElseThrow().mtimeNanos());
    assertEquals(start, dev.lstat("/core").orElseThrow().mtimeNanos());
    assertEquals(start, dev.stat("/").orElseThrow().mtimeNanos());
  }

  @Test
  void a_terminal_has_console_and_pts_0_and_no_terminal_has_neither() {
    DevFs withTty = dev(started(true));
    DevFs without = dev(started(false));
    assertEquals(
        List.of(
            "console", "core", "fd", "full", "mqueue", "null", "ptmx", "pts", "random", "shm",
            "stderr", "stdin", "stdout", "tty", "urandom", "zero"),
        withTty.list("/"));
    assertEquals(List.of("0", "ptmx"), withTty.list("/pts"));
    assertEquals(
        List.of(
            "core", "fd", "full", "mqueue", "null", "ptmx", "pts", "random", "shm", "stderr",
            "stdin", "stdout", "tty", "urandom", "zero"),
        without.list("/"));
    assertEquals(List.of("ptmx"), without.list("/pts"));
  }

  @Test
  void a_restart_mounts_a_new_dev_dated_then_without_what_was_written_in_it() {
    String id = started(false);
    DevFs dev = dev(id);
    dev.write("/note", "hi".getBytes(StandardCharsets.UTF_8), false);
    api.stop(id, 0);
    cluster.clock().advance(Duration.ofMinutes(5));
    api.start(id);
    long second = cluster.clock().nowNanos();
    assertFalse(dev(id).made());
    assertFalse(dev(id).exists("/note"));
    assertEquals(second, dev(id).lstat("/zero").orElseThrow().mtimeNanos());
  }

  @Test
  void a_restart_of_a_container_that_never_looked_dates_the_nodes_at_the_last_start() {
    String id = started(false);
    api.stop(id, 0);
    cluster.clock().advance(Duration.ofMinutes(5));
    api.start(id);
    long second = cluster.clock().nowNanos();
    cluster.clock().advance(Duration.ofMinutes(1));
    assertEquals(second, dev(id).lstat("/full").orElseThrow().mtimeNanos());
  }
}
