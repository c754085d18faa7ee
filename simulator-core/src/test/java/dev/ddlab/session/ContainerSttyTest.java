package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * busybox {@code stty} inside containers, on the TTY of {@code docker run -it} and {@code docker
 * exec -it}: texts, wrapping and statuses as the private dockerd's alpine prints them through a pty
 * ({@code script -qc "docker run -it alpine sh -c '…'"}; the daemon there is 20.10's, which sizes a
 * TTY only after the start, so each check there waited a second; Docker 24 sizes it from the
 * ConsoleSize the CLI sends before the process starts).
 */
class ContainerSttyTest {
  private static String out(Session s, String line) {
    return s.type("node1", line).output();
  }

  private static final String CONTROL_80 =
      "intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>;\n"
          + "eol2 = <undef>; swtch = <undef>; start = ^Q; stop = ^S; susp = ^Z; rprnt = ^R;\n"
          + "werase = ^W; lnext = ^V; flush = ^O; min = 1; time = 0;\n";

  private static final String ALL_80 =
      "speed 38400 baud; rows 24; columns 80; line = 0;\n"
          + CONTROL_80
          + "-parenb -parodd -cmspar cs8 -hupcl -cstopb cread -clocal -crtscts\n"
          + "-ignbrk -brkint -ignpar -parmrk -inpck -istrip -inlcr -igncr icrnl ixon -ixoff\n"
          + "-iuclc -ixany -imaxbel -iutf8\n"
          + "opost -olcuc -ocrnl onlcr -onocr -onlret -ofill -ofdel nl0 cr0 tab0 bs0 vt0 ff0\n"
          + "isig icanon iexten echo echoe echok -echonl -noflsh -xcase -tostop -echoprt\n"
          + "echoctl echoke -flusho -extproc\n";

  private static final String CONTROL_100 =
      "intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>; eol2 = <undef>;\n"
          + "swtch = <undef>; start = ^Q; stop = ^S; susp = ^Z; rprnt = ^R; werase = ^W; lnext ="
          + " ^V; flush = ^O;\n"
          + "min = 1; time = 0;\n";

  /** With {@code -echo}, at 100 columns of 30 rows. */
  private static final String ALL_100_NO_ECHO =
      "speed 38400 baud; rows 30; columns 100; line = 0;\n"
          + CONTROL_100
          + "-parenb -parodd -cmspar cs8 -hupcl -cstopb cread -clocal -crtscts\n"
          + "-ignbrk -brkint -ignpar -parmrk -inpck -istrip -inlcr -igncr icrnl ixon -ixoff -iuclc"
          + " -ixany\n"
          + "-imaxbel -iutf8\n"
          + "opost -olcuc -ocrnl onlcr -onocr -onlret -ofill -ofdel nl0 cr0 tab0 bs0 vt0 ff0\n"
          + "isig icanon iexten -echo echoe echok -echonl -noflsh -xcase -tostop -echoprt echoctl"
          + " echoke -flusho\n"
          + "-extproc\n";

  @Test
  void stty_reads_and_sets_the_container_terminal_and_wraps_at_its_width() {
    try (SimSession s = SimSession.open("single", 3)) {
      out(s, "docker pull -q alpine");
      out(s, "docker run -it --name box alpine sh");
      assertEquals("24 80\n", out(s, "stty size"));
      assertEquals(ALL_80, out(s, "stty -a"));
      assertEquals(
          "speed 38400 baud; line = 0;\n" + CONTROL_80 + "-brkint -imaxbel\n", out(s, "stty"));
      assertEquals(
          "500:5:bf:8a3b:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0\n",
          out(s, "stty -g"));

      s.resize("node1", 100, 30); // the learner's terminal: the container's tty follows
      assertEquals("30 100\n", out(s, "stty size"));
      assertEquals("30 100\n", out(s, "stty size | cat"), "stdin is the terminal, stdout a pipe");
      assertEquals(
          "speed 38400 baud; rows 30; columns 100; line = 0;\n"
              + "intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>;\n",
          out(s, "stty -a | head -2"),
          "the size is stdin's terminal's; the lines wrap at stdout's width, a pipe's 80");
      assertEquals(
          "speed 38400 baud; line = 0;\n" + CONTROL_100 + "-brkint -imaxbel\n", out(s, "stty"));

      out(s, "stty -echo");
      assertFalse(s.echoes("node1"), "stty -echo: what is typed is not shown");
      assertEquals(ALL_100_NO_ECHO, out(s, "stty -a"));
      assertEquals(
          "speed 38400 baud; line = 0;\n" + CONTROL_100 + "-brkint -imaxbel\n-echo\n",
          out(s, "stty"));
      assertEquals(
          "500:5:bf:8a33:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0\n",
          out(s, "stty -g"));
      out(s, "stty echo");
      assertTrue(s.echoes("node1"));

      assertEquals("40 50\n", out(s, "stty rows 40 cols 50 size"));
      assertEquals("40 7\n", out(s, "COLUMNS=7 stty size"), "busybox: $COLUMNS overrides");
      assertEquals("24 4464\n", out(s, "stty rows 99999 cols 70000; stty size"));
    }
  }

  @Test
  void stty_refuses_as_busybox_does_and_without_a_terminal_says_so() {
    try (SimSession s = SimSession.open("single", 3)) {
      out(s, "docker pull -q alpine");
      TranscriptEntry e = s.type("node1", "docker run --rm alpine stty size");
      assertEquals("stty: standard input: Inappropriate ioctl for device\n", e.output());
      assertEquals(1, e.exitCode());
      assertEquals(
          "stty: standard input: Inappropriate ioctl for device\nrc=1\n",
          out(s, "docker run --rm -i alpine sh -c 'stty -echo; echo rc=$?' < /dev/null"));
      assertEquals(
          "stty: invalid number 'bogus'\nstty: rows requires an argument\n",
          out(s, "docker run --rm alpine sh -c 'stty bogus; stty rows'"),
          "the arguments are read before the terminal");

      out(s, "docker run -it --name box alpine sh");
      assertEquals(
          "stty: standard input: Inappropriate ioctl for device\nrc=1\n",
          out(s, "stty size < /dev/null; echo rc=$?"));
      assertEquals(
          "stty: number 0 is not in 1..2147483647 range\nrc=1\n",
          out(s, "stty rows 0; echo rc=$?"));
      assertEquals("stty: invalid number '-1'\nrc=1\n", out(s, "stty rows -1; echo rc=$?"));
      assertEquals("stty: invalid number 'x'\nrc=1\n", out(s, "stty cols x; echo rc=$?"));
      assertEquals("24 80\n", out(s, "stty size"), "a refused line changed nothing");
    }
  }

  @Test
  void an_exec_tty_has_the_clients_size_from_its_start() {
    try (SimSession s = SimSession.open("single", 3)) {
      out(s, "docker pull -q alpine");
      out(s, "docker run -d --name box alpine sleep 1d");
      s.resize("node1", 100, 30);
      assertEquals("30 100\n", out(s, "docker exec -it box stty size"));
      out(s, "docker exec -it box sh");
      assertEquals("30 100\n", out(s, "stty size"));
      s.resize("node1", 90, 20);
      assertEquals("20 90\n", out(s, "stty size"));
    }
  }

  @Test
  void a_tty_takes_the_size_the_hosts_stty_gave_the_terminal() {
    try (SimSession s = SimSession.open("single", 3)) {
      out(s, "docker pull -q alpine");
      out(s, "stty rows 40 cols 120");
      out(s, "docker run -it --rm alpine sh -c 'trap \"echo WINCH\" WINCH; stty size; sleep 1'");
      assertEquals("40 120\n", s.transcript().get(s.transcript().size() - 1).output());
    }
  }

  @Test
  void a_debian_family_image_has_coreutils_stty_on_the_same_terminal() {
    try (SimSession s = SimSession.open("single", 3)) {
      out(s, "docker pull -q ubuntu");
      out(s, "docker run -it --rm ubuntu bash");
      s.resize("node1", 100, 30);
      assertEquals("30 100\n", out(s, "stty size"));
      out(s, "stty -echo");
      assertFalse(s.echoes("node1"));
      out(s, "stty sane");
      assertTrue(s.echoes("node1"));
      assertEquals(
          "stty: 'standard input': Inappropriate ioctl for device\n1\n",
          out(s, "stty size < /dev/null; echo $?"));
    }
  }
}
