package dev.ddlab.grader.jshell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.grader.check.CheckOutcome;
import dev.ddlab.grader.check.JavaCheck;
import dev.ddlab.grader.state.LabState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Runs lab authors' {@code java:} checks outside the grader's JVM, in a small pool of check
 * children ({@link CheckChild}) that are reused from check to check. A child compiles each
 * expression once with JShell into a sandbox class loader and evaluates it against the state,
 * asking this JVM for every piece of state it reads. The grader enforces a wall-time, a CPU-time
 * and a memory limit from outside; a check that exceeds one, leaves parallel work running or breaks
 * the protocol fails with a Vietnamese reason, its child is killed and a fresh one takes its place.
 * Nothing the check made is ever an object in this JVM: answers are a boolean or a message the
 * child built from JDK data. Submissions never contain Java: only the lab YAML does.
 */
public final class JShellChecks implements JavaCheck, AutoCloseable {
  /**
   * The limits of one evaluation and the pool's size.
   *
   * @param wall wall-clock time of one evaluation (time the grader spends answering the check's
   *     questions about the state is not counted)
   * @param cpu CPU time of the child during one evaluation, all its threads together
   * @param memoryMegabytes the child JVM's heap
   * @param poolSize children at most (one per check evaluated at the same time)
   */
  public record Limits(Duration wall, Duration cpu, int memoryMegabytes, int poolSize) {
    public static final Limits DEFAULT =
        new Limits(Duration.ofSeconds(5), Duration.ofSeconds(1), 128, 2);
  }

  /** Time a child may take to start (JVM and JShell warm-up) and to compile one expression. */
  private static final Duration START_LIMIT = Duration.ofSeconds(60);

  private static final Duration COMPILE_LIMIT = Duration.ofSeconds(30);

  /** How often the grader looks at a running check's clocks. */
  private static final long POLL_MILLIS = 20;

  private final Limits limits;
  private final Deque<CheckProcess> idle = new ArrayDeque<>();
  private final List<CheckProcess> all = new ArrayList<>();
  private int live;
  private int started;
  private boolean closed;

  public JShellChecks(Limits limits) {
    this.limits = limits;
  }

  /** Default CPU, memory and pool limits with this wall-time limit. */
  public JShellChecks(Duration wall) {
    this(
        new Limits(
            wall,
            Limits.DEFAULT.cpu(),
            Limits.DEFAULT.memoryMegabytes(),
            Limits.DEFAULT.poolSize()));
  }

  public JShellChecks() {
    this(Limits.DEFAULT);
  }

  /** Compiles an expression in a child, or explains (javac's English) why it does not compile. */
  public void compile(String expression) throws JavaCheckException {
    CheckOutcome o = run("compile", expression, null);
    if (!o.passed()) {
      throw new JavaCheckException(o.detail());
    }
  }

  @Override
  public CheckOutcome evaluate(String expression, LabState state) {
    return run("eval", expression, state);
  }

  private CheckOutcome run(String op, String expression, LabState state) {
    CheckProcess child;
    try {
      child = borrow();
    } catch (IOException e) {
      return CheckOutcome.fail(
          "Không khởi động được tiến trình chạy kiểm tra java: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CheckOutcome.fail("Kiểm tra java bị ngắt.");
    }
    Verdict v;
    try {
      v = converse(child, op, expression, state);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      v = Verdict.bad("Kiểm tra java bị ngắt.");
    }
    release(child, v.healthy);
    return v.outcome;
  }

  /** What one conversation with a child gave, and whether the child may serve again. */
  private record Verdict(CheckOutcome outcome, boolean healthy) {
    static Verdict ok(CheckOutcome o) {
      return new Verdict(o, true);
    }

    static Verdict bad(String detail) {
      return new Verdict(CheckOutcome.fail(detail), false);
    }
  }

  private Verdict converse(CheckProcess child, String op, String expression, LabState state)
      throws InterruptedException {
    if (!child.awaitReady(START_LIMIT)) {
      return Verdict.bad(
          "Tiến trình chạy kiểm tra java không sẵn sàng sau " + START_LIMIT.toSeconds() + " giây.");
    }
    try {
      child.send(Wire.message(op).put("expr", expression));
    } catch (IOException e) {
      return ended(child);
    }
    boolean running = false;
    long deadline = System.nanoTime() + COMPILE_LIMIT.toNanos();
    long cpuStart = 0;
    while (true) {
      JsonNode frame = child.next(POLL_MILLIS);
      long now = System.nanoTime();
      if (frame == null) {
        if (now > deadline) {
          return Verdict.bad(
              running
                  ? "Kiểm tra java bị dừng: chạy quá giới hạn thời gian "
                      + limits.wall().toMillis()
                      + " ms."
                  : "Kiểm tra java bị dừng: biên dịch quá " + COMPILE_LIMIT.toSeconds() + " giây.");
        }
        if (running && child.cpuNanos() - cpuStart > limits.cpu().toNanos()) {
          return Verdict.bad(
              "Kiểm tra java bị dừng: dùng quá giới hạn "
                  + limits.cpu().toMillis()
                  + " ms thời gian CPU.");
        }
        continue;
      }
      if (frame == CheckProcess.END) {
        return ended(child);
      }
      String kind = frame.path("op").asText();
      switch (kind) {
        case "compiled" -> {
          if (op.equals("compile")) {
            return Verdict.ok(CheckOutcome.PASS);
          }
          return Verdict.bad(violation());
        }
        case "started" -> {
          if (running || state == null) {
            return Verdict.bad(violation());
          }
          running = true;
          cpuStart = child.cpuNanos();
          deadline = now + limits.wall().toNanos();
        }
        case "query" -> {
          if (!running) {
            return Verdict.bad(violation());
          }
          ObjectNode answer = answer(state, frame);
          if (answer == null) {
            return Verdict.bad(violation());
          }
          try {
            child.send(answer);
          } catch (IOException e) {
            return ended(child);
          }
          // the grader's own time answering is not the check's
          deadline += System.nanoTime() - now;
        }
        case "result" -> {
          if (!running || !frame.path("value").isBoolean()) {
            return Verdict.bad(violation());
          }
          return Verdict.ok(
              frame.path("value").asBoolean()
                  ? CheckOutcome.PASS
                  : CheckOutcome.fail("Biểu thức java cho kết quả false: " + Wire.cut(expression)));
        }
        case "error" -> {
          return error(frame);
        }
        default -> {
          return Verdict.bad(violation());
        }
      }
    }
  }

  private static Verdict error(JsonNode frame) {
    String message = Wire.cut(frame.path("message").asText());
    return switch (frame.path("kind").asText()) {
      case "compile" ->
          Verdict.ok(CheckOutcome.fail("Kiểm tra java không biên dịch được: " + message));
      case "unavailable" ->
          Verdict.ok(
              CheckOutcome.fail(
                  "Kiểm tra java dùng thứ không được phép (not available to java checks): "
                      + message));
      case "threw" -> Verdict.ok(CheckOutcome.fail("Kiểm tra java ném ngoại lệ: " + message));
      case "own" ->
          Verdict.ok(
              CheckOutcome.fail(
                  "Kiểm tra java ném ngoại lệ thuộc lớp tự định nghĩa "
                      + message
                      + " (nội dung của nó không được đọc)."));
      case "background" ->
          Verdict.bad(
              "Kiểm tra java bị dừng: vẫn còn tác vụ song song (parallel stream) chạy sau khi trả"
                  + " kết quả.");
      default -> Verdict.bad(violation());
    };
  }

  private static String violation() {
    return "Kiểm tra java bị dừng: tiến trình kiểm tra trả lời sai giao thức.";
  }

  private Verdict ended(CheckProcess child) throws InterruptedException {
    child.kill();
    int status = child.exitStatus();
    if (status == CheckProcess.OUT_OF_MEMORY_EXIT) {
      return Verdict.bad(
          "Kiểm tra java bị dừng: vượt giới hạn bộ nhớ " + limits.memoryMegabytes() + " MB.");
    }
    return Verdict.bad(
        "Kiểm tra java bị dừng: tiến trình kiểm tra kết thúc bất thường (mã " + status + ").");
  }

  /** Answers one question of the check about the state, or null when it is not a question. */
  private static ObjectNode answer(LabState state, JsonNode query) {
    JsonNode argsNode = query.path("args");
    if (!argsNode.isArray() || argsNode.size() > 3) {
      return null;
    }
    List<String> a = new ArrayList<>();
    for (JsonNode n : argsNode) {
      if (!n.isTextual()) {
        return null;
      }
      a.add(n.asText());
    }
    String method = query.path("method").asText();
    Object value;
    try {
      value =
          switch (method + "/" + a.size()) {
            case "nodes/0" -> state.nodes();
            case "container/2" -> state.container(a.get(0), a.get(1));
            case "containers/1" -> state.containers(a.get(0));
            case "image/2" -> state.image(a.get(0), a.get(1));
            case "images/1" -> state.images(a.get(0));
            case "containerFile/3" -> state.containerFile(a.get(0), a.get(1), a.get(2));
            case "hostFile/2" -> state.hostFile(a.get(0), a.get(1));
            case "networkDriver/2" -> state.networkDriver(a.get(0), a.get(1));
            case "volumeExists/2" -> state.volumeExists(a.get(0), a.get(1));
            case "swarm/1" -> state.swarm(a.get(0));
            case "services/1" -> state.services(a.get(0));
            case "tasks/1" -> state.tasks(a.get(0));
            case "swarmNodes/1" -> state.swarmNodes(a.get(0));
            case "transcript/0" -> state.transcript();
            default -> null;
          };
      if (value == null) {
        return null;
      }
    } catch (RuntimeException e) {
      return Wire.message("answer").put("error", "the state could not be read: " + e.getMessage());
    }
    if (value instanceof Optional<?> o) {
      value = o.orElse(null);
    }
    ObjectNode answer = Wire.message("answer");
    answer.set("value", Wire.JSON.valueToTree(value));
    return answer;
  }

  private synchronized CheckProcess borrow() throws IOException, InterruptedException {
    while (true) {
      if (closed) {
        throw new IOException("the java checks are closed");
      }
      if (!idle.isEmpty()) {
        return idle.pop();
      }
      if (live < limits.poolSize()) {
        CheckProcess p = spawn();
        live++;
        return p;
      }
      wait();
    }
  }

  private synchronized void release(CheckProcess child, boolean healthy) {
    if (healthy && !closed && child.alive()) {
      idle.push(child);
    } else {
      child.kill();
      all.remove(child);
      live--;
      if (!closed) {
        // start the replacement now, so the next check finds it (nearly) warm
        try {
          idle.push(spawn());
          live++;
        } catch (IOException e) {
          // the next borrow tries again
        }
      }
    }
    notifyAll();
  }

  private CheckProcess spawn() throws IOException {
    CheckProcess p = CheckProcess.start(limits);
    started++;
    all.add(p);
    return p;
  }

  /** Children started so far (the first, and one for each that misbehaved). */
  synchronized int started() {
    return started;
  }

  /** The process IDs of the children alive now. */
  synchronized List<Long> pids() {
    return all.stream().filter(CheckProcess::alive).map(CheckProcess::pid).toList();
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (CheckProcess p : all) {
      p.kill();
    }
    all.clear();
    idle.clear();
    notifyAll();
  }
}
