package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ddlab.app.RealSessionFactory;
import dev.ddlab.bridge.RealEngineSessions;
import dev.ddlab.engine.EngineException;
import dev.ddlab.session.Session;
import dev.ddlab.web.lesson.LessonLibrary;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * {@code ddlab serve --engine real} on the private dockerd (DDLAB_DOCKER_HOST): the terminal is the
 * learner's client machine, so restarting the real engine is refused in Vietnamese, and a port chip
 * reaches busybox httpd in the session's own container on the real published port. Skipped without
 * a daemon unless DDLAB_REQUIRE_DOCKER=1. Screenshots go to target/screenshots/.
 */
class PlaygroundRealEngineBrowserTest {
  private PlaygroundServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String dockerHost() {
    String host = System.getenv("DDLAB_DOCKER_HOST");
    String why = null;
    if (host == null || host.isBlank()) {
      why = "DDLAB_DOCKER_HOST is not set (start one with ./ddlab real-engine up)";
    } else {
      try (Session probe = RealEngineSessions.open(host, true, 0, Map.of(), m -> {})) {
        probe.nodes();
      } catch (EngineException e) {
        why = "no Docker daemon answers at DDLAB_DOCKER_HOST=" + host + ": " + e.getMessage();
      }
    }
    if (why != null) {
      if ("1".equals(System.getenv("DDLAB_REQUIRE_DOCKER"))) {
        fail(why + " — and DDLAB_REQUIRE_DOCKER=1 makes that a failure");
      }
      Assumptions.abort("real dockerd browser test skipped: " + why);
    }
    return host;
  }

  private String start(String dockerHost) {
    server = Playgrounds.start(new RealSessionFactory(dockerHost), new LessonLibrary(Map.of()));
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  void a_port_chip_reaches_busybox_httpd_in_the_sessions_real_container() {
    String host = dockerHost();
    String base = start(host);
    try (Browser b = Browser.open(1280, 720)) {
      b.startSession(base);
      assertTrue(b.driver.findElement(By.id("engine-kind")).getText().contains("Docker thật"));
      assertFalse(b.driver.findElement(By.id("add-node")).isEnabled(), "one real engine, one node");

      b.type("sudo systemctl restart docker");
      b.until(d -> b.terminalText("node1").contains("không dừng hay khởi động lại được"));

      b.type(
          "docker run -d --name web -p 80 busybox sh -c 'mkdir -p /www && echo xin chao tu"
              + " busybox > /www/index.html && httpd -f -p 80 -h /www'");
      WebElement chip = b.until(d -> d.findElement(By.cssSelector("a.chip[data-port]")));
      b.screenshot("real-1-terminal-and-chip");
      String port = chip.getAttribute("data-port");
      assertFalse(port.equals("80"), "the chip shows the published host port, not the container's");
      // a short format: docker ps's full table wraps at the terminal's width, and where it wraps
      // depends on CREATED ("1 second ago", "Less than a second ago")
      b.type("docker ps --format '{{.Names}} {{.Ports}}'");
      // the guard binds a session's published ports to the daemon host's loopback (guard.md)
      b.until(d -> b.terminalText("node1").contains("web 127.0.0.1:" + port + "->80/tcp"));

      String main = b.followToNewWindow(chip);
      // httpd may still be starting when the chip appears: a 502 page says so; look again
      b.until(
          d -> {
            if (d.getPageSource().contains("xin chao tu busybox")) {
              return true;
            }
            d.navigate().refresh();
            return false;
          });
      assertTrue(b.driver.getCurrentUrl().endsWith("/p/" + port + "/"), b.driver.getCurrentUrl());
      b.screenshot("real-2-port-chip");
      b.driver.close();
      b.driver.switchTo().window(main);

      b.driver.findElement(By.cssSelector("#panel-tabs [data-panel=namespaces]")).click();
      b.until(d -> d.findElement(By.id("panel-body")).getText().contains("Chỉ phiên mô phỏng"));
      b.screenshot("real-3-namespaces-unavailable");
    }
  }
}
