package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardKit.alpine;
import static dev.ddlab.bridge.guard.GuardKit.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.bridge.RealDocker;
import dev.ddlab.bridge.real.DockerHost;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.Mount;
import dev.ddlab.engine.dto.Volume;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Anonymous volumes of a ddlab that crashed, on the private dockerd (DDLAB_DOCKER_HOST): the daemon
 * names them (64 hex digits) and, before 6 Dec, labelled them with nothing, so once their container
 * was removed without {@code -v} and the ddlab process died, nothing told whose they were and
 * {@link Reaper#reapOrphans} left them on the shared daemon for ever. The guard now asks for them
 * as --mount volumes carrying the session's labels.
 */
class GuardReapTest {
  @Test
  void anonymous_volumes_of_a_crashed_ddlab_carry_its_labels_and_the_reaper_removes_them()
      throws Exception {
    try (RealEngine real = RealDocker.engineOrSkip()) {
      String session = "reap" + ProcessHandle.current().pid();
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  GuardReapTest.class.getName(),
                  session)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      List<String> volumes = new ArrayList<>();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null && !line.equals("ready")) {
          volumes.add(line);
        }
        assertEquals("ready", line, "the child made its volumes: " + volumes);
      } finally {
        child.destroyForcibly(); // kill -9: the session is never closed
        child.waitFor(30, TimeUnit.SECONDS);
      }
      try {
        assertEquals(3, volumes.size(), volumes.toString());
        for (String name : volumes) {
          Volume v = real.volumes().inspect(name);
          Map<String, String> labels = v.labels() == null ? Map.of() : v.labels();
          assertEquals(64, name.length(), "the daemon named it: " + name);
          assertEquals(session, labels.get(GuardedEngine.SESSION_LABEL), v.toString());
          assertTrue(
              labels.getOrDefault(GuardedEngine.OWNER_LABEL, "").endsWith(":" + child.pid()),
              v.toString());
        }
        assertTrue(Reaper.reapOrphans(real).contains(session));
        for (String name : volumes) {
          EngineException gone =
              org.junit.jupiter.api.Assertions.assertThrows(
                  EngineException.class, () -> real.volumes().inspect(name));
          assertTrue(gone.isNotFound(), gone.getMessage());
        }
      } finally {
        for (String name : volumes) {
          try {
            real.volumes().remove(name, true);
          } catch (EngineException gone) {
            // reaped
          }
        }
      }
    }
  }

  /**
   * The crashing ddlab: a guarded session that makes three anonymous volumes (`-v /data`, an
   * anonymous --mount with the learner's own labels, which the guard drops, and one whose container
   * was removed without -v), prints their names and "ready", then waits to be killed.
   */
  public static void main(String[] args) throws Exception {
    RealEngine real = new RealEngine(DockerHost.of(System.getenv("DDLAB_DOCKER_HOST")));
    GuardedEngine g = new GuardedEngine(real, GuardPolicy.defaults(args[0]));
    ContainerConfig withData = GuardKit.withVolume(alpine("true"), "/data");
    String kept = g.containers().create("keeps", withData, null, null, null).id();
    String removed = g.containers().create("removed", withData, null, null, null).id();
    Mount learners =
        new Mount(
            "volume",
            null,
            "/x",
            false,
            new Mount.VolumeOptions(false, Map.of(GuardedEngine.SESSION_LABEL, "someone-else")));
    String mounted =
        g.containers()
            .create("mounts", alpine("true"), host("mounts", List.of(learners)), null, null)
            .id();
    List<String> names = new ArrayList<>();
    for (String id : List.of(kept, removed, mounted)) {
      real.containers().inspect(id).mounts().forEach(m -> names.add(m.name()));
    }
    g.containers().remove(removed, false, false); // docker rm without -v: its volume stays
    names.forEach(System.out::println);
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(600_000);
  }
}
