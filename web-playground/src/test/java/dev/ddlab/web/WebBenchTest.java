package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.Session;
import dev.ddlab.web.bench.WebBench;
import dev.ddlab.web.session.SessionFactory;
import dev.ddlab.web.session.SessionTemplate;
import dev.ddlab.web.term.Repls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebBenchTest {
  @Test
  void the_bench_types_every_command_of_every_client_and_reports_against_the_targets()
      throws Exception {
    SessionFactory echo =
        new SessionFactory() {
          @Override
          public List<SessionTemplate> templates() {
            return List.of(new SessionTemplate("single", "1 node", "", true, null));
          }

          @Override
          public Session open(String template, long seed) {
            return new EchoSession();
          }

          @Override
          public String engineKind() {
            return "sim";
          }
        };
    StringWriter text = new StringWriter();
    WebBench.Result r =
        new WebBench(echo, Repls.shell(), new PrintWriter(text))
            .run(Integer.getInteger("bench.clients", 4), 3, 2, List.of("echo a", "echo b"));
    assertEquals(Integer.getInteger("bench.clients", 4), r.sessions());
    assertEquals(3 * r.sessions(), r.commands());
    System.out.print(text);
    assertTrue(text.toString().contains("target ≤ 50 ms"), text.toString());
    assertTrue(text.toString().contains("heap per idle session"), text.toString());
  }
}
