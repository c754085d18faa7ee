package dev.ddlab.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * COPY and ADD whose destination is the image's root directory ({@code COPY app.py /}, {@code COPY
 * . /}, {@code WORKDIR /} then {@code COPY x .}, a multi-stage {@code COPY --from=build /out /}):
 * the files land at the top of the image, and the layer holds them, not the root itself.
 */
class CopyIntoRootTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "COPY a.txt /",
        "COPY . /",
        "WORKDIR /\\nCOPY a.txt .",
        "ADD a.txt /",
        "FROM alpine AS build\\nRUN echo hi > /a.txt\\nFROM alpine\\nCOPY --from=build /a.txt /"
      })
  void a_copy_into_the_root_directory_builds_and_the_file_is_at_the_top(String steps) {
    String dockerfile = steps.startsWith("FROM") ? steps : "FROM alpine\\n" + steps;
    try (SimSession s = SimSession.open("single", 1)) {
      List<TranscriptEntry> t =
          new ScriptRunner(s)
              .run(
                  "docker pull -q alpine\n"
                      + "mkdir ctx && cd ctx && echo hi > a.txt\n"
                      + "printf '"
                      + dockerfile
                      + "\\n' > Dockerfile\n"
                      + "docker build -q -t root:1 .\n"
                      + "docker run --rm root:1 cat /a.txt\n");
      assertEquals(0, t.get(3).exitCode(), t.get(3).output());
      assertEquals("hi\n", t.get(4).output());
      assertEquals(0, t.get(4).exitCode());
    }
  }
}
