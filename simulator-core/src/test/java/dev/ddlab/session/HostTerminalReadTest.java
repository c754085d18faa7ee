package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Host commands that read the terminal wait for the next typed line, as bash's {@code read} waits
 * on a tty: {@code read} at the prompt, in a loop, {@code read -p}/{@code -s}, and {@code docker
 * swarm unlock}'s key prompt; Ctrl-C while waiting gives 130, Ctrl-D the end of input. In a script
 * the next line is what the learner types, so {@code read} reads the script's next line (as {@code
 * bash < file} does). Statuses as bash 5.2 and CLI 28 give them.
 */
class HostTerminalReadTest {
  private static List<TranscriptEntry> run(Session s, String script) {
    return new ScriptRunner(s).run(script);
  }

  @Test
  void read_at_the_host_prompt_waits_for_the_next_typed_line() {
    try (SimSession s = SimSession.open("single", 3)) {
      TranscriptEntry read = s.type("node1", "read name");
      assertEquals("", s.prompt("node1"), "the terminal waits for the line, no prompt");
      assertEquals("", read.output());
      TranscriptEntry typed = s.type("node1", "Lan Anh");
      assertEquals("", typed.prompt());
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
      assertEquals("[Lan Anh] 0\n", s.type("node1", "echo \"[$name] $?\"").output());
      assertEquals(0, s.transcript().get(0).exitCode(), "the read's entry gets its status");
    }
  }

  @Test
  void a_script_line_after_read_is_what_it_reads_and_read_p_shows_its_prompt() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              read -p 'Tên: ' a b
              Nguyen Van A
              echo "$b/$a"
              read -s secret
              s3cret
              echo "[$secret]"
              """);
      assertEquals("", t.get(0).output());
      assertEquals("Tên: ", t.get(1).prompt(), "the terminal shows read -p's prompt, as a shell's");
      assertEquals("Van A/Nguyen\n", t.get(2).output());
      assertEquals("[s3cret]\n", t.get(5).output());
    }
  }

  @Test
  void a_loop_reads_typed_lines_until_ctrl_d() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              while read l; do echo "<$l>"; done; echo "end $?"
              a
              b c
              ^D
              """);
      assertEquals("<a>\n", t.get(1).output());
      assertEquals("<b c>\n", t.get(2).output());
      assertEquals("end 0\n", t.get(3).output());
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"), "Ctrl-D ended the read, not the login");
    }
  }

  @Test
  void ctrl_c_while_read_waits_gives_130_and_the_next_line_is_a_command_again() {
    try (SimSession s = SimSession.open("single", 3)) {
      s.type("node1", "read x; echo never");
      TranscriptEntry c = s.interrupt("node1");
      assertEquals(130, c.exitCode());
      assertEquals(130, s.transcript().get(0).exitCode());
      assertEquals("130\n", s.type("node1", "echo $?").output());
      assertEquals("[]\n", s.type("node1", "echo \"[$x]\"").output());
    }
  }

  @Test
  void ctrl_d_at_a_waiting_read_is_the_end_of_input_with_status_1() {
    try (SimSession s = SimSession.open("single", 3)) {
      s.type("node1", "read x");
      s.type("node1", "\u0004");
      assertEquals("1\n", s.type("node1", "echo $?").output());
    }
  }

  @Test
  void a_line_typed_while_the_foreground_sleeps_is_typeahead_for_its_read() {
    try (SimSession s = SimSession.open("single", 3)) {
      s.type("node1", "sleep 8d; read x");
      s.type("node1", "early"); // longer than one line may take: typed while it sleeps
      s.advance(Duration.ofDays(8));
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
      assertEquals("[early]\n", s.type("node1", "echo \"[$x]\"").output());
    }
  }

  @Test
  void swarm_unlock_at_a_terminal_prompts_and_takes_the_next_line_as_its_key_unechoed() {
    try (SimSession s = SimSession.open("swarm-1m1w", 8)) {
      s.type("mgr1", "docker swarm init --autolock --advertise-addr 10.0.0.1");
      String key = s.type("mgr1", "docker swarm unlock-key -q").output().trim();
      s.type("mgr1", "service docker restart");
      s.advance(Duration.ofSeconds(2));
      s.type("mgr1", "docker swarm unlock");
      assertEquals("Please enter unlock key: ", s.prompt("mgr1"));
      assertEquals(130, s.interrupt("mgr1").exitCode(), "Ctrl-C at the prompt: docker dies of it");
      assertEquals("130\n", s.type("mgr1", "echo $?").output());
      s.type("mgr1", "docker swarm unlock");
      TranscriptEntry bad = s.type("mgr1", "SWMKEY-1-wrong");
      assertEquals("", bad.command(), "the key is read without echo");
      assertTrue(bad.output().contains("invalid key provided"), bad.output());
      assertEquals("1\n", s.type("mgr1", "echo $?").output());
      TranscriptEntry unlock = s.type("mgr1", "docker swarm unlock");
      assertEquals("", unlock.output(), "the prompt is the terminal's, not output");
      TranscriptEntry good = s.type("mgr1", key);
      assertEquals("Please enter unlock key: ", good.prompt());
      assertEquals("", good.output());
      assertEquals("0\n", s.type("mgr1", "echo $?").output());
      s.advance(Duration.ofSeconds(5));
      assertEquals(0, s.type("mgr1", "docker node ls").exitCode());
    }
  }

  @Test
  void ctrl_c_at_a_read_in_an_interactive_container_shell_gives_130() {
    try (SimSession s = SimSession.open("single", 3)) {
      s.type("node1", "docker pull -q alpine");
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker run -it --rm alpine sh
              read x; echo never
              ^C
              echo "st=$? [$x]"
              exit
              """);
      assertEquals("/ # ", t.get(1).prompt());
      assertEquals("", t.get(2).output().replace("\n", ""), "the line ends: no 'never'");
      assertEquals("st=130 []\n", t.get(3).output());
    }
  }

  @Test
  void a_waiting_read_replays_from_the_recording_as_typed_lines() {
    List<Input> inputs;
    String screen;
    try (RecordingSession s = new RecordingSession(SimSession.open("single", 4))) {
      run(
          s,
          """
          read a
          typed-a
          echo "a=$a"
          read b
          ^C
          echo "st=$?"
          """);
      inputs = s.inputs();
      screen = ScriptRunner.render(s.transcript());
    }
    Replay.Result r =
        Replay.replay(SimSession::open, "single", 4, inputs, inputs.size(), Long.MAX_VALUE);
    try (RecordingSession replayed = r.session()) {
      assertEquals(screen, ScriptRunner.render(replayed.transcript()));
    }
    assertTrue(screen.contains("a=typed-a\n"), screen);
    assertTrue(screen.contains("st=130\n"), screen);
  }

  @Test
  void read_s_shows_and_records_nothing_typed_yet_replays_the_same() {
    List<Input> inputs;
    String screen;
    try (RecordingSession s = new RecordingSession(SimSession.open("single", 4))) {
      s.type("node1", "read -s -p 'Mật khẩu: ' pw; echo \"[$pw]\"");
      assertFalse(s.echoes("node1"), "the terminal does not echo while read -s waits");
      TranscriptEntry typed = s.type("node1", "bí-mật");
      assertEquals("", typed.command(), "nothing of the line in the transcript");
      assertEquals("Mật khẩu: ", typed.prompt());
      assertEquals("[bí-mật]\n", typed.output());
      assertTrue(s.echoes("node1"));
      Input in = s.inputs().get(1);
      assertTrue(in.unechoed(), "the recording marks it for screens and lists");
      assertEquals("bí-mật", in.arg(0), "and keeps it, to replay it");
      assertEquals("", s.type("node1", "read -p 'x: ' v").output());
      assertTrue(s.echoes("node1"), "a plain read echoes");
      inputs = s.inputs();
      screen = ScriptRunner.render(s.transcript());
    }
    assertFalse(screen.contains("bí-mật\n"), screen);
    Replay.Result r =
        Replay.replay(SimSession::open, "single", 4, inputs, inputs.size(), Long.MAX_VALUE);
    try (RecordingSession replayed = r.session()) {
      assertEquals(screen, ScriptRunner.render(replayed.transcript()));
    }
  }
}
