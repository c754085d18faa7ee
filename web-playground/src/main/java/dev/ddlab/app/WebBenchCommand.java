package dev.ddlab.app;

import dev.ddlab.web.bench.WebBench;
import dev.ddlab.web.term.Repls;
import java.io.PrintWriter;
import java.util.List;

/** {@code ddlab bench --web}: the playground's figures (see {@link WebBench}). */
final class WebBenchCommand {
  /** What each client types, round after round: the everyday commands of the course. */
  static final List<String> SCRIPT =
      List.of("docker ps", "docker images", "docker version", "ls -la", "docker ps -a");

  private WebBenchCommand() {}

  static int run(int clients, PrintWriter out, PrintWriter err) throws Exception {
    if (clients < 1 || clients > WebBench.MAX_CLIENTS) {
      err.println("ddlab bench: --clients must be 1.." + WebBench.MAX_CLIENTS);
      return 2;
    }
    out.println(
        "ddlab bench --web — "
            + clients
            + " WebSocket clients on 127.0.0.1, one single-node session each (wall time)");
    out.flush();
    new WebBench(new SimSessionFactory(), Repls.shell(), out).run(clients, 5, 4, SCRIPT);
    return 0;
  }
}
