package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * tr's sets read backslash escapes: octal {@code \NNN} (so {@code '\000'} is NUL) and {@code \\},
 * also as a range's ends, as GNU tr 9.1 here and busybox 1.35 here and in alpine print them.
 */
class TrSetEscapesTest {
  @Test
  void octal_escapes_name_nul_and_the_ends_of_a_range_on_the_host_and_in_busybox() {
    List<TranscriptEntry> t;
    try (SimSession s = SimSession.open("single", 1)) {
      t =
          new ScriptRunner(s)
              .run(
                  """
                  printf 'a\\0b\\n' | tr -d '\\000' | wc -c; printf 'a\\0b\\n' | tr '\\000' x
                  printf 'abc\\n' | tr 'a-c' '\\101-\\103'; printf 'a\\\\b\\n' | tr '\\\\' /; printf 'a\\tb\\n' | tr '\\011' _
                  docker pull -q alpine
                  docker run --rm alpine sh -c 'printf "a\\0b\\n" | tr -d "\\000" | wc -c; printf "a\\0b\\n" | tr "\\000" x; printf "abc\\n" | tr a-c "\\101-\\103"'
                  """);
    }
    assertEquals("3\naxb\n", t.get(0).output());
    assertEquals("ABC\na/b\na_b\n", t.get(1).output());
    assertEquals("3\naxb\nABC\n", t.get(3).output());
  }
}
