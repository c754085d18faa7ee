package dev.ddlab.web.bench;

import dev.ddlab.web.Json;
import dev.ddlab.web.PlaygroundConfig;
import dev.ddlab.web.PlaygroundServer;
import dev.ddlab.web.lesson.LessonLibrary;
import dev.ddlab.web.panel.Panels;
import dev.ddlab.web.session.SessionFactory;
import dev.ddlab.web.session.SessionManager;
import dev.ddlab.web.term.TerminalProgram;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code ddlab bench --web}: starts the playground on loopback and N WebSocket clients, each with
 * its own single-node session, that type commands; prints the p50/p99 round trip of a command
 * (Enter to the next prompt) and the heap each idle session costs, against the targets. Not
 * a test: it measures, it does not assert.
 */
public final class WebBench {
  public static final int TARGET_SESSIONS = 500;
  public static final double TARGET_P99_MS = 50;
  public static final double TARGET_MB_PER_SESSION = 2;

  /** A bound so nobody turns the bench into a load generator against this machine. */
  public static final int MAX_CLIENTS = 2000;

  private final SessionFactory factory;
  private final TerminalProgram program;
  private final PrintWriter out;

  public WebBench(SessionFactory factory, TerminalProgram program, PrintWriter out) {
    this.factory = factory;
    this.program = program;
    this.out = out;
  }

  /**
   * @param clients concurrent sessions (each one browser tab)
   * @param commands commands each client types, one after another
   * @param parallel clients typing at the same moment
   */
  public Result run(int clients, int commands, int parallel, List<String> script) throws Exception {
    if (clients < 1 || clients > MAX_CLIENTS) {
      throw new IllegalArgumentException("clients must be 1.." + MAX_CLIENTS);
    }
    PlaygroundConfig config =
        PlaygroundConfig.defaults()
            .withAddress("127.0.0.1", 0)
            .withSessions(clients, Duration.ofHours(4), Duration.ofHours(4));
    SessionManager sessions =
        new SessionManager(config, factory, program, Panels.discover(), Clock.systemUTC());
    try (PlaygroundServer server =
        new PlaygroundServer(sessions, new LessonLibrary(java.util.Map.of())).start()) {
      HttpClient http = HttpClient.newBuilder().build();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      long before = usedHeapAfterGc(memory);
      List<Client> all = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        all.add(Client.open(http, server.port()));
      }
      for (Client c : all) {
        c.awaitPrompt();
      }
      long after = usedHeapAfterGc(memory);
      double mbPerSession = (after - before) / (double) clients / (1024 * 1024);
      out.printf(
          Locale.ROOT,
          "opened %d sessions (%d server threads live)%n",
          clients,
          Thread.activeCount());

      // warm-up: every client types its first command once, unmeasured (JIT, lazy JLine setup)
      for (Client c : all) {
        c.roundTrip(script.get(0));
      }
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
      List<Future<?>> jobs = new ArrayList<>();
      for (Client c : all) {
        jobs.add(
            pool.submit(
                () -> {
                  for (int k = 0; k < commands; k++) {
                    latencies.add(c.roundTrip(script.get(k % script.size())));
                  }
                  return null;
                }));
      }
      for (Future<?> f : jobs) {
        f.get(10, TimeUnit.MINUTES);
      }
      pool.shutdown();
      for (Client c : all) {
        c.close();
      }
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      Result r =
          new Result(
              clients,
              sorted.size(),
              percentile(sorted, 0.50) / 1e6,
              percentile(sorted, 0.99) / 1e6,
              mbPerSession);
      r.print(out);
      return r;
    }
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static long percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  /** The figures and how they compare with the targets (ratio ≤ 1 meets the target). */
  public record Result(
      int sessions, int commands, double p50Ms, double p99Ms, double mbPerIdleSession) {
    void print(PrintWriter out) {
      out.printf(Locale.ROOT, "web bench: %d sessions, %d commands%n", sessions, commands);
      out.printf(Locale.ROOT, "  round trip p50   %8.2f ms%n", p50Ms);
      out.printf(
          Locale.ROOT,
          "  round trip p99   %8.2f ms   target ≤ %.0f ms   ratio %.2f%n",
          p99Ms,
          TARGET_P99_MS,
          p99Ms / TARGET_P99_MS);
      out.printf(
          Locale.ROOT,
          "  heap per idle session %5.2f MB   target ≤ %.0f MB   ratio %.2f"
              + "   (server and both ends of its socket)%n",
          mbPerIdleSession,
          TARGET_MB_PER_SESSION,
          mbPerIdleSession / TARGET_MB_PER_SESSION);
      out.printf(
          Locale.ROOT,
          "  sessions         %8d      target   %d       ratio %.2f%n",
          sessions,
          TARGET_SESSIONS,
          sessions / (double) TARGET_SESSIONS);
      out.flush();
    }
  }

  /** One browser tab: its own session cookie and socket; output is matched against the prompt. */
  private static final class Client implements WebSocket.Listener {
    private final StringBuilder screen = new StringBuilder();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private String prompt;

    static Client open(HttpClient http, int port) throws Exception {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/session"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("template=single"))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      String cookie =
          r.headers()
              .firstValue("Set-Cookie")
              .orElseThrow(() -> new IllegalStateException("no session: HTTP " + r.statusCode()));
      Client c = new Client();
      c.socket =
          http.newWebSocketBuilder()
              .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
              .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), c)
              .join();
      return c;
    }

    /** Waits for the first prompt and remembers it. */
    synchronized void awaitPrompt() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!screen.toString().contains("$ ") && !screen.toString().contains("# ")) {
        waitUntil(deadline);
      }
      String s = screen.toString();
      prompt = s.substring(s.lastIndexOf('\n') + 1);
      screen.setLength(0);
    }

    /** Types a command and returns the nanoseconds until the prompt is back. */
    long roundTrip(String command) throws InterruptedException {
      long start;
      synchronized (this) {
        screen.setLength(0);
        start = System.nanoTime();
      }
      socket.sendText(
          "{\"type\":\"input\",\"node\":\"node1\",\"data\":"
              + dev.ddlab.web.Json.MAPPER.valueToTree(command + "\r")
              + "}",
          true);
      synchronized (this) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(screen.indexOf("\n") >= 0 && screen.toString().endsWith(prompt))) {
          waitUntil(deadline);
        }
        return System.nanoTime() - start;
      }
    }

    private void waitUntil(long deadline) throws InterruptedException {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(
            "no prompt within 60 s; prompt "
                + Json.MAPPER.valueToTree(prompt)
                + " screen: "
                + Json.MAPPER.valueToTree(screen.toString()));
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        var msg = dev.ddlab.web.Json.read(partial.toString());
        partial.setLength(0);
        if ("output".equals(msg.path("type").asText())) {
          synchronized (this) {
            screen.append(msg.path("data").asText());
            notifyAll();
          }
        }
      }
      ws.request(1);
      return CompletableFuture.completedFuture(null);
    }
  }
}
