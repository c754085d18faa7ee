package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code exec CMD}: the shell becomes the command (nothing after it runs; in a container it keeps
 * the shell's PID), and a command that cannot run ends a non-interactive shell in each shell's
 * words. Checked with bash 5.2 and dash 0.5.12 here and busybox 1.36 on the private dockerd.
 */
class ExecBuiltinTest {
  private static List<TranscriptEntry> run(String script) {
    try (SimSession s = SimSession.open("single", 1)) {
      List<TranscriptEntry> t = new ScriptRunner(s).run("docker pull -q alpine\n" + script);
      return t.subList(1, t.size());
    }
  }

  @Test
  void in_a_container_the_command_replaces_the_shell_and_keeps_its_pid() {
    List<TranscriptEntry> t =
        run(
            """
            docker run --rm alpine sh -c 'exec echo hi; echo after'
            docker run -d --name ex alpine sh -c 'echo start; exec sleep 1000'
            docker exec ex ps
            docker top ex -o pid,args
            """);
    assertEquals("hi\n", t.get(0).output());
    assertEquals(0, t.get(0).exitCode());
    assertEquals("    1 root      0:00 sleep 1000", t.get(2).output().lines().toList().get(1));
    assertEquals(2, t.get(3).output().lines().count(), t.get(3).output());
  }

  @Test
  void a_command_exec_cannot_run_ends_the_shell_in_each_shell_s_words() {
    List<TranscriptEntry> t =
        run(
            """
            docker run --rm alpine sh -c 'exec nosuch; echo after'
            docker run --rm alpine sh -c 'echo a
            exec /etc/passwd; echo after'
            sh -c 'exec nosuch; echo after'
            sh -c 'exec /etc/passwd; echo after'
            bash -c 'exec nosuch; echo after'
            bash -c 'exec -x'
            """);
    assertEquals("sh: exec: line 0: nosuch: not found\n", t.get(0).output());
    assertEquals(127, t.get(0).exitCode());
    assertEquals("a\nsh: exec: line 1: /etc/passwd: Permission denied\n", t.get(2).output());
    assertEquals(126, t.get(2).exitCode());
    assertEquals("sh: 1: exec: nosuch: not found\n", t.get(3).output());
    assertEquals(127, t.get(3).exitCode());
    assertEquals("sh: 1: exec: /etc/passwd: Permission denied\n", t.get(4).output());
    assertEquals(126, t.get(4).exitCode());
    assertEquals("bash: exec: nosuch: not found\n", t.get(5).output());
    assertEquals(127, t.get(5).exitCode());
    assertEquals(
        "bash: exec: -x: invalid option\n"
            + "exec: usage: exec [-cl] [-a name] [command [argument ...]] [redirection ...]\n",
        t.get(6).output());
    assertEquals(2, t.get(6).exitCode());
  }

  @Test
  void on_the_host_a_shell_runs_the_command_and_ends_with_its_status() {
    List<TranscriptEntry> t =
        run(
            """
            bash -c 'exec echo hi; echo after'
            sh -c 'exec ls /nosuch; echo after'
            """);
    assertEquals("hi\n", t.get(0).output());
    assertEquals("ls: cannot access '/nosuch': No such file or directory\n", t.get(1).output());
    assertEquals(2, t.get(1).exitCode());
  }
}
