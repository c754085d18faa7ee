package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Two sessions of the simulator share nothing a learner can reach: what one creates (containers,
 * private image tags, networks, volumes, host files) the other can neither see, name, stop, read
 * nor hear of in its events, even with the same template and seed (so the same generated IDs).
 */
class SessionIsolationTest {
  private static String type(SimSession s, String line) {
    return s.type("node1", line).output();
  }

  /** A command that must fail, naming the object as unknown. */
  private static void refused(SimSession s, String line, String name) {
    TranscriptEntry t = s.type("node1", line);
    assertNotEquals(0, t.exitCode(), line + " -> " + t.output());
    assertTrue(t.output().contains(name), line + " -> " + t.output());
  }

  @Test
  void one_sessions_objects_are_invisible_and_unreachable_from_another() {
    try (SimSession a = SimSession.open("single", 3);
        SimSession b = SimSession.open("single", 3)) {
      type(a, "docker pull -q alpine");
      type(a, "docker network create privnet");
      type(a, "docker volume create privvol");
      type(a, "docker run -d --name secret --network privnet -v privvol:/data alpine sleep 1d");
      type(a, "docker tag alpine:latest mine/private:1");
      type(a, "echo hush > /home/ubuntu/secret.txt");
      String id = type(a, "docker ps -q --no-trunc").strip();
      assertEquals(64, id.length());

      assertEquals("", type(b, "docker ps -aq"));
      assertEquals("", type(b, "docker images -q mine/private"));
      assertFalse(type(b, "docker network ls --format '{{.Name}}'").contains("privnet"));
      assertEquals("", type(b, "docker volume ls -q"));
      for (String ref : new String[] {"secret", id, id.substring(0, 12)}) {
        assertEquals(
            "Error response from daemon: No such container: " + ref + "\n",
            type(b, "docker stop " + ref));
        assertEquals("[]\nError: No such object: " + ref + "\n", type(b, "docker inspect " + ref));
        refused(b, "docker logs " + ref, ref);
        refused(b, "docker exec " + ref + " cat /etc/hostname", ref);
      }
      refused(b, "docker network rm privnet", "privnet");
      refused(b, "docker volume inspect privvol", "privvol");
      refused(b, "docker rmi mine/private:1", "mine/private:1");
      refused(b, "cat /home/ubuntu/secret.txt", "No such file or directory");
      assertEquals(
          "",
          type(
              b,
              "docker events --since 0 --until 0s --filter container=secret --format '{{.Action}}'"));
      assertEquals(
          "",
          type(
              b,
              "docker events --since 0 --until 0s --filter type=network --format '{{.Actor.Attributes.name}}'"));

      // and the first session still has all of it, untouched
      assertEquals("secret\n", type(a, "docker ps --format '{{.Names}}'"));
      assertEquals("hush\n", type(a, "cat /home/ubuntu/secret.txt"));
    }
  }
}
