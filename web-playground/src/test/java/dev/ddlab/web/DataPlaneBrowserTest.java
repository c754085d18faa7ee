package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.app.SimSessionFactory;
import dev.ddlab.web.lesson.LessonLibrary;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The data plane panel in Chromium on a simulated node: two containers on a user network are drawn
 * as sandboxes on their bridge; a ping from c1 to c2 lists ARP before ICMP and moves frame by frame
 * along the veths when stepped; "Tải pcap" saves the node's frames. Screenshots go to
 * target/screenshots/.
 */
class DataPlaneBrowserTest {
  private PlaygroundServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void a_ping_from_c1_to_c2_shows_arp_then_icmp_hop_by_hop_with_pause_and_step() {
    server = Playgrounds.start(new SimSessionFactory(), LessonLibrary.fromClasspath());
    try (Browser b = Browser.open(1280, 900)) {
      b.startSession("http://127.0.0.1:" + server.port());
      b.type("docker network create net1");
      b.type("docker run -d --name c2 --network net1 alpine sleep 1d");
      b.type("docker run -d --name c1 --network net1 alpine sleep 1d");
      b.until(d -> b.terminalText("node1").split("\\n[0-9a-f]{64}\\s*\\n", -1).length >= 3);

      b.driver.findElement(By.cssSelector("#panel-tabs [data-panel=dataplane]")).click();
      b.until(d -> d.findElement(By.cssSelector("#panel-body g.dp-sandbox[data-sandbox=c1]")));
      b.until(d -> d.findElement(By.cssSelector("#panel-body g.dp-sandbox[data-sandbox=c2]")));
      assertTrue(
          b.driver
              .findElement(By.cssSelector("#panel-body rect.dp-bridge[data-bridge^=br-]"))
              .isDisplayed());
      // pause first: the frames of the ping wait in the list and go one hop per step
      b.driver.findElement(By.id("dp-play")).click();
      b.type("docker exec c1 ping -c 1 c2");
      b.until(d -> b.terminalText("node1").contains("1 packets received"));
      b.until(d -> d.findElements(By.cssSelector(".dp-capture tbody tr")).size() >= 8);
      List<WebElement> rows = b.driver.findElements(By.cssSelector(".dp-capture tbody tr"));
      assertEquals("arp", rows.get(0).getAttribute("data-kind"));
      assertTrue(rows.get(0).getText().contains("c1:eth0 →"), rows.get(0).getText());
      assertTrue(rows.get(0).getText().contains("ARP, Request who-has 172.18.0.2"));
      int firstIcmp = -1;
      for (int i = 0; i < rows.size(); i++) {
        if ("icmp".equals(rows.get(i).getAttribute("data-kind"))) {
          firstIcmp = i;
          break;
        }
      }
      assertTrue(firstIcmp >= 4, "ARP request and reply, two hops each, before the first ICMP");
      assertEquals("ahead", rows.get(0).getAttribute("class"), "paused: nothing played yet");

      b.driver.findElement(By.id("dp-step")).click();
      WebElement dot = b.until(d -> d.findElement(By.cssSelector("#panel-body g.dp-frame.k-arp")));
      assertTrue(dot.isDisplayed());
      b.until(
          d ->
              "seen"
                  .equals(
                      d.findElement(By.cssSelector(".dp-capture tbody tr:first-child"))
                          .getAttribute("class")));
      b.screenshot("dataplane-1-arp-step");
      for (int i = 1; i <= firstIcmp; i++) {
        b.driver.findElement(By.id("dp-step")).click();
        int played = i;
        b.until(
            d ->
                d.findElements(By.cssSelector(".dp-capture tbody tr.seen")).size() > played
                    || !d.findElements(By.cssSelector("#panel-body g.dp-frame.k-icmp")).isEmpty());
      }
      b.until(d -> d.findElement(By.cssSelector("#panel-body g.dp-frame.k-icmp")));
      b.screenshot("dataplane-2-icmp-step");
      b.driver.findElement(By.id("dp-play")).click();
      b.until(d -> d.findElements(By.cssSelector(".dp-capture tbody tr.ahead")).isEmpty());
      assertTrue(
          b.driver.findElement(By.cssSelector(".dp-status")).getText().startsWith("Khung "),
          b.driver.findElement(By.cssSelector(".dp-status")).getText());
      b.screenshot("dataplane-3-played");

      // the node's frames as a pcap file (its bytes: PcapCommandTest reads them with tshark)
      b.driver.findElement(By.id("dp-pcap")).click();
      b.until(
          d ->
              d.findElement(By.cssSelector(".dp-status"))
                  .getText()
                  .matches("Đã tải ddlab-node1\\.pcap: \\d+ khung của node1"));
    }
  }
}
