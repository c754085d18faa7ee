package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * cat's options as coreutils 9.1 on the host and busybox in alpine give them (a file with a tab, a
 * CRLF line end, three empty lines, a control byte and UTF-8's é). Before, -A, -E, -v, -s and -e
 * were taken and did nothing, and -b and -T were refused.
 */
class CatOptionsTest {
  private static final String FILE = "printf 'a\\tb\\r\\n\\n\\n\\nc\\001é\\n' > f";

  private static List<TranscriptEntry> run(String script) {
    try (SimSession s = SimSession.open("single", 1)) {
      List<TranscriptEntry> t = new ScriptRunner(s).run(script);
      return t.subList(t.size() - script.split("\n").length, t.size());
    }
  }

  @Test
  void coreutils_shows_ends_tabs_and_nonprinting_bytes_numbers_and_squeezes() {
    List<TranscriptEntry> t =
        run(
            FILE
                + "\n"
                + """
                cat -A f
                cat -sn f
                cat -bn f
                cat --show-ends --squeeze-blank f
                cat -ET f
                cat -x f
                """);
    assertEquals("a^Ib^M$\n$\n$\n$\nc^AM-CM-)$\n", t.get(1).output());
    assertEquals("     1\ta\tb\r\n     2\t\n     3\tc\u0001é\n", t.get(2).output());
    assertEquals("     1\ta\tb\r\n\n\n\n     2\tc\u0001é\n", t.get(3).output());
    assertEquals("a\tb^M$\n$\nc\u0001é$\n", t.get(4).output());
    assertEquals("a^Ib^M$\n$\n$\n$\nc\u0001é$\n", t.get(5).output());
    assertEquals(
        "cat: invalid option -- 'x'\nTry 'cat --help' for more information.\n", t.get(6).output());
    assertEquals(1, t.get(6).exitCode());
  }

  @Test
  void busybox_takes_n_b_v_t_e_and_a_only() {
    List<TranscriptEntry> t =
        run(
            """
            docker pull -q alpine
            docker run --rm alpine sh -c "%s; cat -e f; cat -t f; cat -b f"
            docker run --rm alpine cat -E /etc/hostname
            """
                .formatted(FILE));
    assertEquals(
        "a\tb^M$\n$\n$\n$\nc^AM-CM-)$\n"
            + "a^Ib^M\n\n\n\nc^AM-CM-)\n"
            + "     1\ta\tb\r\n\n\n\n     2\tc\u0001é\n",
        t.get(1).output());
    assertEquals("cat: unrecognized option: E", t.get(2).output().lines().findFirst().get());
    assertEquals(1, t.get(2).exitCode());
  }
}
