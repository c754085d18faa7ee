package dev.ddlab.sim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A start resolves {@code --user} in the container's own /etc/passwd and /etc/group as they are at
 * that start (moby's createSpec), even though a start of the same files reuses the last answer.
 */
class StartUserFilesTest {
  private static String ok(SimSession s, String line) {
    TranscriptEntry e = s.type("node1", line);
    assertEquals(0, e.exitCode(), line + ": " + e.output());
    return e.output();
  }

  private static void addUser(SimSession s, String id, String passwdLine) {
    FileSystem fs = s.host("node1").rootFsOf(id);
    String passwd = new String(fs.read("/etc/passwd"), StandardCharsets.UTF_8);
    fs.write("/etc/passwd", (passwd + passwdLine + "\n").getBytes(StandardCharsets.UTF_8), false);
  }

  @Test
  void a_user_added_to_a_containers_passwd_is_found_at_its_next_start() {
    try (SimSession s = SimSession.open("single", 5)) {
      ok(s, "docker pull alpine");
      assertEquals("/root\n", ok(s, "docker run --rm alpine sh -c 'echo $HOME'"));
      TranscriptEntry missing = s.type("node1", "docker run --rm --user bob alpine true");
      assertTrue(missing.output().contains("unable to find user bob"), missing.output());
      String one = ok(s, "docker create --user bob alpine sh -c 'echo $HOME'").strip();
      addUser(s, one, "bob:x:1000:1000::/home/bob:/bin/sh");
      assertEquals("/home/bob\n", ok(s, "docker start -a " + one));
      String two = ok(s, "docker create --user bob alpine sh -c 'echo $HOME'").strip();
      addUser(s, two, "bob:x:1000:1000::/srv/bob:/bin/sh");
      assertEquals("/srv/bob\n", ok(s, "docker start -a " + two));
      assertEquals("/home/bob\n", ok(s, "docker start -a " + one));
    }
  }
}
