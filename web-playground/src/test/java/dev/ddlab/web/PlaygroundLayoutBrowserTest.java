package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.app.SimSessionFactory;
import dev.ddlab.web.lesson.LessonLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The playground at a laptop's 1280 px and a small laptop's 1024 px: every panel is opened with a
 * lab started and a file in the editor, and screenshotted into target/screenshots/; the tabs stay
 * on one line, no text is clipped, and no request fails (a 404 included: a missing favicon, a file
 * the editor asked for).
 */
class PlaygroundLayoutBrowserTest {
  private PlaygroundServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Elements whose text is cut off: wider than their box while their overflow hides it. */
  static final String CLIPPED =
      """
      const out = [];
      for (const e of document.querySelectorAll('body *')) {
        if (e.closest('.xterm') || e.closest('svg') || !e.offsetParent || e.offsetWidth <= 1) continue;
        const s = getComputedStyle(e);
        const hides = ['hidden', 'clip'].includes(s.overflowX);
        if (e.scrollWidth > e.clientWidth + 1 && (hides || e.tagName === 'PRE' || e.tagName === 'BUTTON')
            && !(s.textOverflow === 'ellipsis' && e.title)) {
          out.push(e.tagName.toLowerCase() + '.' + e.className + ': ' + e.textContent.trim().slice(0, 60));
        }
      }
      return out;
      """;

  /** Tabs whose label wrapped, or tabs on more than one row. */
  static final String WRAPPED_TABS =
      """
      const tabs = [...document.querySelectorAll('#panel-tabs button')];
      const out = [];
      const top = tabs.length ? tabs[0].getBoundingClientRect().top : 0;
      for (const t of tabs) {
        const r = t.getBoundingClientRect();
        const line = parseFloat(getComputedStyle(t).lineHeight) || 20;
        if (r.top !== top) out.push(t.textContent + ': on another row');
        const range = document.createRange();
        range.selectNodeContents(t);
        const lines = new Set([...range.getClientRects()].map(x => Math.round(x.top)));
        if (lines.size > 1) out.push(t.textContent + ': wrapped');
      }
      return out;
      """;

  /** Controls without a name a learner can read (the upload control shows ours, not Chrome's). */
  static final String UNNAMED_CONTROLS =
      """
      const out = [];
      for (const e of document.querySelectorAll('button, input, select, textarea')) {
        if (e.closest('[aria-hidden=true]')) continue;
        const label = e.labels && e.labels.length ? e.labels[0].textContent : '';
        const name = (e.getAttribute('aria-label') || label || e.textContent || e.title || e.placeholder || '').trim();
        if (!name) out.push(e.outerHTML.slice(0, 80));
        if (e.type === 'file' && e.offsetWidth > 1) out.push('the browser draws its own file button: ' + e.outerHTML.slice(0, 80));
        if (/^(Choose|Browse|Submit|Check|Hint|Run|Copy|Save|Open)\b/.test(name)) out.push('English: ' + name);
      }
      return out;
      """;

  @ParameterizedTest
  @ValueSource(ints = {1280, 1024})
  void every_panel_fits_without_clipped_text_wrapped_tabs_or_failed_requests(int width) {
    server = Playgrounds.start(new SimSessionFactory(), LessonLibrary.fromClasspath());
    String base = "http://127.0.0.1:" + server.port();
    try (Browser b = Browser.open(width, 800)) {
      b.driver.get(base + "/");
      b.screenshot("layout-" + width + "-start");
      b.driver.findElement(By.cssSelector("button.primary[type=submit]")).click();
      b.until(d -> b.terminalText("node1").contains("ubuntu@node1:~$"));
      List<String> problems = new ArrayList<>();
      List<String> tabs = new ArrayList<>();
      for (WebElement t : b.driver.findElements(By.cssSelector("#panel-tabs button"))) {
        tabs.add(t.getAttribute("data-panel"));
      }
      assertTrue(
          tabs.containsAll(List.of("topology", "layers", "namespaces", "lab", "lesson", "files")),
          tabs.toString());
      for (String panel : tabs) {
        b.driver.findElement(By.cssSelector("#panel-tabs [data-panel=" + panel + "]")).click();
        b.until(d -> !d.findElement(By.id("panel-body")).getText().isBlank());
        if (panel.equals("lab")) {
          b.until(d -> d.findElement(By.cssSelector(".lab-list button"))).click();
          b.until(d -> d.findElements(By.cssSelector(".lab-step")).size() > 0);
        }
        if (panel.equals("files")) {
          b.until(d -> d.findElement(By.cssSelector(".editor .status")).getText().length() > 0);
        }
        b.screenshot("layout-" + width + "-" + panel);
        problems.addAll(prefixed(panel, (List<?>) b.driver.executeScript(CLIPPED)));
        problems.addAll(prefixed(panel, (List<?>) b.driver.executeScript(WRAPPED_TABS)));
      }
      // the time bar's rewind strip, open over the last panel
      b.driver.findElement(By.id("time-rewind")).click();
      b.until(d -> d.findElement(By.id("timeline")).isDisplayed());
      b.screenshot("layout-" + width + "-timeline");
      problems.addAll(prefixed("timeline", (List<?>) b.driver.executeScript(CLIPPED)));
      problems.addAll(prefixed("timeline", (List<?>) b.driver.executeScript(UNNAMED_CONTROLS)));
      for (LogEntry e : b.driver.manage().logs().get(LogType.BROWSER)) {
        if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
          problems.add("console: " + e.getMessage());
        }
      }
      assertEquals(List.of(), problems);
    }
  }

  private static List<String> prefixed(String panel, List<?> found) {
    List<String> out = new ArrayList<>();
    for (Object o : found) {
      out.add(panel + ": " + o);
    }
    return out;
  }
}
