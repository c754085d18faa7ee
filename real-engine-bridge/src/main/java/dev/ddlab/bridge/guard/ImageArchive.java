package dev.ddlab.bridge.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddlab.engine.EngineException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * What a {@code docker load} tarball would write, read before the daemon sees it: the tags of
 * {@code manifest.json} ("RepoTags") and of the legacy {@code repositories} file, and the image IDs
 * of entries without a tag. Compressed tarballs are read as the daemon reads them (gzip, bzip2,
 * xz).
 */
record ImageArchive(Set<String> tags, Set<String> untaggedIds) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static ImageArchive read(byte[] tarball) {
    Set<String> tags = new LinkedHashSet<>();
    Set<String> untagged = new LinkedHashSet<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(tarball))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
        if (name.equals("manifest.json")) {
          for (JsonNode entry : JSON.readTree(tar.readAllBytes())) {
            List<String> repoTags = new ArrayList<>();
            entry.path("RepoTags").forEach(t -> repoTags.add(ImageRef.familiar(t.asText())));
            tags.addAll(repoTags);
            String config = entry.path("Config").asText("");
            if (repoTags.isEmpty() && config.endsWith(".json")) {
              String hex = config.substring(config.lastIndexOf('/') + 1, config.length() - 5);
              untagged.add("sha256:" + hex);
            }
          }
        } else if (name.equals("repositories")) {
          JSON.readTree(tar.readAllBytes())
              .fields()
              .forEachRemaining(
                  repo ->
                      repo.getValue()
                          .fieldNames()
                          .forEachRemaining(t -> tags.add(ImageRef.of(repo.getKey(), t))));
        }
      }
    } catch (IOException e) {
      // the daemon words its own error for a tarball it cannot read
      throw EngineException.badRequest("invalid tar header: " + e.getMessage());
    }
    return new ImageArchive(tags, untagged);
  }

  private static InputStream decompressed(byte[] tarball) throws IOException {
    InputStream in = new BufferedInputStream(new ByteArrayInputStream(tarball));
    try {
      return new CompressorStreamFactory().createCompressorInputStream(in);
    } catch (CompressorException notCompressed) {
      return in;
    }
  }
}
