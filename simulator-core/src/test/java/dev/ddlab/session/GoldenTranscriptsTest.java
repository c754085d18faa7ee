package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every golden walk-through, {@code golden/AREA/NAME.ddsh} against {@code golden/AREA/NAME.out}
 * (see {@link Goldens}): a new area or walk-through needs files only, no edit here.
 */
class GoldenTranscriptsTest {
  @TestFactory
  Stream<DynamicNode> every_walkthrough_transcript_matches_its_golden() {
    return Goldens.all(Goldens.root(), Goldens.updating());
  }

  @Test
  void every_script_in_the_test_resources_is_a_golden_walkthrough() throws IOException {
    Path resources = Goldens.root().getParent();
    try (Stream<Path> files = Files.walk(resources)) {
      List<String> stray =
          files
              .filter(p -> p.getFileName().toString().endsWith(Goldens.SCRIPT))
              .filter(p -> !p.startsWith(Goldens.root()))
              .map(p -> resources.relativize(p).toString())
              .sorted()
              .toList();
      assertEquals(
          List.of(), stray, "scripts that no test runs: move them to golden/AREA/ with a golden");
    }
  }
}
