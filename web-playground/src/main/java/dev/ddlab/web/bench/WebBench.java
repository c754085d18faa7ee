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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ddlab bench --web}: starts the playground on loopback and N WebSocket clients, each with
 * its own single-node session, every one of them a typist at a human pace, open loop: each client
 * starts a command every few seconds with jitter on its own schedule (not when the server has
 * answered the last one) and types it key by key. It prints the p50/p99 of keystroke echo (a key
 * sent to its echo received) and of command completion (Enter to the prompt back), the commands per
 * second served, the process's CPU, the heap an idle session costs, output frames per command and
 * the number of concurrent typists, against the targets. Not a test: it measures, it does
 * not assert. Server and clients share this JVM (its CPU and heap figures include the clients).
 */
public final class WebBench {
  public static final int TARGET_SESSIONS = 500;
  public static final double TARGET_ECHO_P99_MS = 50;
  public static final double TARGET_COMMAND_P99_MS = 150;
  public static final double TARGET_MB_PER_SESSION = 2;

  /** A bound so nobody turns the bench into a load generator against this machine. */
  public static final int MAX_CLIENTS = 2000;

  /** A command not back within this is counted as timed out (and its client moves on). */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  /**
   * How each client types: a command every {@code commandEvery} ± {@code commandJitter} (a
   * fraction), its keys every {@code keyEvery} ± {@code keyJitter}.
   */
  public record Pace(
      Duration commandEvery, double commandJitter, Duration keyEvery, double keyJitter) {
    /** A learner at the keyboard: a command every 5 s ± 50%, a key every 120 ms ± 40%. */
    public static final Pace HUMAN =
        new Pace(Duration.ofSeconds(5), 0.5, Duration.ofMillis(120), 0.4);

    /** Nanoseconds to the next command's start. */
    long nextCommand(Random r) {
      return jittered(r, commandEvery, commandJitter);
    }

    /** Nanoseconds to the next key. */
    long nextKey(Random r) {
      return jittered(r, keyEvery, keyJitter);
    }

    private static long jittered(Random r, Duration d, double jitter) {
      return (long) (d.toNanos() * (1 + jitter * (2 * r.nextDouble() - 1)));
    }
  }

  /**
   * @param clients sessions, one browser tab each, all of them typing
   * @param warmup typing before anything is measured (JIT, lazy JLine setup)
   * @param measured the window whose commands and keys count
   */
  public record Options(
      int clients, Duration warmup, Duration measured, Pace pace, List<String> script, long seed) {
    public Options {
      if (clients < 1 || clients > MAX_CLIENTS) {
        throw new IllegalArgumentException("clients must be 1.." + MAX_CLIENTS);
      }
      script = List.copyOf(script);
    }
  }

  private final SessionFactory factory;
  private final TerminalProgram program;
  private final PrintWriter out;

  public WebBench(SessionFactory factory, TerminalProgram program, PrintWriter out) {
    this.factory = factory;
    this.program = program;
    this.out = out;
  }

  /** Starts a playground on loopback, types on it as {@code o} says, stops it. */
  public Result run(Options o) throws Exception {
    SessionManager sessions = sessions(factory, program, o.clients());
    try (PlaygroundServer server =
        new PlaygroundServer(sessions, new LessonLibrary(Map.of())).start()) {
      return load(server, o);
    }
  }

  /** The session manager of a bench's playground: room for {@code clients} sessions of 4 h. */
  static SessionManager sessions(SessionFactory factory, TerminalProgram program, int clients) {
    PlaygroundConfig config =
        PlaygroundConfig.defaults()
            .withAddress("127.0.0.1", 0)
            .withSessions(clients, Duration.ofHours(4), Duration.ofHours(4));
    return new SessionManager(config, factory, program, Panels.discover(), Clock.systemUTC());
  }

  /**
   * Opens {@code o.clients()} sessions on {@code server}, each a typist, measures, then closes the
   * clients' sockets (their sessions stay until the server ends them).
   */
  Result load(PlaygroundServer server, Options o) throws Exception {
    ScheduledExecutorService typing =
        Executors.newScheduledThreadPool(2, daemonThreads("bench-typist"));
    ScheduledExecutorService sweeper =
        Executors.newSingleThreadScheduledExecutor(daemonThreads("bench-sweeper"));
    try {
      HttpClient http = HttpClient.newBuilder().build();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      long before = usedHeapAfterGc(memory);
      Window window = new Window();
      List<Client> all = new ArrayList<>();
      for (int i = 0; i < o.clients(); i++) {
        all.add(Client.open(http, server.port(), window, typing, o, new Random(o.seed() + i)));
      }
      for (Client c : all) {
        c.awaitPrompt();
      }
      long idle = usedHeapAfterGc(memory);
      double mbPerSession = (idle - before) / (double) o.clients() / (1024 * 1024);
      int threads = Thread.activeCount();
      out.printf(
          Locale.ROOT,
          "opened %d sessions (%d threads live in this JVM); typing %s of warm-up, then %s"
              + " measured%n",
          o.clients(),
          threads,
          seconds(o.warmup()),
          seconds(o.measured()));
      out.flush();

      long start = System.nanoTime();
      window.from = start + o.warmup().toNanos();
      window.until = window.from + o.measured().toNanos();
      for (Client c : all) {
        c.startTyping(start);
      }
      sweeper.scheduleAtFixedRate(() -> all.forEach(Client::sweep), 1, 1, TimeUnit.SECONDS);
      sleepUntil(window.from);
      long cpu0 = processCpuNanos();
      long wall0 = System.nanoTime();
      sleepUntil(window.until);
      long cpu1 = processCpuNanos();
      long wall1 = System.nanoTime();
      double heapLoadMb = memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024);
      for (Client c : all) {
        c.stopTyping();
      }
      long drain = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
      while (System.nanoTime() < drain && all.stream().anyMatch(Client::busy)) {
        Thread.sleep(50);
      }
      for (Client c : all) {
        c.close();
      }
      double windowSeconds = (wall1 - wall0) / 1e9;
      Result r =
          new Result(
              o.clients(),
              (int) all.stream().filter(c -> c.typedInWindow).count(),
              o.pace(),
              window.echoes.size(),
              percentile(window.echoes, 0.50),
              percentile(window.echoes, 0.99),
              window.commands.size(),
              percentile(window.commands, 0.50),
              percentile(window.commands, 0.99),
              window.commands.size() / windowSeconds,
              window.late.get(),
              window.timeouts.get(),
              window.commands.isEmpty() ? 0 : window.frames.get() / (double) window.commands.size(),
              (cpu1 - cpu0) / 1e9 / windowSeconds,
              Runtime.getRuntime().availableProcessors(),
              mbPerSession,
              heapLoadMb,
              threads);
      r.print(out);
      return r;
    } finally {
      sweeper.shutdownNow();
      typing.shutdownNow();
    }
  }

  /** Daemon threads called {@code name}: the bench's clients never keep the JVM alive. */
  private static ThreadFactory daemonThreads(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.0f s", d.toMillis() / 1000.0);
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** The p-th percentile in milliseconds (nearest rank); 0 when there is no sample. */
  static double percentile(List<Long> samples, double p) {
    List<Long> sorted;
    synchronized (samples) {
      sorted = new ArrayList<>(samples);
    }
    if (sorted.isEmpty()) {
      return 0;
    }
    Collections.sort(sorted);
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
  }

  /** The measured window and what fell into it. */
  private static final class Window {
    volatile long from = Long.MAX_VALUE;
    volatile long until = Long.MAX_VALUE;
    final List<Long> echoes = Collections.synchronizedList(new ArrayList<>());
    final List<Long> commands = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong late = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong frames = new AtomicLong();

    boolean in(long nanos) {
      return nanos >= from && nanos < until;
    }
  }

  /** The figures and how they compare with the targets (ratio ≤ 1 meets the target). */
  public record Result(
      int sessions,
      int typists,
      Pace pace,
      long keys,
      double echoP50Ms,
      double echoP99Ms,
      long commands,
      double commandP50Ms,
      double commandP99Ms,
      double commandsPerSecond,
      long lateStarts,
      long timeouts,
      double framesPerCommand,
      double cpuCores,
      int cores,
      double mbPerIdleSession,
      double heapUnderLoadMb,
      int threads) {
    void print(PrintWriter out) {
      out.printf(
          Locale.ROOT,
          "web bench: %d sessions, %d concurrent typists (open loop: a command every %.1f s ± %.0f%%,"
              + " typed key by key every %d ms ± %.0f%%)%n",
          sessions,
          typists,
          pace.commandEvery().toMillis() / 1000.0,
          pace.commandJitter() * 100,
          pace.keyEvery().toMillis(),
          pace.keyJitter() * 100);
      out.printf(
          Locale.ROOT,
          "  keystroke echo   p50 %8.2f ms   p99 %8.2f ms   target p99 ≤ %.0f ms   ratio %.2f"
              + "   (%d keys)%n",
          echoP50Ms,
          echoP99Ms,
          TARGET_ECHO_P99_MS,
          echoP99Ms / TARGET_ECHO_P99_MS,
          keys);
      out.printf(
          Locale.ROOT,
          "  command          p50 %8.2f ms   p99 %8.2f ms   target p99 ≤ %.0f ms  ratio %.2f"
              + "   (%d commands, Enter to prompt)%n",
          commandP50Ms,
          commandP99Ms,
          TARGET_COMMAND_P99_MS,
          commandP99Ms / TARGET_COMMAND_P99_MS,
          commands);
      out.printf(
          Locale.ROOT,
          "  served           %8.1f commands/s   (offered about %.1f/s; %d started late behind a"
              + " slow prompt, %d timed out after %d s)%n",
          commandsPerSecond,
          sessions / (pace.commandEvery().toMillis() / 1000.0),
          lateStarts,
          timeouts,
          COMMAND_TIMEOUT.toSeconds());
      out.printf(
          Locale.ROOT,
          "  output frames    %8.1f WebSocket frames per command (its keys' echoes included)%n",
          framesPerCommand);
      out.printf(
          Locale.ROOT,
          "  CPU              %8.2f cores of %d (this process: server and clients)%n",
          cpuCores,
          cores);
      out.printf(
          Locale.ROOT,
          "  heap per idle session %5.2f MB   target ≤ %.0f MB   ratio %.2f"
              + "   (server and both ends of its socket); %.0f MB used at the end of the load%n",
          mbPerIdleSession,
          TARGET_MB_PER_SESSION,
          mbPerIdleSession / TARGET_MB_PER_SESSION,
          heapUnderLoadMb);
      out.printf(
          Locale.ROOT,
          "  sessions         %8d      target   %d       ratio %.2f   (%d threads live)%n",
          sessions,
          TARGET_SESSIONS,
          sessions / (double) TARGET_SESSIONS,
          threads);
      out.flush();
    }
  }

  /**
   * One browser tab and the learner at it: its own session cookie and socket, a schedule of
   * commands, keys sent one at a time. An output frame answers the oldest key still waiting for its
   * echo; after Enter, output is matched against the prompt.
   */
  private static final class Client implements WebSocket.Listener {
    private final Window window;
    private final ScheduledExecutorService typing;
    private final Options options;
    private final Random random;
    private final StringBuilder screen = new StringBuilder();
    private final StringBuilder partial = new StringBuilder();
    private final ArrayDeque<Long> keysSent = new ArrayDeque<>();
    private WebSocket socket;
    private String prompt;
    private int commandIndex;
    private boolean stopped;
    private boolean running;
    private long enterNanos;
    private long postponedPlan = -1;
    volatile boolean typedInWindow;

    private Client(Window window, ScheduledExecutorService typing, Options options, Random random) {
      this.window = window;
      this.typing = typing;
      this.options = options;
      this.random = random;
    }

    static Client open(
        HttpClient http,
        int port,
        Window window,
        ScheduledExecutorService typing,
        Options options,
        Random random)
        throws Exception {
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
      Client c = new Client(window, typing, options, random);
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
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "no prompt within 60 s; screen: " + Json.MAPPER.valueToTree(screen.toString()));
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      String s = screen.toString();
      prompt = s.substring(s.lastIndexOf('\n') + 1);
      screen.setLength(0);
    }

    /** The first command starts somewhere in the first period, so the clients do not align. */
    void startTyping(long startNanos) {
      long first =
          startNanos + (long) (random.nextDouble() * options.pace().commandEvery().toNanos());
      planCommand(first);
    }

    synchronized void stopTyping() {
      stopped = true;
    }

    synchronized boolean busy() {
      return running;
    }

    private void planCommand(long atNanos) {
      typing.schedule(
          () -> beginCommand(atNanos),
          Math.max(0, atNanos - System.nanoTime()),
          TimeUnit.NANOSECONDS);
    }

    /**
     * The planned start of a command: the next one is planned from this plan, not from when the
     * server answers (open loop). A learner whose prompt is not back yet waits for it: the command
     * starts late, and is counted.
     */
    private void beginCommand(long plan) {
      synchronized (this) {
        if (stopped) {
          return;
        }
        if (running) {
          postponedPlan = plan;
          if (window.in(plan)) {
            window.late.incrementAndGet();
          }
          return;
        }
      }
      String command = options.script().get(commandIndex++ % options.script().size());
      typeKey(command, 0, plan);
    }

    private void typeKey(String command, int k, long plan) {
      long now = System.nanoTime();
      synchronized (this) {
        if (stopped) {
          return;
        }
        if (k < command.length()) {
          keysSent.add(now);
        } else {
          screen.setLength(0);
          keysSent.clear();
          running = true;
          enterNanos = now;
        }
      }
      if (window.in(now)) {
        typedInWindow = true;
      }
      String key = k < command.length() ? String.valueOf(command.charAt(k)) : "\r";
      socket.sendText(
          "{\"type\":\"input\",\"node\":\"node1\",\"data\":" + Json.MAPPER.valueToTree(key) + "}",
          true);
      if (k < command.length()) {
        typing.schedule(
            () -> typeKey(command, k + 1, plan),
            options.pace().nextKey(random),
            TimeUnit.NANOSECONDS);
      } else {
        planCommand(plan + options.pace().nextCommand(random));
      }
    }

    /** Gives up on a command that has not come back (counted), so the client types on. */
    void sweep() {
      long plan;
      synchronized (this) {
        if (!running || System.nanoTime() - enterNanos < COMMAND_TIMEOUT.toNanos()) {
          return;
        }
        if (window.in(enterNanos)) {
          window.timeouts.incrementAndGet();
        }
        plan = finishCommand();
      }
      if (plan >= 0) {
        beginCommand(plan);
      }
    }

    /** Returns the plan of a command that waited for this one, or -1. */
    private long finishCommand() {
      running = false;
      long plan = postponedPlan;
      postponedPlan = -1;
      return plan;
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        var msg = Json.read(partial.toString());
        partial.setLength(0);
        if ("output".equals(msg.path("type").asText())) {
          output(msg.path("data").asText());
        }
      }
      ws.request(1);
      return CompletableFuture.completedFuture(null);
    }

    private void output(String text) {
      long now = System.nanoTime();
      long plan = -1;
      synchronized (this) {
        if (window.in(now)) {
          window.frames.incrementAndGet();
        }
        if (prompt == null) {
          screen.append(text);
          notifyAll();
          return;
        }
        Long sent = keysSent.poll();
        if (sent != null && window.in(sent)) {
          window.echoes.add(now - sent);
        }
        if (running) {
          screen.append(text);
          if (screen.length() > 8192) {
            screen.delete(0, screen.length() - 4096);
          }
          if (screen.indexOf("\n") >= 0 && screen.toString().endsWith(prompt)) {
            if (window.in(enterNanos)) {
              window.commands.add(now - enterNanos);
            }
            plan = finishCommand();
          }
        }
      }
      if (plan >= 0) {
        long p = plan;
        typing.execute(() -> beginCommand(p));
      }
    }
  }
}
