package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.app.SimSessionFactory;
import dev.ddlab.web.lesson.LessonLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Raft panel on a swarm-3m2w session: three managers joined from mgr1's terminal, the panel
 * shows mgr1 leading; "Dừng Docker" on mgr1's card stops its daemon, and the panel then shows mgr1
 * down and another manager leading in a later term. Screenshots go to target/screenshots/.
 */
class RaftPanelBrowserTest {
  private PlaygroundServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /**
   * The terminal's text, or "" while the page does not answer: a session of five nodes opens five
   * xterm.js terminals at once, which on a loaded machine can keep the page busy past Selenium's 30
   * s script timeout; the wait then simply asks again.
   */
  private static String text(Browser b, String node) {
    try {
      return b.terminalText(node);
    } catch (org.openqa.selenium.ScriptTimeoutException e) {
      b.screenshot("raft-0-page-busy");
      return "";
    }
  }

  @Test
  void killing_the_leader_from_the_raft_panel_shows_a_new_leader() {
    server = Playgrounds.start(new SimSessionFactory(), LessonLibrary.fromClasspath());
    String base = "http://127.0.0.1:" + server.port();
    try (Browser b = Browser.open(1400, 900)) {
      b.driver.get(base + "/");
      b.driver.findElement(By.cssSelector("input[name=template][value=swarm-3m2w]")).click();
      b.driver.findElement(By.cssSelector("button.primary[type=submit]")).click();
      b.until(d -> text(b, "mgr1").contains("ubuntu@mgr1:~$"));
      b.type("docker swarm init --advertise-addr 10.0.0.1");
      b.until(d -> text(b, "mgr1").contains("Swarm initialized"));
      for (String m : new String[] {"mgr2", "mgr3"}) {
        b.type(
            "ssh "
                + m
                + " docker swarm join --token $(docker swarm join-token -q manager) 10.0.0.1:2377");
      }
      b.until(d -> text(b, "mgr1").split("This node joined a swarm as a manager", -1).length == 3);

      b.driver.findElement(By.cssSelector("#panel-tabs [data-panel=raft]")).click();
      b.until(d -> d.findElement(By.cssSelector("#panel-body g.raft-node.leader[data-node=mgr1]")));
      b.until(d -> d.findElements(By.cssSelector("#panel-body section.raft-card")).size() == 3);
      // the cards' headings are upper-cased by the stylesheet: the role is read from the class
      b.until(
          d ->
              d.findElement(
                  By.cssSelector("#panel-body section.raft-card.leader[data-manager=mgr1]")));
      b.screenshot("raft-1-three-managers");
      int firstTerm = term(b, "#panel-body g.raft-node.leader[data-node=mgr1] text.term");

      // the panel refreshes on every delta (a heartbeat a virtual second) while its buttons stay
      // the same elements: a message cell found now goes stale, the stop button found before it
      // still takes the click (a redraw that replaced the cards lost clicks under the cursor)
      WebElement stop =
          b.driver.findElement(
              By.cssSelector(
                  "#panel-body section.raft-card[data-manager=mgr1] button[data-action=stop]"));
      WebElement row =
          b.until(d -> d.findElement(By.cssSelector("#panel-body table.raft-messages td")));
      b.until(ExpectedConditions.stalenessOf(row));
      new Select(b.driver.findElement(By.id("time-speed"))).selectByValue("10");
      stop.click();
      b.until(
          d ->
              d.findElement(By.cssSelector("#panel-body .raft-status"))
                  .getText()
                  .contains("Đã dừng Docker trên mgr1"));
      b.until(d -> d.findElement(By.cssSelector("#panel-body g.raft-node.down[data-node=mgr1]")));
      // read the attribute inside the wait: the panel redraws on every delta
      String now =
          b.until(
              d ->
                  d.findElement(By.cssSelector("#panel-body g.raft-node.leader"))
                      .getAttribute("data-node"));
      assertNotEquals("mgr1", now);
      // a new leader is elected in a later term (swarmkit's pre-vote, then a vote in term + 1 or
      // more)
      int newTerm = term(b, "#panel-body g.raft-node.leader[data-node=" + now + "] text.term");
      assertTrue(newTerm > firstTerm, "term " + firstTerm + " then " + newTerm);
      b.screenshot("raft-2-new-leader");
      b.until(
          d ->
              d.findElement(
                  By.cssSelector(
                      "#panel-body section.raft-card.leader[data-manager=" + now + "]")));
      b.until(
          d ->
              d.findElement(
                  By.cssSelector(
                      "#panel-body section.raft-card[data-manager=mgr1] button[data-action=start]")));
    }
  }

  /**
   * The term a ring node shows ("term N"), read inside a wait: the panel redraws on every delta.
   */
  private static int term(Browser b, String css) {
    String t =
        b.until(
            d -> {
              String x = d.findElement(By.cssSelector(css)).getText().strip();
              return x.startsWith("term ") ? x : null;
            });
    return Integer.parseInt(t.substring("term ".length()));
  }
}
