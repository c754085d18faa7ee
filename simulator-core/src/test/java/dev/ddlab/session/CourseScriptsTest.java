package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command the course shows in Part 1 §4 and Part 2 §1–3, in order, typed into a fresh
 * simulated node: course/NAME.ddsh run through {@link ScriptRunner} (seed 1) and compared with
 * course/NAME.out as the terminal shows it. Regenerate on purpose only, with {@code
 * -Dddlab.golden.update=true}, and read the diff against real Docker before committing.
 */
class CourseScriptsTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"part1-4-big-picture", "part2-1-engine", "part2-2-images", "part2-3-containers"})
  void course_section_transcript_matches_golden(String name) throws IOException {
    String script = resource("course/" + name + ".ddsh");
    String actual;
    try (SimSession s = SimSession.open("single", 1)) {
      actual = ScriptRunner.render(new ScriptRunner(s).run(script));
    }
    Path golden = sourceDir().resolve("course/" + name + ".out");
    if (Boolean.getBoolean("ddlab.golden.update")) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        resource("course/" + name + ".out"),
        actual,
        "transcript of course/" + name + " (regenerate with -Dddlab.golden.update=true)");
  }

  private static Path sourceDir() {
    Path p = Path.of(System.getProperty("ddlab.root", "."), "simulator-core/src/test/resources");
    return Files.isDirectory(p) ? p : Path.of("src/test/resources");
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = CourseScriptsTest.class.getClassLoader().getResourceAsStream(path)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
