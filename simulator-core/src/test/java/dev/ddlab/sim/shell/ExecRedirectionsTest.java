package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code exec} with redirections and no command: the shell's own open files change for the rest of
 * it ({@code exec >log 2>&1}, {@code exec 3>file; echo hi >&3; exec 3>&-}, {@code exec <file}),
 * builtins and programs alike; a subshell's last only in it. Checked with bash 5.2 and dash 0.5.12
 * here and busybox 1.35 here and on the private dockerd (docs/reference/course-fidelity.md).
 */
class ExecRedirectionsTest {
  private static List<TranscriptEntry> run(String script) {
    try (SimSession s = SimSession.open("single", 1)) {
      List<TranscriptEntry> t = new ScriptRunner(s).run("docker pull -q alpine\n" + script);
      return t.subList(1, t.size());
    }
  }

  /** {@code script} as bash -c, dash's sh -c on the host, and busybox sh -c in alpine. */
  private static List<TranscriptEntry> inEachShell(String script) {
    return run(
        "bash -c '"
            + script
            + "'\nsh -c '"
            + script
            + "'\ndocker run --rm alpine sh -c '"
            + script
            + "'\n");
  }

  @Test
  void output_lasts_for_builtins_programs_and_children_and_a_subshell_s_stays_in_it() {
    List<TranscriptEntry> t =
        inEachShell(
            "exec 3>&1; exec >/tmp/o 2>&1; echo one; ls /nope; sh -c \"echo child\";"
                + " (exec >/tmp/s; echo insub); echo two; exec >&3; cat /tmp/o; echo --; cat /tmp/s");
    String host =
        "one\nls: cannot access '/nope': No such file or directory\nchild\ntwo\n--\ninsub\n";
    assertEquals(host, t.get(0).output());
    assertEquals(host, t.get(1).output());
    assertEquals(
        "one\nls: /nope: No such file or directory\nchild\ntwo\n--\ninsub\n", t.get(2).output());
    List<TranscriptEntry> sub = inEachShell("a=$(exec 2>/dev/null); ls /nope 2>&1 | wc -l");
    for (TranscriptEntry e : sub) {
      assertEquals("1\n", e.output()); // a command substitution's exec stays in it
    }
  }

  @Test
  void a_descriptor_opened_by_exec_stays_open_until_closed_then_is_a_bad_one() {
    List<TranscriptEntry> t =
        inEachShell(
            "exec 3>/tmp/f3; echo hi >&3; exec 3>&-; cat /tmp/f3; echo x >&3; echo \"st $?\"; echo after");
    assertEquals("hi\nbash: line 1: 3: Bad file descriptor\nst 1\nafter\n", t.get(0).output());
    assertEquals("hi\nsh: 1: 3: Bad file descriptor\nst 2\nafter\n", t.get(1).output());
    assertEquals("hi\nsh: 3: Bad file descriptor\nst 1\nafter\n", t.get(2).output());
  }

  @Test
  void writing_to_a_descriptor_open_for_reading_or_a_closed_stdout_is_a_write_error() {
    List<TranscriptEntry> t =
        inEachShell(
            "printf x >/tmp/in; exec 3</tmp/in; echo hi >&3; echo \"st $?\"; exec >&-; echo gone;"
                + " echo \"st $?\" >&2");
    assertEquals(
        "bash: echo: write error: Bad file descriptor\nst 1\n"
            + "bash: echo: write error: Bad file descriptor\nst 1\n",
        t.get(0).output());
    assertEquals(
        "sh: 1: echo: echo: I/O error\nst 1\nsh: 1: echo: echo: I/O error\nst 1\n",
        t.get(1).output());
    assertEquals(
        "sh: write error: Bad file descriptor\nst 1\nsh: write error: Bad file descriptor\nst 1\n",
        t.get(2).output());
  }

  @Test
  void a_failed_redirection_of_exec_ends_dash_and_busybox_but_not_bash() {
    List<TranscriptEntry> t =
        inEachShell("exec 3>/nonexistent/x; echo \"st $?\"; exec >&9; echo \"st $?\"; echo after");
    assertEquals(
        "bash: line 1: /nonexistent/x: No such file or directory\nst 1\n"
            + "bash: line 1: 9: Bad file descriptor\nst 1\nafter\n",
        t.get(0).output());
    assertEquals(0, t.get(0).exitCode());
    assertEquals("sh: 1: cannot create /nonexistent/x: Directory nonexistent\n", t.get(1).output());
    assertEquals(2, t.get(1).exitCode());
    assertEquals("sh: can't create /nonexistent/x: nonexistent directory\n", t.get(2).output());
    assertEquals(1, t.get(2).exitCode());
    List<TranscriptEntry> other = inEachShell(": >&9; echo after");
    assertEquals("bash: line 1: 9: Bad file descriptor\nafter\n", other.get(0).output());
    assertEquals("sh: 1: 9: Bad file descriptor\n", other.get(1).output());
    assertEquals(2, other.get(1).exitCode());
    assertEquals("sh: 9: Bad file descriptor\n", other.get(2).output());
    assertEquals(1, other.get(2).exitCode());
  }

  @Test
  void input_lasts_and_a_descriptor_reads_on_where_it_stopped() {
    List<TranscriptEntry> t =
        inEachShell(
            "printf \"l1\\nl2\\nl3\\n\" >/tmp/in; exec </tmp/in; read a; read b; echo \"$a|$b\"; cat;"
                + " exec 3</tmp/in; read x <&3; echo \"x=$x\"; cat <&3");
    for (TranscriptEntry e : t) {
      assertEquals("l1|l2\nl3\nx=l1\nl2\nl3\n", e.output());
    }
    List<TranscriptEntry> u =
        run(
            """
            bash -c 'printf "l1\\nl2\\n" >/tmp/in; exec 3</tmp/in; read -u 3 y; echo "y=$y"'
            docker run --rm alpine sh -c 'printf "l1\\nl2\\n" >/tmp/in; exec 3</tmp/in; read -u 3 y; echo "y=$y"'
            """);
    assertEquals("y=l1\n", u.get(0).output());
    assertEquals("y=l1\n", u.get(1).output());
  }

  @Test
  void a_redirected_group_gives_back_its_streams_and_a_function_s_exec_lasts() {
    List<TranscriptEntry> t =
        inEachShell(
            "cd /tmp; { exec >g.log; echo a; } >other.log; echo b; f() { exec >f.log; }; f; echo c;"
                + " exec >&2; echo \"g=$(cat g.log) o=$(cat other.log) f=$(cat f.log)\"");
    for (TranscriptEntry e : t) {
      assertEquals("b\ng=a o= f=c\n", e.output());
    }
  }

  @Test
  void a_container_s_exec_cmd_keeps_the_shell_s_pid_and_the_files_exec_opened() {
    List<TranscriptEntry> t =
        run(
            """
            docker run -d --name exk alpine sh -c 'exec >/tmp/log 2>&1; echo start; ls /nope; exec sleep 1000'
            docker exec exk ps
            docker exec exk cat /tmp/log
            docker logs exk
            """);
    assertEquals("    1 root      0:00 sleep 1000", t.get(1).output().lines().toList().get(1));
    assertEquals("start\nls: /nope: No such file or directory\n", t.get(2).output());
    assertEquals("", t.get(3).output());
  }

  @Test
  void at_the_host_prompt_the_typed_lines_after_exec_write_where_it_said() {
    List<TranscriptEntry> t =
        run(
            """
            exec >/tmp/typed.log
            echo hidden
            ls /nope
            cat /tmp/typed.log >&2
            """);
    assertEquals("", t.get(0).output());
    assertEquals("", t.get(1).output());
    assertEquals("ls: cannot access '/nope': No such file or directory\n", t.get(2).output());
    assertEquals("hidden\n", t.get(3).output());
  }
}
