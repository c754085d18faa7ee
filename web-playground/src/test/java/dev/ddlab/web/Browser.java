package dev.ddlab.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by its chromedriver, with both paths given explicitly so Selenium
 * Manager never downloads anything. Skipped (with the reason) when Chromium is not installed,
 * unless {@code DDLAB_REQUIRE_BROWSER=1}, then the test fails.
 */
final class Browser implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  static Browser open(int width, int height) {
    boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    if (!present && "1".equals(System.getenv("DDLAB_REQUIRE_BROWSER"))) {
      throw new AssertionError(
          "DDLAB_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
    }
    assumeTrue(
        present,
        "browser tests skipped: install Debian's chromium and chromium-driver ("
            + CHROMIUM
            + ", "
            + CHROMEDRIVER
            + ")");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    System.setProperty("SE_OFFLINE", "true");
    Path profile;
    try {
      profile = Files.createTempDirectory("ddlab-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height,
        "--lang=vi");
    // the console (failed requests, 404s included) for tests that check nothing failed
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(width, height));
    return new Browser(driver, profile);
  }

  /** Waits (with a generous bound for a loaded CI machine) until {@code condition} holds. */
  <T> T until(Function<WebDriver, T> condition) {
    // panels redraw on every delta, so an element found a moment ago may be gone: look again
    return new WebDriverWait(driver, waitBound())
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition::apply);
  }

  /**
   * How long {@link #until} waits: 30 s on a machine with a core free, and longer in proportion as
   * the load average passes the cores (up to 4×: 2 minutes), as a 2-core CI machine shared with
   * builds runs the page three or four times slower; {@code -Dddlab.browser.waitSeconds} fixes it.
   * A wait that succeeds returns as soon as it does, so the bound only decides when to give up.
   */
  static Duration waitBound() {
    String fixed = System.getProperty("ddlab.browser.waitSeconds");
    if (fixed != null) {
      return Duration.ofSeconds(Long.parseLong(fixed));
    }
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    double busy = os.getSystemLoadAverage() / os.getAvailableProcessors();
    return Duration.ofSeconds((long) (30 * Math.min(4, Math.max(1, busy))));
  }

  /** Opens the start page at {@code base}, starts a session (one node) and waits for its prompt. */
  void startSession(String base) {
    driver.get(base + "/");
    driver.findElement(By.cssSelector("button.primary[type=submit]")).click();
    until(d -> terminalText("node1").contains("ubuntu@node1:~$"));
  }

  /** Types a line into the visible terminal and presses Enter. */
  void type(String line) {
    driver
        .findElement(By.cssSelector(".terminal:not([hidden]) textarea"))
        .sendKeys(line + Keys.ENTER);
  }

  /**
   * Clicks a link that opens a new window (a port chip) and switches to it; returns the old one.
   */
  String followToNewWindow(WebElement link) {
    String main = driver.getWindowHandle();
    link.click();
    until(d -> d.getWindowHandles().size() == 2);
    for (String h : driver.getWindowHandles()) {
      if (!h.equals(main)) {
        driver.switchTo().window(h);
      }
    }
    return main;
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the active xterm shows (its buffer, via xterm.js's API on the page). */
  String terminalText(String node) {
    Object text =
        driver.executeScript(
            "if (!window.ddlab) return ''; const t = ddlab.state.terms[arguments[0]]; if (!t) return '';"
                + " const b = t.term.buffer.active; let out = '';"
                + " for (let i = 0; i < b.length; i++) { const l = b.getLine(i);"
                + "   if (i > 0 && !l.isWrapped) out += '\\n';"
                + "   out += l.translateToString(!(i + 1 < b.length && b.getLine(i + 1).isWrapped)); }"
                + " return out;",
            node);
    return text == null ? "" : text.toString();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } catch (org.openqa.selenium.WebDriverException e) {
      // chromedriver slow to shut down on a loaded machine ("Timed out waiting for driver server
      // to shutdown"): the test has already passed or failed on its own assertions
      System.err.println(
          "chromedriver did not shut down cleanly: "
              + e.getMessage().lines().findFirst().orElse(""));
    }
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp profile is harmless
    }
  }
}
