package dev.ddlab.cli;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.ImagesApi;
import dev.ddlab.events.EventBus;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.image.ImageUsage;
import dev.ddlab.sim.image.Registry;
import dev.ddlab.sim.image.SimImagesApi;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The course's Part 2 §2 (Images) walk-through through the CLI and the simulated image store. */
class ImageWalkthroughTest {
  private final VirtualClock clock = new VirtualClock();
  private final SimImagesApi images =
      new SimImagesApi(
          clock,
          new SeededRandom(7),
          new EventBus(),
          "linux/amd64",
          "node1",
          new Registry(),
          ImageUsage.NONE);
  private final FakeEngine engine =
      new FakeEngine() {
        @Override
        public ImagesApi images() {
          return images;
        }
      };

  @Test
  void images_chapter_transcript_matches_golden() {
    engine.nowNanos = clock.nowNanos();
    engine.on("containers.list", a -> List.of());
    engine.on(
        "containers.inspect",
        a -> {
          throw EngineException.notFound("No such container: " + a[0]);
        });
    GoldenTranscripts.check(
        "images-walkthrough",
        engine,
        CliContext.none(),
        d -> {
          clock.advance(d);
          engine.nowNanos = clock.nowNanos();
        });
  }
}
