package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.dto.BuildRequest;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.sim.host.Cluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image built on the simulated node (BuildKit-shaped: RUN through the package catalogue and the
 * shell, COPY, WORKDIR's layer) and saved loads into a real dockerd with the same image ID and
 * RootFS layers. Skipped when no dockerd answers, unless DDLAB_REQUIRE_DOCKER=1.
 */
class BuiltImageSaveRealDockerTest {
  @TempDir Path tmp;

  private static byte[] context(Map<String, String> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        byte[] data = f.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(data.length);
        e.setMode(0100644);
        e.setModTime(1_700_000_000_000L);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  void a_built_image_saved_loads_into_real_docker_with_the_same_id_and_layers() throws IOException {
    String host = ImageSaveRealDockerTestSupport.host();
    String tag = "ddlab-built-" + Long.toHexString(System.nanoTime() & 0xffffff) + ":1";
    Engine engine = Cluster.single(7).node("node1").engine();
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "Dockerfile",
        "FROM alpine\nRUN apk add --update nodejs npm\nCOPY . /src\nWORKDIR /src\n"
            + "RUN npm install && echo built > /src/built.txt\nENTRYPOINT [\"node\", \"./app.js\"]\n");
    files.put("app.js", "console.log('hi')\n");
    files.put("package.json", "{\"name\":\"web\",\"dependencies\":{\"express\":\"^4.18.2\"}}\n");
    List<String> errors = new ArrayList<>();
    engine
        .builds()
        .build(
            BuildRequest.of(tag),
            new ByteArrayInputStream(context(files)),
            m -> {
              if (m.error() != null) {
                errors.add(m.error());
              }
            });
    assertEquals(List.of(), errors);
    ImageInspect expected = engine.images().inspect(tag);
    Path file = tmp.resolve("built.tar");
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    engine.images().save(List.of(tag), tar);
    Files.write(file, tar.toByteArray());
    ImageSaveRealDockerTestSupport.Result load =
        ImageSaveRealDockerTestSupport.docker(host, "load", "-i", file.toString());
    try {
      assertEquals(0, load.code(), load.err());
      assertTrue(load.out().contains("Loaded image: " + tag), load.out());
      ImageSaveRealDockerTestSupport.assertSameImage(host, tag, expected);
    } finally {
      ImageSaveRealDockerTestSupport.docker(host, "rmi", tag);
    }
  }
}
