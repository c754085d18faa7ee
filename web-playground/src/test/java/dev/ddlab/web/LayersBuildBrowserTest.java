package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.app.SimSessionFactory;
import dev.ddlab.web.lesson.LessonLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The layers panel replays a build: after {@code docker build} of the course's multi-stage app the
 * panel shows its four stages side by side, the steps appearing in their virtual time, the {@code
 * COPY --from} steps naming the stage they read; a rebuild marks the steps CACHED.
 */
class LayersBuildBrowserTest {
  private PlaygroundServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A playground with the layers panel open and the course's multi-stage app cloned. */
  private Browser multiStage() {
    server = Playgrounds.start(new SimSessionFactory(), LessonLibrary.fromClasspath());
    Browser b = Browser.open(1280, 720);
    try {
      b.startSession("http://127.0.0.1:" + server.port());
      b.driver.findElement(By.cssSelector("#panel-tabs [data-panel=layers]")).click();
      b.type(
          "git clone -q https://github.com/nigelpoulton/ddd-book.git && cd ddd-book/multi-stage");
      b.until(d -> b.terminalText("node1").contains("~/ddd-book/multi-stage$"));
      return b;
    } catch (RuntimeException e) {
      b.close();
      throw e;
    }
  }

  @Test
  void a_multi_stage_build_shows_its_stages_in_parallel_feeding_copy_from_and_its_cache_hits() {
    try (Browser b = multiStage()) {
      b.type("docker build -q -t multi:stage .");
      b.until(d -> d.findElements(By.cssSelector(".build .stage")).size() == 4);
      b.until(
          d ->
              d.findElements(By.cssSelector(".build .step .from")).stream()
                  .anyMatch(e -> e.getText().contains("build-client")));
      b.screenshot("layers-build-1-stages");

      b.type("docker build -q -t multi:stage .");
      b.until(d -> !d.findElements(By.cssSelector(".build .step.cached")).isEmpty());
      String header = b.driver.findElement(By.cssSelector(".build h3")).getText();
      assertTrue(header.toLowerCase(java.util.Locale.ROOT).contains("multi:stage"), header);
      b.screenshot("layers-build-2-cached");
    }
  }

  @Test
  void a_multi_platform_build_shows_each_platforms_graph_with_its_own_copy_from_edges() {
    try (Browser b = multiStage()) {
      b.type("docker buildx create --driver=docker-container --name=container");
      b.type(
          "docker buildx build --builder=container --platform=linux/amd64,linux/arm64"
              + " -t multi:stage . 2>/dev/null");
      b.until(d -> d.findElements(By.cssSelector(".build .platform")).size() == 2);
      for (String platform : java.util.List.of("linux/amd64", "linux/arm64")) {
        String css = ".build .platform[data-platform='" + platform + "']";
        b.until(d -> d.findElements(By.cssSelector(css + " .stage")).size() == 4);
        b.until(
            d ->
                d.findElements(By.cssSelector(css + " .step .from")).stream()
                    .anyMatch(e -> e.getText().contains("build-client")));
      }
      b.screenshot("layers-build-3-platforms");
    }
  }
}
