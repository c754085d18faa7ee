package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The busybox image's applets (all in /bin, httpd among them, as {@code busybox --list} names them
 * on the private dockerd) against Alpine's, and bash's {@code read -a}/{@code read -u}, busybox's
 * {@code read -u} and dash's {@code kill -l}, each as bash 5.2, dash 0.5.12 and the private
 * dockerd's busybox print them.
 */
class BusyboxAppletsAndReadTest {
  @RegisterExtension
  final TypedNode node =
      new TypedNode(11, "docker pull busybox", "docker pull alpine", "docker pull ubuntu");

  @Test
  void the_busybox_image_runs_httpd_which_alpines_busybox_leaves_out() {
    node.ok(
        "docker run -d --name web -p 8080:80 busybox"
            + " sh -c 'echo hello > /var/www/index.html; httpd -f -p 80 -h /var/www'");
    assertEquals("hello\n", node.ok("curl -s localhost:8080/"));
    String bb = node.ok("docker run --rm busybox busybox --list");
    assertTrue(bb.startsWith("[\n[[\nacpid\n"), bb);
    for (String applet : new String[] {"httpd", "ifconfig", "ip", "route", "telnet", "nc"}) {
      assertTrue(bb.contains("\n" + applet + "\n"), applet);
    }
    String alpine = node.ok("docker run --rm alpine busybox --list");
    assertFalse(alpine.contains("\nhttpd\n"), alpine);
    assertTrue(alpine.contains("\nifconfig\n"), alpine);
    TranscriptEntry e = node.typed("docker run --rm alpine httpd");
    assertEquals(127, e.exitCode(), e.output());
  }

  @Test
  void bash_read_a_fills_an_array_from_the_fields_of_the_line() {
    assertEquals(
        "b 3 a a b c\n",
        node.ok(
            "docker run --rm ubuntu bash -c 'echo \"a b  c\" | { read -a arr;"
                + " echo \"${arr[1]} ${#arr[@]} $arr ${arr[@]}\"; }'"));
    assertEquals(
        "arr=([0]=\"x\")\n",
        node.ok(
            "docker run --rm ubuntu bash -c 'echo a b | { read -a arr; echo x | read -a arr;"
                + " read -a arr < /etc/hostname; echo x > /tmp/x; read -a arr < /tmp/x;"
                + " set | grep ^arr; }'"));
  }

  @Test
  void read_u_of_a_descriptor_the_shell_has_not_opened_fails_in_each_shells_words() {
    TranscriptEntry e =
        node.typed(
            "docker run --rm ubuntu bash -c 'read -u 3 x; echo $?; read -u x y; echo $?;"
                + " echo q | { read -u 0 z; echo $z; }'");
    assertEquals(
        "bash: line 1: read: 3: invalid file descriptor: Bad file descriptor\n1\n"
            + "bash: line 1: read: x: invalid file descriptor specification\n1\nq\n",
        e.output());
    e = node.typed("docker run --rm alpine sh -c 'read -u 3 x; echo $?; read -u x y; echo $?'");
    assertEquals("1\nsh: read: line 0: invalid file descriptor\n2\n", e.output());
  }

  @Test
  void dash_lists_its_signals_one_a_line_from_zero() {
    String out = node.ok("docker run --rm ubuntu dash -c 'kill -l'");
    assertTrue(out.startsWith("0\nHUP\nINT\nQUIT\n"), out);
    assertTrue(out.contains("\nTERM\n16\nCHLD\n"), out);
    assertTrue(out.contains("\nSYS\n32\n33\nRTMIN\nRTMIN+1\n"), out);
    assertTrue(out.endsWith("\nRTMAX-1\nRTMAX\n"), out);
    assertEquals(65, out.split("\n").length);
  }

  @Test
  void a_lone_program_after_bash_c_runs_one_shell_level_down_as_bash_execs_it() {
    // bash 5.2: env -i bash -c env → SHLVL=0; a builtin or a longer string keeps the shell's 1
    assertEquals("SHLVL=0\n", node.ok("docker run --rm ubuntu bash -c 'A=1 env' | grep SHLVL"));
    assertEquals("SHLVL=0\n", node.ok("docker run --rm ubuntu bash -c env | grep SHLVL"));
    assertEquals("1\n", node.ok("docker run --rm ubuntu bash -c 'echo $SHLVL'"));
    assertEquals("SHLVL=1\n", node.ok("docker run --rm ubuntu bash -c 'env | grep SHLVL; true'"));
    assertEquals("1\n", node.ok("docker run --rm alpine sh -c 'printenv SHLVL'"));
  }

  @Test
  void which_basename_dirname_and_nproc_answer_as_busybox_and_coreutils_do() {
    TranscriptEntry e = node.typed("docker run --rm alpine sh -c 'which ls nosuch; echo $?'");
    assertEquals("/bin/ls\n1\n", e.output());
    assertEquals("/usr/bin/ls\n", node.ok("docker run --rm ubuntu which ls"));
    assertEquals("y\n", node.ok("docker run --rm alpine basename /x/y.c .c"));
    assertEquals("/a\n.\n/\n", node.ok("docker run --rm ubuntu dirname /a/b a /"));
    e = node.typed("docker run --rm alpine dirname /a/b a");
    assertEquals(1, e.exitCode(), e.output());
    assertTrue(e.output().contains("Usage: dirname FILENAME"), e.output());
    e = node.typed("basename");
    assertEquals(
        "basename: missing operand\nTry 'basename --help' for more information.\n", e.output());
    assertEquals("2\n", node.ok("nproc"));
  }
}
