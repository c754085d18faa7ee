package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.app.SimSessionFactory;
import dev.ddlab.web.lesson.LessonLibrary;
import java.util.ArrayList;
import java.util.List;
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
    try (Browser b = threeManagers()) {

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
   * Issue 12's last two controls: "Ép hết giờ" on follower mgr3's card makes it lead in a later
   * term (the leader hands over), and the services view lists the running tasks of a service per
   * node, moving off a node drained from the terminal.
   */
  @Test
  void forcing_a_followers_timeout_makes_it_lead_and_the_services_view_follows_a_drain() {
    try (Browser b = threeManagers()) {
      b.type("docker service create -q --name web --replicas 3 alpine sleep 1d");
      b.driver.findElement(By.cssSelector("#panel-tabs [data-panel=raft]")).click();
      b.until(d -> d.findElement(By.cssSelector("#panel-body g.raft-node.leader[data-node=mgr1]")));
      int firstTerm = term(b, "#panel-body g.raft-node.leader[data-node=mgr1] text.term");
      b.until(
              d ->
                  d.findElement(
                      By.cssSelector(
                          "#panel-body section.raft-card[data-manager=mgr3]"
                              + " button[data-action=timeout]")))
          .click();
      b.until(
          d ->
              d.findElement(By.cssSelector("#panel-body .raft-status"))
                  .getText()
                  .contains("Đã ép mgr3 hết giờ chờ"));
      b.until(d -> d.findElement(By.cssSelector("#panel-body g.raft-node.leader[data-node=mgr3]")));
      int newTerm = term(b, "#panel-body g.raft-node.leader[data-node=mgr3] text.term");
      assertTrue(newTerm > firstTerm, "term " + firstTerm + " then " + newTerm);
      b.screenshot("raft-timeout-1-mgr3-leads");

      b.until(d -> running(b).equals("3"));
      b.driver.executeScript(
          "document.querySelector('#panel-body table.raft-services').scrollIntoView()");
      b.screenshot("raft-services-1-three-replicas");
      b.type("docker node update --availability drain mgr2");
      b.until(d -> cell(b, "mgr2").equals("—") && running(b).equals("3"));
      b.screenshot("raft-services-2-mgr2-drained");
    }
  }

  /** The web service's row cell for {@code node} ("" while the table is redrawn). */
  private static String cell(Browser b, String node) {
    try {
      return b.driver
          .findElement(
              By.cssSelector(
                  "#panel-body table.raft-services tr[data-service=web] td[data-node="
                      + node
                      + "]"))
          .getText()
          .strip();
    } catch (org.openqa.selenium.NoSuchElementException
        | org.openqa.selenium.StaleElementReferenceException e) {
      return "";
    }
  }

  /** How many web tasks run over all nodes, as the services view shows them. */
  private static String running(Browser b) {
    int total = 0;
    for (String n : new String[] {"mgr1", "mgr2", "mgr3", "wrk1", "wrk2"}) {
      String c = cell(b, n);
      if (c.isEmpty()) {
        return "";
      }
      if (!c.equals("—")) {
        total += Integer.parseInt(c.substring(c.lastIndexOf(' ') + 1));
      }
    }
    return Integer.toString(total);
  }

  /**
   * Issue 12's rewind and slow speeds: stop the leader from the panel, see a new leader in a later
   * term, rewind from the time bar to just before the stop and see mgr1 leading in its old term
   * again with mgr1's terminal as it was (a line typed after the stop gone); then, forked from
   * there, one second of one-way latency at ×1/1000 keeps a message in flight for minutes of wall
   * time: the panel shows it "đang bay" and its dot on the ring.
   */
  @Test
  void rewinding_to_before_the_leader_stopped_shows_the_old_leader_term_and_screen_again() {
    try (Browser b = threeManagers()) {
      b.type("echo before-the-stop");
      b.until(d -> text(b, "mgr1").split("before-the-stop", -1).length == 3);

      b.driver.findElement(By.cssSelector("#panel-tabs [data-panel=raft]")).click();
      b.until(d -> d.findElement(By.cssSelector("#panel-body g.raft-node.leader[data-node=mgr1]")));
      int firstTerm = term(b, "#panel-body g.raft-node.leader[data-node=mgr1] text.term");
      new Select(b.driver.findElement(By.id("time-speed"))).selectByValue("10");
      b.until(
              d ->
                  d.findElement(
                      By.cssSelector(
                          "#panel-body section.raft-card[data-manager=mgr1]"
                              + " button[data-action=stop]")))
          .click();
      String now =
          b.until(
              d -> {
                String n =
                    d.findElement(By.cssSelector("#panel-body g.raft-node.leader"))
                        .getAttribute("data-node");
                return "mgr1".equals(n) ? null : n;
              });
      int newTerm = term(b, "#panel-body g.raft-node.leader[data-node=" + now + "] text.term");
      assertTrue(newTerm > firstTerm, "term " + firstTerm + " then " + newTerm);
      b.type("echo after-the-stop");
      b.until(d -> text(b, "mgr1").contains("after-the-stop\n"));
      b.screenshot("raft-rewind-1-new-leader");

      // the time bar's rewind, reached from the panel: back to just before "dừng Docker" on mgr1
      b.driver.findElement(By.cssSelector("#panel-body button[data-action=rewind]")).click();
      b.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
      Select inputs = new Select(b.driver.findElement(By.id("timeline-inputs")));
      WebElement stopInput =
          b.until(
              d ->
                  inputs.getOptions().stream()
                      .filter(o -> o.getText().contains("mgr1: dừng Docker"))
                      .findFirst()
                      .orElse(null));
      inputs.selectByValue(stopInput.getAttribute("value"));
      b.screenshot("raft-rewind-2-time-bar");
      b.driver.findElement(By.id("timeline-before")).click();
      b.until(d -> d.findElement(By.id("timeline-note")).getText().contains("rẽ sang nhánh mới"));
      b.until(d -> d.findElement(By.cssSelector("#panel-body g.raft-node.leader[data-node=mgr1]")));
      assertEquals(firstTerm, term(b, "#panel-body g.raft-node.leader[data-node=mgr1] text.term"));
      b.until(d -> d.findElements(By.cssSelector("#panel-body g.raft-node.down")).isEmpty());
      b.until(d -> !text(b, "mgr1").contains("after-the-stop"));
      assertTrue(text(b, "mgr1").contains("before-the-stop"), text(b, "mgr1"));
      assertEquals("Chạy", b.driver.findElement(By.id("time-toggle")).getText(), "paused");
      b.screenshot("raft-rewind-3-old-leader");

      // fork: one second of latency, play, then ×1/1000 holds a message in flight
      new Select(b.driver.findElement(By.cssSelector("#panel-body select[aria-label='Độ trễ']")))
          .selectByValue("1000");
      b.driver.findElement(By.cssSelector("#panel-body button[data-action=latency]")).click();
      b.until(
          d ->
              d.findElement(By.cssSelector("#panel-body .raft-status"))
                  .getText()
                  .contains("1000 ms"));
      b.until(
          d -> d.findElement(By.id("timeline-note")).getText().contains("Đã rẽ sang nhánh mới"));
      b.driver.findElement(By.id("time-toggle")).click();
      b.until(d -> d.findElement(By.id("time-toggle")).getText().equals("Dừng"));
      b.until(d -> inFlight(b));
      new Select(b.driver.findElement(By.id("time-speed"))).selectByValue("0.001");
      b.until(d -> inFlight(b));
      b.until(d -> d.findElement(By.cssSelector("#panel-body g.raft-msg.slow")));
      String row = inFlightRows(b).get(0);
      b.screenshot("raft-rewind-4-slow-message");
      // a second of wall time at ×1/1000 is a millisecond of the flight's thousand
      try {
        Thread.sleep(1500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      assertTrue(inFlightRows(b).contains(row), row + " still in flight: " + inFlightRows(b));
      b.until(d -> d.findElement(By.cssSelector("#panel-body g.raft-msg.slow")));
      assertTrue(
          b.driver
              .findElement(By.id("virtual-time"))
              .getText()
              .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"),
          "milliseconds shown below ×1");
      b.screenshot("raft-rewind-5-still-in-flight");
    }
  }

  private static boolean inFlight(Browser b) {
    return !inFlightRows(b).isEmpty();
  }

  /**
   * The rows of the recent messages table that are in flight (empty while the table is redrawn).
   */
  private static List<String> inFlightRows(Browser b) {
    List<String> out = new ArrayList<>();
    try {
      for (WebElement tr :
          b.driver.findElements(By.cssSelector("#panel-body table.raft-messages tbody tr"))) {
        String t = tr.getText();
        if (t.contains("đang bay")) {
          out.add(t);
        }
      }
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return List.of();
    }
    return out;
  }

  /**
   * A browser on a swarm-3m2w session whose mgr1 terminal initialised the swarm and joined mgr2 and
   * mgr3 as managers.
   */
  private Browser threeManagers() {
    server = Playgrounds.start(new SimSessionFactory(), LessonLibrary.fromClasspath());
    Browser b = Browser.open(1400, 900);
    try {
      b.driver.get("http://127.0.0.1:" + server.port() + "/");
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
      return b;
    } catch (RuntimeException | Error e) {
      b.close();
      throw e;
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
