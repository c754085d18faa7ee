package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The course's walk-throughs typed into a simulated session: scripts/NAME.ddsh run through {@link
 * ScriptRunner} (seed 1) and compared with scripts/NAME.out as a terminal shows them. Regenerate on
 * purpose only, with {@code -Dddlab.golden.update=true}.
 */
class GoldenScriptsTest {
  /** Every scripts/*.ddsh in the test resources: a new golden script needs no edit here. */
  static Stream<String> scripts() throws IOException {
    try (Stream<Path> files = Files.list(sourceDir().resolve("scripts"))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".ddsh"))
          .map(n -> n.substring(0, n.length() - ".ddsh".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void script_transcript_matches_golden(String name) throws IOException {
    String script = resource("scripts/" + name + ".ddsh");
    String actual;
    try (SimSession s = SimSession.open("single", 1)) {
      actual = ScriptRunner.render(new ScriptRunner(s).run(script));
    }
    if (Boolean.getBoolean("ddlab.golden.update")) {
      Files.writeString(
          sourceDir().resolve("scripts/" + name + ".out"), actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        resource("scripts/" + name + ".out"),
        actual,
        "transcript of " + name + " (regenerate with -Dddlab.golden.update=true)");
  }

  private static Path sourceDir() {
    Path p = Path.of(System.getProperty("ddlab.root", "."), "simulator-core/src/test/resources");
    return Stream.of(p, Path.of("src/test/resources"))
        .filter(Files::isDirectory)
        .findFirst()
        .orElse(p);
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = GoldenScriptsTest.class.getClassLoader().getResourceAsStream(path)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
