package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.web.bench.LeakChecks;
import dev.ddlab.web.bench.SoakBench;
import dev.ddlab.web.bench.WebBench;
import dev.ddlab.web.session.SessionFactory;
import dev.ddlab.web.term.Repls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The web bench and the soak run end to end on a few echo sessions (fast typists): every client
 * types, keys and commands are counted and the report names its figures and targets. No speed is
 * asserted.
 */
class WebBenchTest {
  private static final SessionFactory ECHO = EchoSession.factory();

  private static final WebBench.Pace FAST =
      new WebBench.Pace(Duration.ofMillis(300), 0.5, Duration.ofMillis(5), 0.4);

  private static WebBench.Options options(int clients) {
    return new WebBench.Options(
        clients, Duration.ofMillis(300), Duration.ofSeconds(2), FAST, List.of("echo a"), 7);
  }

  @Test
  void every_client_types_key_by_key_on_its_own_schedule_and_the_report_names_the_targets()
      throws Exception {
    StringWriter text = new StringWriter();
    WebBench.Result r = new WebBench(ECHO, Repls.shell(), new PrintWriter(text)).run(options(4));
    System.out.print(text);
    assertEquals(4, r.sessions());
    assertEquals(4, r.typists(), "every client typed in the measured window");
    assertTrue(r.commands() >= 4, "commands " + r.commands());
    assertTrue(r.keys() >= 6 * r.commands() / 2, "each command's keys were echoed: " + r.keys());
    assertEquals(0, r.timeouts());
    String report = text.toString();
    for (String figure :
        List.of(
            "4 concurrent typists",
            "keystroke echo",
            "target p99 ≤ 50 ms",
            "target p99 ≤ 150 ms",
            "commands/s",
            "frames per command",
            "cores of",
            "heap per idle session")) {
      assertTrue(report.contains(figure), figure + " in\n" + report);
    }
  }

  @Test
  void the_soak_ends_every_session_and_finds_no_thread_left_behind() throws Exception {
    StringWriter text = new StringWriter();
    List<LeakChecks.Check> checks =
        new SoakBench(ECHO, Repls.shell(), new PrintWriter(text)).run(options(3));
    System.out.print(text);
    assertEquals(List.of("heap", "threads"), checks.stream().map(LeakChecks.Check::name).toList());
    LeakChecks.Check threads = checks.get(1);
    assertTrue(threads.pass(), threads.line());
    assertTrue(text.toString().contains("ended 3 sessions"), text.toString());
  }
}
