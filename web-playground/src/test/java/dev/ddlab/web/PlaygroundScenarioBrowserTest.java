package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.app.SimSessionFactory;
import dev.ddlab.web.lesson.LessonLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The browser scenario on a simulated node: run nginx from the terminal, see it in {@code
 * docker ps} and the topology, open its port chip, look at its layers and namespaces, add a node,
 * reload and keep the scrollback. Screenshots go to target/screenshots/.
 */
class PlaygroundScenarioBrowserTest {
  private PlaygroundServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String start() {
    server = Playgrounds.start(new SimSessionFactory(), LessonLibrary.fromClasspath());
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  void nginx_from_the_terminal_shows_in_ps_topology_port_chip_layers_and_namespaces() {
    String base = start();
    try (Browser b = Browser.open(1280, 720)) {
      b.startSession(base);

      b.type("docker run -d --name web -p 8080:80 nginx");
      b.until(d -> b.terminalText("node1").matches("(?s).*\\n[0-9a-f]{64}\\s*\\n.*"));
      b.type("docker ps");
      b.until(d -> b.terminalText("node1").contains("0.0.0.0:8080->80/tcp"));
      assertTrue(b.terminalText("node1").contains("CONTAINER ID"));

      b.until(
          d ->
              "running"
                  .equals(
                      d.findElement(By.cssSelector("#panel-body g.ctr[data-container=web]"))
                          .getAttribute("data-state")));
      b.screenshot("scenario-1-terminal-topology");

      WebElement chip = b.until(d -> d.findElement(By.cssSelector("a.chip[data-port='8080']")));
      String href = chip.getAttribute("href");
      String main = b.followToNewWindow(chip);
      b.until(d -> d.getPageSource().contains("Welcome to nginx!"));
      assertTrue(b.driver.getCurrentUrl().startsWith(href));
      b.screenshot("scenario-2-port-chip");
      b.driver.close();
      b.driver.switchTo().window(main);

      b.driver.findElement(By.cssSelector("#panel-tabs [data-panel=layers]")).click();
      b.until(
          d -> {
            Select select = new Select(d.findElement(By.cssSelector("select.image-pick")));
            for (WebElement o : select.getOptions()) {
              if (o.getText().contains("nginx:latest")) {
                o.click();
                return true;
              }
            }
            return false;
          });
      b.until(d -> d.findElements(By.cssSelector(".layer[data-layer^='l:']")).size() >= 2);
      b.until(
          d -> {
            d.findElement(By.cssSelector(".layer[data-layer='l:0']")).click();
            return true;
          });
      b.until(d -> !d.findElements(By.cssSelector(".tree .row.mark-A")).isEmpty());
      assertTrue(
          b.driver.findElement(By.cssSelector("[data-stat=efficiency]")).getText().endsWith("%"));
      b.until(d -> !d.findElements(By.cssSelector(".layer.rw")).isEmpty());
      b.screenshot("scenario-3-layers");

      b.driver.findElement(By.cssSelector("#panel-tabs [data-panel=namespaces]")).click();
      b.until(d -> d.findElement(By.cssSelector(".ns-table th[data-container=web]")));
      WebElement net = b.driver.findElement(By.cssSelector(".ns-table tr[data-kind=net]"));
      assertTrue(net.getText().matches("(?s).*\\[\\d{10}\\].*\\[\\d{10}\\].*"), net.getText());
      b.screenshot("scenario-4-namespaces");

      b.driver.findElement(By.id("add-node")).click();
      WebElement node2 = b.until(d -> d.findElement(By.cssSelector(".node[data-node=node2]")));
      assertTrue(node2.getText().contains("192.168.0.12"), node2.getText());
      b.until(d -> b.terminalText("node2").contains("ubuntu@node2:~$"));
      b.driver.findElement(By.cssSelector(".node[data-node=node1]")).click();

      b.driver.navigate().refresh();
      b.until(d -> b.terminalText("node1").contains("0.0.0.0:8080->80/tcp"));
      b.driver.findElement(By.cssSelector("#panel-tabs [data-panel=topology]")).click();
      b.until(d -> d.findElement(By.cssSelector("#panel-body g.ctr[data-container=web]")));
      b.screenshot("scenario-5-after-reload");
    }
  }
}
