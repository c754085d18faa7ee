package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCommandTest {
  @TempDir Path tmp;

  private int run(StringWriter err, String... args) {
    return Main.commandLine().setErr(new PrintWriter(err)).execute(args);
  }

  @Test
  void image_save_pulls_from_the_simulated_registry_and_writes_a_docker_save_tarball()
      throws Exception {
    Path file = tmp.resolve("out/alpine.tar");
    StringWriter err = new StringWriter();
    assertEquals(
        0, run(err, "image", "save", "alpine:3.19", "-o", file.toString()), err.toString());
    assertTrue(err.toString().contains("3.19: Pulling from library/alpine"), err.toString());
    List<String> names = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file);
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        names.add(e.getName());
      }
    }
    assertTrue(
        names.containsAll(List.of("index.json", "manifest.json", "oci-layout", "repositories")));
    assertEquals(2 + 3 + 4, names.size()); // 2 dirs, config + layer + OCI manifest blobs, 4 files
  }

  @Test
  void image_save_of_an_unknown_image_fails_with_the_daemons_error_and_writes_nothing() {
    Path file = tmp.resolve("x.tar");
    StringWriter err = new StringWriter();
    assertEquals(1, run(err, "image", "save", "-q", "nosuch/image", "-o", file.toString()));
    assertEquals(
        "Error response from daemon: pull access denied for nosuch/image, repository does not"
            + " exist or may require 'docker login': denied: requested access to the resource is"
            + " denied\n",
        err.toString());
    assertFalse(Files.exists(file));
  }
}
