package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * POSIX's parameter operators ${X-w} ${X=w} ${X+w} ${X?w} (with and without the colon) and the
 * pattern trims ${X#p} ${X##p} ${X%p} ${X%%p}, with what bash and dash here and busybox's sh in a
 * container on the private dockerd print for the same lines.
 */
class ParameterOperatorsTest {
  private static List<TranscriptEntry> run(String script) {
    try (SimSession s = SimSession.open("single", 1)) {
      return new ScriptRunner(s).run(script);
    }
  }

  @Test
  void the_operators_test_assign_and_trim_as_bash_does_on_the_host() {
    List<TranscriptEntry> t =
        run(
            """
            unset X; echo "[${X-word}] [${X+w}] [${X:-w2}] [${X:+w3}]"
            Y=1; echo "[${Y-word}] [${Y+w}]"
            E=; echo "[${E-w}] [${E:-w}] [${E+w}] [${E:+w}]"
            echo "[${Z=zz}] [$Z]"
            f=a/b/c.tar.gz; echo "${f#*/} ${f##*/} ${f%.*} ${f%%.*} ${f%.none}"
            echo "${X:-$HOME}" "${X:-"a b"}" ${X:-`echo sub`} ${X:-$(echo cmd)}
            echo ${X?}; echo after
            bash -c 'echo ${X:?custom msg}'; echo "st $?"
            bash -c 'echo ${1=x}; echo on'; echo "st $?"
            dash -c 'echo ${X:?custom msg}'; echo "st $?"
            """);
    assertEquals("[word] [] [w2] []\n", t.get(0).output());
    assertEquals("[1] [w]\n", t.get(1).output());
    assertEquals("[] [w] [w] []\n", t.get(2).output());
    assertEquals("[zz] [zz]\n", t.get(3).output());
    assertEquals("b/c.tar.gz c.tar.gz a/b/c.tar a/b/c a/b/c.tar.gz\n", t.get(4).output());
    assertEquals("/home/ubuntu a b sub cmd\n", t.get(5).output());
    assertEquals("bash: X: parameter not set\n", t.get(6).output());
    assertEquals(1, t.get(6).exitCode());
    assertEquals("bash: X: custom msg\nst 127\n", t.get(7).output());
    assertEquals("bash: $1: cannot assign in this way\nst 1\n", t.get(8).output());
    assertEquals("dash: 1: X: custom msg\nst 2\n", t.get(9).output());
  }

  @Test
  void busybox_sh_in_a_container_tests_trims_and_refuses_in_its_words() {
    List<TranscriptEntry> t =
        run(
            """
            docker pull -q alpine
            docker run --rm alpine sh -c 'unset X; echo "[${X-word}] [${X+w}]"; f=a/b/c.tar.gz; echo "${f#*/} ${f##*/} ${f%.*} ${f%%.*}"; echo ${X?}; echo after'
            docker run --rm alpine sh -c 'echo ${1=x}'
            """);
    assertEquals(
        "[word] []\nb/c.tar.gz c.tar.gz a/b/c.tar a/b/c\nsh: X: parameter not set\n",
        t.get(1).output());
    assertEquals(2, t.get(1).exitCode());
    assertEquals("sh: 1: bad variable name\n", t.get(2).output());
    assertEquals(2, t.get(2).exitCode());
  }
}
