package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.web.lesson.LessonLibrary;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The page in headless Chromium, over the transport test double (no simulator needed). */
class PlaygroundBrowserTest {
  private PlaygroundServer server;

  private String start() {
    server =
        Playgrounds.start(
            EchoSession.factory(),
            new LessonLibrary(
                Map.of(
                    "01-intro", "# Làm quen\n\nGõ lệnh sau:\n\n```bash\necho từ bài học\n```\n")));
    return "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void typing_in_the_terminal_runs_and_reload_keeps_the_scrollback() {
    String base = start();
    try (Browser b = Browser.open(1280, 720)) {
      b.driver.get(base + "/");
      b.screenshot("start-page");
      b.driver.findElement(By.cssSelector("button.primary[type=submit]")).click();
      b.until(d -> b.terminalText("node1").contains("$"));
      WebElement term = b.driver.findElement(By.cssSelector(".terminal[data-node=node1] textarea"));
      term.sendKeys("echo xin chào" + Keys.ENTER);
      b.until(d -> b.terminalText("node1").contains("\nxin chào"));
      b.driver.findElement(By.cssSelector(".terminal-head .help summary")).click();
      b.screenshot("echo-terminal-help");
      b.driver.findElement(By.cssSelector(".terminal-head .help summary")).click();
      b.driver.navigate().refresh();
      b.until(d -> b.terminalText("node1").contains("\nxin chào"));
      assertTrue(b.terminalText("node1").contains("echo xin chào"));
    }
  }

  @Test
  void nodes_are_added_with_name_and_ip_and_lessons_type_into_the_terminal() {
    String base = start();
    try (Browser b = Browser.open(1280, 720)) {
      b.driver.get(base + "/");
      b.driver.findElement(By.cssSelector("button.primary[type=submit]")).click();
      b.until(d -> b.terminalText("node1").contains("$"));
      b.driver.findElement(By.id("add-node")).click();
      WebElement node2 = b.until(d -> d.findElement(By.cssSelector(".node[data-node=node2]")));
      assertTrue(node2.getText().contains("192.168.0.12"), node2.getText());
      b.until(d -> b.terminalText("node2").contains("$"));
      b.driver.findElement(By.cssSelector("#panel-tabs [data-panel=lesson]")).click();
      WebElement run = b.until(d -> d.findElement(By.cssSelector(".lesson pre.runnable .run")));
      assertEquals("▶ chạy", run.getText());
      run.click();
      b.until(d -> b.terminalText("node2").contains("\ntừ bài học"));
      b.screenshot("lesson-run");
    }
  }

  @Test
  void a_phone_sized_screen_shows_the_terminal_and_panels_stacked() {
    String base = start();
    try (Browser b = Browser.open(390, 844)) {
      b.driver.get(base + "/");
      b.driver.findElement(By.cssSelector("button.primary[type=submit]")).click();
      b.until(d -> b.terminalText("node1").contains("$"));
      WebElement terminal = b.driver.findElement(By.cssSelector(".terminal-area"));
      WebElement panels = b.driver.findElement(By.cssSelector(".panels"));
      assertTrue(
          panels.getRect().getY()
              >= terminal.getRect().getY() + terminal.getRect().getHeight() - 1);
      assertTrue(terminal.getRect().getWidth() <= 390);
      new Actions(b.driver).scrollToElement(panels).perform();
      b.screenshot("phone");
    }
  }
}
