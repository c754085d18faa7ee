package dev.ddlab.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.go.GoStrconv;
import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A HEALTHCHECK's line in docker history is what BuildKit 0.11 (Docker 24) writes there: Go's
 * {@code %q} of the *HealthConfig, so the durations quoted by their String() and the retries as a
 * rune literal.
 */
class HealthcheckHistoryTest {
  @Test
  void history_shows_the_health_config_as_go_s_q_verb_prints_it() {
    try (SimSession s = SimSession.open("single", 1)) {
      List<TranscriptEntry> t =
          new ScriptRunner(s)
              .run(
                  """
                  docker pull -q alpine
                  mkdir ctx && cd ctx
                  printf 'FROM alpine\\nHEALTHCHECK --interval=30s CMD true\\n' > Dockerfile
                  docker build -q -t hc:1 .
                  docker history --no-trunc --format '{{.CreatedBy}}' hc:1 | head -1
                  printf 'FROM alpine\\nHEALTHCHECK --interval=1m30s --timeout=3s --start-period=500ms --retries=3 CMD ["curl", "-f", "x"]\\n' > Dockerfile
                  docker build -q -t hc:2 .
                  docker history --no-trunc --format '{{.CreatedBy}}' hc:2 | head -1
                  """);
      assertEquals(
          "HEALTHCHECK &{[\"CMD-SHELL\" \"true\"] \"30s\" \"0s\" \"0s\" '\\x00'}\n",
          t.get(4).output());
      assertEquals(
          "HEALTHCHECK &{[\"CMD\" \"curl\" \"-f\" \"x\"] \"1m30s\" \"3s\" \"500ms\" '\\x03'}\n",
          t.get(7).output());
    }
  }

  @Test
  void quote_rune_escapes_as_go_s_strconv_does() {
    assertEquals("'\\x00'", GoStrconv.quoteRune(0));
    assertEquals("'\\a'", GoStrconv.quoteRune(7));
    assertEquals("'\\n'", GoStrconv.quoteRune(10));
    assertEquals("'A'", GoStrconv.quoteRune(65));
    assertEquals("'\\''", GoStrconv.quoteRune('\''));
    assertEquals("'\"'", GoStrconv.quoteRune('"'));
    assertEquals("\"a\\\"b'\\x01\"", GoStrconv.quote("a\"b'\u0001"));
  }
}
