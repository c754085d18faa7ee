package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.events.EventBus;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.image.ImageUsage;
import dev.ddlab.sim.image.Registry;
import dev.ddlab.sim.image.SimImagesApi;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ddlab image save} output loaded into a real dockerd (DDLAB_DOCKER_HOST, a unix:// URL)
 * must come back with the simulator's image ID and RootFS layers. Skipped when no dockerd answers,
 * unless DDLAB_REQUIRE_DOCKER=1.
 */
class ImageSaveRealDockerTest {
  private static final List<String> IMAGES =
      List.of("nigelpoulton/tu-demo:v2", "nigelpoulton/ddd-book:web0.1");

  @TempDir Path tmp;

  @Test
  void ddlab_image_save_output_loads_into_real_docker_with_the_same_id_and_layers()
      throws IOException {
    String host = ImageSaveRealDockerTestSupport.host();
    Path file = tmp.resolve("images.tar");
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of("image", "save", "-q"));
    args.addAll(IMAGES);
    args.addAll(List.of("-o", file.toString()));
    int code = Main.commandLine().setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
    assertEquals(0, code, err.toString());
    assertTrue(Files.size(file) > 0);

    SimImagesApi sim =
        new SimImagesApi(
            new VirtualClock(),
            new SeededRandom(0),
            new EventBus(),
            null,
            "t",
            new Registry(),
            ImageUsage.NONE);
    ImageSaveRealDockerTestSupport.Result load =
        ImageSaveRealDockerTestSupport.docker(host, "load", "-i", file.toString());
    try {
      assertEquals(0, load.code(), load.err());
      for (String image : IMAGES) {
        sim.pull(image, null, false, m -> {});
        ImageInspect expected = sim.inspect(image);
        assertTrue(load.out().contains("Loaded image: " + image), load.out());
        ImageSaveRealDockerTestSupport.assertSameImage(host, image, expected);
      }
    } finally {
      List<String> rmi = new ArrayList<>(List.of("rmi"));
      rmi.addAll(IMAGES);
      ImageSaveRealDockerTestSupport.docker(host, rmi.toArray(String[]::new));
    }
  }
}
