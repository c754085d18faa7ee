package dev.ddlab.app;

import dev.ddlab.web.PlaygroundConfig;
import dev.ddlab.web.PlaygroundServer;
import dev.ddlab.web.lesson.LessonLibrary;
import dev.ddlab.web.panel.Panels;
import dev.ddlab.web.session.SessionFactories;
import dev.ddlab.web.session.SessionFactory;
import dev.ddlab.web.session.SessionManager;
import dev.ddlab.web.term.Repls;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ddlab serve}: the web playground. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve the web playground: Docker nodes with terminals and visualisers.")
public final class ServeCommand implements Callable<Integer> {
  enum EngineKind {
    sim,
    real
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "7070",
      description = "TCP port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for a classroom)")
  String host;

  @Option(
      names = "--max-sessions",
      defaultValue = "50",
      description = "concurrent sessions before the \"Hết chỗ\" page (default: ${DEFAULT-VALUE})")
  int maxSessions;

  @Option(
      names = "--session-ttl",
      defaultValue = "4h",
      description = "life of a session, e.g. 4h, 90m (default: ${DEFAULT-VALUE})")
  String sessionTtl;

  @Option(
      names = "--idle-timeout",
      defaultValue = "30m",
      description = "free a session after this long without input (default: ${DEFAULT-VALUE})")
  String idleTimeout;

  @Option(
      names = "--engine",
      defaultValue = "sim",
      description = "sim (simulated nodes) or real (a Docker Engine through the bridge)")
  EngineKind engine;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Duration ttl;
    Duration idle;
    try {
      ttl = duration(sessionTtl);
      idle = duration(idleTimeout);
    } catch (IllegalArgumentException e) {
      err.println("ddlab serve: " + e.getMessage());
      return 2;
    }
    if (maxSessions < 1) {
      err.println("ddlab serve: --max-sessions must be at least 1");
      return 2;
    }
    SessionFactory factory;
    try {
      factory = SessionFactories.forEngine(engine.name());
    } catch (IllegalStateException e) {
      err.println("ddlab serve: " + e.getMessage());
      return 1;
    }
    PlaygroundConfig config =
        PlaygroundConfig.defaults().withAddress(host, port).withSessions(maxSessions, ttl, idle);
    SessionManager sessions =
        new SessionManager(config, factory, Repls.shell(), Panels.discover(), Clock.systemUTC());
    PlaygroundServer server = new PlaygroundServer(sessions, LessonLibrary.fromClasspath());
    server.start();
    out.printf(
        "ddlab playground on http://%s:%d/ (engine %s, up to %d sessions of %s)%n",
        host.equals("0.0.0.0") ? "127.0.0.1" : host,
        server.port(),
        engine,
        maxSessions,
        sessionTtl);
    out.println("Sessions live in memory only: stopping the server ends them. Ctrl-C to stop.");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  /** "4h", "90m", "45s", "1h30m". */
  static Duration duration(String text) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?").matcher(text);
    if (text.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException("invalid duration \"" + text + "\" (use e.g. 4h, 90m)");
    }
    Duration d = Duration.ZERO;
    if (m.group(1) != null) {
      d = d.plusHours(Long.parseLong(m.group(1)));
    }
    if (m.group(2) != null) {
      d = d.plusMinutes(Long.parseLong(m.group(2)));
    }
    if (m.group(3) != null) {
      d = d.plusSeconds(Long.parseLong(m.group(3)));
    }
    if (d.isZero()) {
      throw new IllegalArgumentException("duration must be positive: \"" + text + "\"");
    }
    return d;
  }
}
