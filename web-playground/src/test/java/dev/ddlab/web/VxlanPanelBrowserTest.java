package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.app.SimSessionFactory;
import dev.ddlab.app.TwoNodeOverlay;
import dev.ddlab.session.Session;
import dev.ddlab.session.SimSession;
import dev.ddlab.web.lesson.LessonLibrary;
import dev.ddlab.web.session.SessionFactory;
import dev.ddlab.web.session.SessionTemplate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The VXLAN panel in Chromium on two nodes with an overlay between them: a ping from c1 (mgr1) to
 * c2 (wrk1) lists its tunnelled frames; the first walks from c1 through veth, br0 and vxlan0, where
 * VXLAN, UDP, the outer IPv4 and the outer Ethernet go on one by one, and the hex view names the
 * VNI under the cursor. The list's items stay the same elements while frames keep coming. The
 * overlay is the one the pcap test crosses ({@link TwoNodeOverlay}). Screenshots go to
 * target/screenshots/.
 */
class VxlanPanelBrowserTest {
  private PlaygroundServer server;

  /** Simulated sessions; on swarm-1m1w, the overlay "ov" with c1 on mgr1 and c2 on wrk1. */
  private static final class OverlaySessions implements SessionFactory {
    private final SimSessionFactory sim = new SimSessionFactory();

    @Override
    public List<SessionTemplate> templates() {
      return sim.templates();
    }

    @Override
    public Session open(String template, long seed) {
      SimSession s = SimSession.open(template, seed);
      if (template.equals("swarm-1m1w")) {
        TwoNodeOverlay.wire(s);
      }
      return s;
    }

    @Override
    public String engineKind() {
      return sim.engineKind();
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String stage(Browser b) {
    return b.driver.findElement(By.cssSelector("#panel-body")).getAttribute("data-stage");
  }

  @Test
  void
      a_ping_across_the_overlay_walks_through_vxlan0_with_its_headers_and_the_vni_under_the_cursor() {
    server = Playgrounds.start(new OverlaySessions(), LessonLibrary.fromClasspath());
    try (Browser b = Browser.open(1400, 1000)) {
      b.driver.get("http://127.0.0.1:" + server.port() + "/");
      b.driver.findElement(By.cssSelector("input[name=template][value=swarm-1m1w]")).click();
      b.driver.findElement(By.cssSelector("button.primary[type=submit]")).click();
      b.until(d -> b.terminalText("mgr1").contains("ubuntu@mgr1:~$"));
      b.driver.findElement(By.cssSelector("#panel-tabs [data-panel=vxlan]")).click();
      b.until(
          d ->
              d.findElement(By.cssSelector(".vx-status"))
                  .getText()
                  .startsWith("Chưa có gói nào qua đường hầm"));

      b.type("docker exec c1 ping -c 1 10.0.9.3");
      b.until(d -> b.terminalText("mgr1").contains("1 packets received"));
      b.until(d -> d.findElements(By.cssSelector(".vx-capture li")).size() >= 2);
      WebElement first = b.driver.findElement(By.cssSelector(".vx-capture li"));
      assertTrue(first.getText().startsWith("c1 → c2 · mgr1 → wrk1 · VNI 4097"), first.getText());
      first.click();
      b.until(d -> "0".equals(stage(b)));
      // at c1 only the inner frame exists: the 50 bytes of the tunnel are not there yet
      assertEquals(50, b.driver.findElements(By.cssSelector(".vx-hex .b.absent")).size());
      // and their place is blank, not the bytes they will have
      WebElement firstByte = b.driver.findElement(By.cssSelector(".vx-hex .b[data-i='0']"));
      assertEquals("··", firstByte.getText());
      assertTrue(
          b.driver
              .findElement(By.cssSelector(".vx-st[data-station=src]"))
              .getAttribute("class")
              .contains("current"));
      WebElement step = b.driver.findElement(By.id("vx-step"));
      for (int i = 1; i <= 3; i++) {
        step.click();
        String want = String.valueOf(i);
        b.until(d -> want.equals(stage(b)));
      }
      // at vxlan0: the VXLAN header is on (8 bytes), UDP, IPv4 and Ethernet still to come
      assertEquals(42, b.driver.findElements(By.cssSelector(".vx-hex .b.absent")).size());
      assertEquals("··", firstByte.getText());
      assertEquals(
          "00",
          b.driver.findElement(By.cssSelector(".vx-hex .b[data-i='46']")).getText(),
          "the VNI's first byte is written");
      assertTrue(
          b.driver.findElement(By.cssSelector(".vx-caption")).getText().contains("VNI 4097"));
      b.until(d -> d.findElement(By.cssSelector(".vx-layers .chip.l-vxlan")));
      WebElement vni = b.driver.findElement(By.cssSelector(".vx-hex .b[data-i='47']"));
      new Actions(b.driver).moveToElement(vni).perform();
      b.until(
          d ->
              d.findElement(By.cssSelector(".vx-field"))
                  .getText()
                  .equals("VXLAN · VNI = 4097 (byte 46–48)"));
      assertEquals(3, b.driver.findElements(By.cssSelector(".vx-hex .b.hl")).size());
      b.screenshot("vxlan-1-vni");
      for (int i = 4; i <= 7; i++) {
        step.click();
        String want = String.valueOf(i);
        b.until(d -> want.equals(stage(b)));
      }
      // on the underlay the whole frame is there, outer Ethernet first
      assertEquals(0, b.driver.findElements(By.cssSelector(".vx-hex .b.absent")).size());
      assertEquals(firstByte.getAttribute("data-hex"), firstByte.getText());
      assertTrue(!firstByte.getText().equals("··"));
      assertTrue(
          b.driver
              .findElement(By.cssSelector(".vx-st[data-station=underlay]"))
              .getAttribute("class")
              .contains("current"));
      b.screenshot("vxlan-2-underlay");

      // more frames come; the items already listed are the same elements (a click still lands)
      b.type("docker exec c1 ping -c 1 10.0.9.3");
      b.until(d -> b.terminalText("mgr1").split("1 packets received", -1).length == 3);
      b.until(d -> d.findElements(By.cssSelector(".vx-capture li")).size() >= 4);
      assertTrue(first.getAttribute("class").contains("selected"));
      first.click();
      b.until(d -> "0".equals(stage(b)));
      b.driver.findElement(By.id("vx-replay")).click();
      b.until(d -> Integer.parseInt(stage(b)) >= 2);
      b.until(d -> "11".equals(stage(b)));
      assertTrue(
          b.driver.findElement(By.cssSelector(".vx-caption")).getText().startsWith("12/12 · c2"),
          b.driver.findElement(By.cssSelector(".vx-caption")).getText());
      assertEquals(50, b.driver.findElements(By.cssSelector(".vx-hex .b.absent")).size());
      b.screenshot("vxlan-3-delivered");

      // the panel sends one echo itself, c1 to c2, and walks it from the start
      int listed = b.driver.findElements(By.cssSelector(".vx-capture li")).size();
      b.driver.findElement(By.id("vx-ping")).click();
      b.until(d -> d.findElements(By.cssSelector("#vx-to option")).size() >= 2);
      new Select(b.driver.findElement(By.id("vx-from"))).selectByValue("c1");
      new Select(b.driver.findElement(By.id("vx-to"))).selectByValue("c2 10.0.9.3");
      b.driver.findElement(By.id("vx-send")).click();
      b.until(d -> d.findElements(By.cssSelector(".vx-capture li")).size() > listed);
      b.until(
          d -> {
            List<WebElement> items = d.findElements(By.cssSelector(".vx-capture li"));
            return items.get(listed).getAttribute("class").contains("selected");
          });
      b.until(d -> "11".equals(stage(b)));
      assertTrue(
          b.driver.findElement(By.cssSelector(".vx-status")).getText().contains("#"),
          b.driver.findElement(By.cssSelector(".vx-status")).getText());
      b.screenshot("vxlan-4-sent");
    }
  }
}
