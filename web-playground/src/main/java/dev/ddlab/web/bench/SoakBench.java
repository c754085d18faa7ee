package dev.ddlab.web.bench;

import dev.ddlab.web.PlaygroundServer;
import dev.ddlab.web.lesson.LessonLibrary;
import dev.ddlab.web.session.SessionFactory;
import dev.ddlab.web.session.SessionManager;
import dev.ddlab.web.term.TerminalProgram;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code ddlab bench --soak --minutes N}: keeps a playground's sessions busy for N minutes with
 * {@link WebBench}'s typists, ends every session as the server does at their TTL, then checks that
 * the heap is back near where it was before they opened and that no thread is left behind ({@link
 * LeakChecks}). The real-engine half (objects left on a daemon) is run by the caller, which has the
 * daemon. Not a test: it prints figures and PASS/FAIL.
 */
public final class SoakBench {
  /** The heap allowed to stay after the sessions ended: the JIT's and class loading's caches. */
  static final long HEAP_TOLERANCE_BYTES = 32L * 1024 * 1024;

  /** How long the server may take to let the ended sessions' terminal threads go. */
  static final Duration SETTLE = Duration.ofSeconds(20);

  /**
   * Threads that pools keep and retire on their own timers (Jetty's workers, the JDK's HTTP client
   * and common pool), left out of the thread check; and Javalin's WebSocket ping scheduler, one
   * single-thread executor for the whole JVM that Javalin makes at the first WebSocket (not per
   * session: the first soak on a quiet machine, 6 Dec, found it as the only thread "left").
   */
  static final Predicate<String> POOLED =
      name ->
          name.startsWith("qtp")
              || name.startsWith("JettyServerThreadPool")
              || name.startsWith("HttpClient-")
              || name.startsWith("ForkJoinPool")
              || name.startsWith("JavalinWebSocketPingThread");

  private final SessionFactory factory;
  private final TerminalProgram program;
  private final PrintWriter out;

  public SoakBench(SessionFactory factory, TerminalProgram program, PrintWriter out) {
    this.factory = factory;
    this.program = program;
    this.out = out;
  }

  /** Runs the load and returns the heap and thread checks. */
  public List<LeakChecks.Check> run(WebBench.Options o) throws Exception {
    SessionManager sessions = WebBench.sessions(factory, program, o.clients());
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (PlaygroundServer server =
        new PlaygroundServer(sessions, new LessonLibrary(Map.of())).start()) {
      long heapBefore = WebBench.usedHeapAfterGc(memory);
      Set<String> threadsBefore = threads();
      new WebBench(factory, program, out).load(server, o);
      int live = sessions.count();
      sessions.close(); // every session ends, as at its TTL
      long deadline = System.nanoTime() + SETTLE.toNanos();
      while (System.nanoTime() < deadline
          && !LeakChecks.threads(threadsBefore, threads(), POOLED).pass()) {
        Thread.sleep(200);
      }
      long heapAfter = WebBench.usedHeapAfterGc(memory);
      Set<String> threadsAfter = threads();
      out.printf("ended %d sessions%n", live);
      List<LeakChecks.Check> checks = new ArrayList<>();
      checks.add(LeakChecks.heap(heapBefore, heapAfter, HEAP_TOLERANCE_BYTES));
      checks.add(LeakChecks.threads(threadsBefore, threadsAfter, POOLED));
      return checks;
    }
  }

  /** Live threads as "name#id". */
  static Set<String> threads() {
    Set<String> names = new TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive()) {
        names.add(t.getName() + "#" + t.getId());
      }
    }
    return names;
  }
}
