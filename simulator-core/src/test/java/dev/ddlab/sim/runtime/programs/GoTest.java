package dev.ddlab.sim.runtime.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoTest {
  @Test
  void go_version_prints_the_images_release_and_platform() {
    try (SimSession s = SimSession.open("single", 1)) {
      List<TranscriptEntry> t =
          new ScriptRunner(s)
              .run(
                  "docker pull -q golang\ndocker pull -q golang:1.20-alpine\n"
                      + "docker run --rm golang go version\n"
                      + "docker run --rm golang:1.20-alpine go version\n"
                      + "docker run --rm golang go build\n");
      assertEquals("go version go1.20.4 linux/amd64\n", t.get(2).output());
      assertEquals(0, t.get(2).exitCode());
      assertEquals("go version go1.20.12 linux/amd64\n", t.get(3).output());
      assertEquals("go: 'go build' is not simulated by ddlab\n", t.get(4).output());
      assertEquals(126, t.get(4).exitCode());
    }
  }
}
