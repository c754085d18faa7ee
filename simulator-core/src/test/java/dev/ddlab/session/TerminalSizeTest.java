package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The terminal's size reaches the session as a real pty's does (the page's xterm.js resized, {@link
 * Session#resize}): the host's {@code stty size}, {@code tput cols}/{@code lines}, bash's {@code
 * $COLUMNS}/{@code $LINES}, a new container's {@code HostConfig.ConsoleSize}, and SIGWINCH to an
 * attached container's process. Texts and statuses as bash 5.2 with coreutils 9 and ncurses 6
 * through a pty, and the private dockerd ({@code ConsoleSize} is the size at create: [30,100]).
 */
class TerminalSizeTest {
  private static String out(Session s, String line) {
    return s.type("node1", line).output();
  }

  @Test
  void a_fresh_terminal_is_24_rows_of_80_columns() {
    try (SimSession s = SimSession.open("single", 3)) {
      assertEquals("24 80\n", out(s, "stty size"));
      assertEquals("80\n24\n", out(s, "tput cols; tput lines"));
      assertEquals("C=80 L=24\n", out(s, "echo C=$COLUMNS L=$LINES"));
    }
  }

  @Test
  void a_resize_reaches_stty_tput_columns_and_a_new_container_s_console_size() {
    try (SimSession s = SimSession.open("single", 3)) {
      s.resize("node1", 100, 30);
      assertEquals("30 100\n", out(s, "stty size"));
      assertEquals("100\n30\n", out(s, "tput cols; tput lines"));
      assertEquals("C=100 L=30\n", out(s, "echo C=$COLUMNS L=$LINES"));
      out(s, "docker pull -q alpine");
      out(s, "docker create -t --name sized alpine sh");
      assertEquals(
          "[30,100]\n", out(s, "docker inspect -f '{{json .HostConfig.ConsoleSize}}' sized"));
      assertEquals("40 120\nC=120\n", out(s, "stty rows 40 cols 120; stty size; echo C=$COLUMNS"));
    }
  }

  @Test
  void ls_lays_its_columns_out_in_the_terminals_width() {
    try (SimSession s = SimSession.open("single", 3)) {
      out(s, "mkdir d && cd d && touch aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee");
      assertEquals("aaaaaaaaaa  bbbbbbbbbb  cccccccccc  dddddddddd  eeeeeeeeee\n", out(s, "ls"));
      s.resize("node1", 40, 24);
      assertEquals("aaaaaaaaaa  cccccccccc  eeeeeeeeee\nbbbbbbbbbb  dddddddddd\n", out(s, "ls"));
      assertEquals("aaaaaaaaaa\nbbbbbbbbbb\n", out(s, "stty cols 20; ls | head -2"));
      assertEquals("aaaaaaaaaa\nbbbbbbbbbb\ncccccccccc\ndddddddddd\neeeeeeeeee\n", out(s, "ls"));
    }
  }

  @Test
  void stty_and_tput_refuse_as_coreutils_and_ncurses_do() {
    try (SimSession s = SimSession.open("single", 3)) {
      TranscriptEntry e = s.type("node1", "stty foo");
      assertEquals(
          "stty: invalid argument ‘foo’\nTry 'stty --help' for more information.\n", e.output());
      assertEquals(1, e.exitCode());
      assertEquals(
          "stty: missing argument to ‘rows’\nTry 'stty --help' for more information.\n1\n",
          out(s, "stty rows; echo $?"));
      assertEquals("stty: invalid integer argument: ‘abc’\n1\n", out(s, "stty cols abc; echo $?"));
      assertEquals(
          "stty: 'standard input': Inappropriate ioctl for device\n1\n",
          out(s, "echo x | stty size; echo $?"));
      assertEquals("tput: unknown terminfo capability 'foo'\n4\n", out(s, "tput foo; echo $?"));
      assertEquals("speed 38400 baud; line = 0;\n-brkint -imaxbel\n", out(s, "stty"));
    }
  }

  @Test
  void an_attached_container_s_process_gets_sigwinch() {
    try (SimSession s = SimSession.open("single", 3)) {
      s.followTicker();
      out(s, "docker pull -q alpine");
      out(s, "docker run -it --rm alpine sh");
      out(s, "trap 'echo WINCH' WINCH; sleep 2; echo done");
      s.resize("node1", 120, 40);
      s.advance(Duration.ofSeconds(2));
      assertEquals("WINCH\ndone\n", s.unshownOutput("node1"));
    }
  }

  @Test
  void a_resize_is_recorded_and_replayed() {
    java.util.List<Input> inputs;
    try (RecordingSession s = new RecordingSession(SimSession.open("single", 3))) {
      s.resize("node1", 100, 30);
      s.resize("node1", 100, 30); // the same size again: nothing changes
      inputs = s.inputs();
    }
    assertEquals(1, inputs.stream().filter(in -> in.kind() == Input.Kind.RESIZE).count());
    Replay.Result r = Replay.replayAll(SimSession::open, "single", 3, inputs);
    try (RecordingSession replayed = r.session()) {
      assertEquals("30 100\n", out(replayed, "stty size"));
    }
  }
}
