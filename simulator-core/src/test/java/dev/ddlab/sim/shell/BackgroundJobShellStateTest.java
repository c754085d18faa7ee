package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A background job runs in a subshell (bash, dash and busybox ash fork for {@code &}): its
 * assignments, {@code cd}, functions and {@code exit} stay in it, as bash 5.2 and dash here and
 * busybox sh on the private dockerd show for the same line.
 */
class BackgroundJobShellStateTest {
  private static final String LINE =
      "x=0; x=1 & wait; cd /tmp & wait; f() { echo f; } & wait; { y=2; cd /; } & wait;"
          + " exit 3 & wait; echo \"[$x] [$y] $PWD $?\";"
          + " type f >/dev/null 2>&1 || echo no f; for i in 1 2; do z=$i & done; wait; echo \"[$z]\"";

  private static List<TranscriptEntry> run(String script) {
    try (SimSession s = SimSession.open("single", 1)) {
      return new ScriptRunner(s).run(script);
    }
  }

  @Test
  void a_background_job_changes_nothing_in_the_host_shells() {
    List<TranscriptEntry> t =
        run(
            "cd /home\nbash -c '"
                + LINE
                + "'; echo \"st $?\"\nsh -c '"
                + LINE
                + "'; echo \"st $?\"\n");
    String expected = "[0] [] /home 0\nno f\n[]\n";
    assertEquals(expected + "st 0\n", t.get(1).output());
    assertEquals(expected + "st 0\n", t.get(2).output());
  }

  @Test
  void a_background_job_changes_nothing_at_the_prompt() {
    List<TranscriptEntry> t =
        run(
            """
            cd /home
            x=0; x=1 & wait; cd /tmp & wait; g() { echo g; } & wait
            echo "[$x] $PWD"; type g >/dev/null 2>&1 || echo no g
            """);
    assertEquals("[0] /home\nno g\n", t.get(2).output());
  }

  @Test
  void a_stages_break_does_not_leave_a_loop_of_another_stage() {
    List<TranscriptEntry> t =
        run(
            """
            sh -c 'while :; do echo y; done | { read l; break; echo "after $l"; }; echo "st $?"'
            """);
    assertEquals("after y\nst 0\n", t.get(0).output());
  }

  @Test
  void a_background_job_changes_nothing_in_a_busybox_shell() {
    List<TranscriptEntry> t =
        run(
            "docker pull -q alpine\ndocker run --rm -w /home alpine sh -c '"
                + LINE.replace("/tmp", "/root")
                + "'\n");
    assertEquals("[0] [] /home 0\nno f\n[]\n", t.get(1).output());
  }
}
