package dev.ddlab.sim.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ddlab.engine.dto.SearchResult;
import dev.ddlab.fs.Entry;
import dev.ddlab.sim.fs.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the content address of every image the catalogue serves, on every platform: repo digests,
 * image IDs, DiffIDs, distribution digests and sizes, plus the simulated program of every
 * executable (which no digest covers), and Docker Hub's search answers. A change to the catalogue,
 * the layer trees, the tar writer or the config serialiser shows here first, image by image; the
 * golden transcripts show only a few of these. Rewrite on purpose only, with {@code
 * -Dddlab.golden.update=true}, in the same commit as the transcripts.
 */
class CatalogueDigestsTest {
  private static final String RESOURCE = "images/catalogue.digests";

  @Test
  void every_catalogue_image_keeps_its_ids_digests_sizes_and_programs() throws IOException {
    String actual = describe(new Registry());
    if (Boolean.getBoolean("ddlab.golden.update")) {
      Files.writeString(sourceDir().resolve(RESOURCE), actual, StandardCharsets.UTF_8);
      return;
    }
    String expected;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE)) {
      assertNotNull(in, RESOURCE + " is missing (write it with -Dddlab.golden.update=true)");
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(expected, actual, "catalogue digests (rewrite with -Dddlab.golden.update=true)");
  }

  static String describe(Registry registry) {
    StringBuilder sb = new StringBuilder();
    for (String repo : Catalogue.builtIn().repositories()) {
      for (String tag : registry.tags(repo)) {
        Reference ref = Reference.parse(repo + ":" + tag);
        Registry.Tagged t = registry.resolve(ref);
        List<Registry.Manifest> manifests =
            t instanceof Registry.ManifestList l ? l.manifests() : List.of((Registry.Manifest) t);
        sb.append(ref)
            .append(t instanceof Registry.ManifestList ? " list " : " manifest ")
            .append(t.digest())
            .append(' ')
            .append(t.json().length)
            .append('\n');
        for (Registry.Manifest m : manifests) {
          Image img = m.image();
          sb.append("  ")
              .append(m.platform())
              .append(m.platform().osVersion() == null ? "" : " " + m.platform().osVersion())
              .append(' ')
              .append(m.digest())
              .append(" id ")
              .append(img.id())
              .append(" size ")
              .append(img.size())
              .append('\n');
          for (ImageLayer l : img.layers()) {
            sb.append("    ")
                .append(l.diffId())
                .append(' ')
                .append(l.digest().tarSize())
                .append(' ')
                .append(l.digest().blobDigest())
                .append(' ')
                .append(l.digest().blobSize())
                .append(" size ")
                .append(l.size())
                .append(" programs ")
                .append(programs(l))
                .append('\n');
          }
        }
      }
    }
    for (SearchResult r : registry.search("")) {
      sb.append("search ")
          .append(r.name())
          .append(' ')
          .append(r.starCount())
          .append(r.official() ? " official" : "")
          .append(r.automated() ? " automated" : "")
          .append(' ')
          .append(r.description())
          .append('\n');
    }
    return sb.toString();
  }

  /** A digest of every executable's simulated program, which the tar (and so the DiffID) omits. */
  private static String programs(ImageLayer l) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Entry> e : l.layer().entries().entrySet()) {
      if (e.getValue().node() != null && e.getValue().node().program() != null) {
        sb.append(e.getKey()).append('\0').append(e.getValue().node().program()).append('\n');
      }
    }
    return Digests.shortId(Digests.sha256(sb.toString()));
  }

  private static Path sourceDir() {
    String root = System.getProperty("ddlab.root", ".");
    Path p = Path.of(root, "simulator-core/src/test/resources");
    return Files.isDirectory(p) ? p : Path.of("src/test/resources");
  }
}
