package dev.ddlab.grader.jshell;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.grader.state.CommandView;
import dev.ddlab.grader.state.ContainerView;
import dev.ddlab.grader.state.ImageView;
import dev.ddlab.grader.state.LabState;
import dev.ddlab.grader.state.ServiceView;
import dev.ddlab.grader.state.SwarmNodeView;
import dev.ddlab.grader.state.SwarmStatus;
import dev.ddlab.grader.state.TaskView;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * The main class of a check child: a small JVM started by {@link JShellChecks} with a heap limit,
 * that compiles {@code java:} expressions with JShell into a {@link SandboxLoader} and runs them
 * against a {@link LabState} whose every call is a question to the grader over the pipe. Nothing a
 * check creates leaves this process: the grader receives a boolean or a message built here from
 * data the JDK produced (class names, the JDK's own exception messages), never an object of the
 * check's. The grader enforces the time, CPU and memory limits from outside by ending this process.
 */
public final class CheckChild {
  /** How long a check's parallel tasks may outlive its answer before it counts as misbehaving. */
  private static final long QUIESCENCE_MILLIS = 200;

  private final DataInputStream in;
  private final DataOutputStream out;
  private final SandboxLoader loader = new SandboxLoader(CheckChild.class.getClassLoader());
  private final Map<String, Class<?>> defined = new HashMap<>();
  private final Map<String, Object> compiled = new HashMap<>();
  private final JShell shell;
  private int counter;

  private CheckChild(DataInputStream in, DataOutputStream out) {
    this.in = in;
    this.out = out;
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    this.shell =
        JShell.builder()
            .out(quiet)
            .err(quiet)
            .executionEngine(new Provider(), Map.of())
            .compilerOptions("-classpath", System.getProperty("java.class.path"))
            .build();
  }

  public static void main(String[] args) throws IOException {
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
    DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
    // the pipe is ours alone: nothing else may print into it
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    CheckChild child = new CheckChild(in, out);
    watchdog(args.length > 0 ? Long.parseLong(args[0]) : 2_000);
    // compile once and read each kind of answer once before answering ready, so the first real
    // check does not pay javac's or Jackson's warm-up
    child.compile("state != null");
    warmUp();
    Wire.write(out, Wire.message("ready"));
    try {
      child.serve();
    } catch (EOFException e) {
      // the grader closed the pipe
    }
    System.exit(0);
  }

  private static void warmUp() {
    List<String> none = List.of();
    Wire.JSON.convertValue(
        Wire.JSON.valueToTree(
            List.of(
                new ContainerView(
                    "id",
                    "n",
                    "running",
                    0,
                    "no",
                    0,
                    "i",
                    "sha256:0",
                    none,
                    none,
                    none,
                    none,
                    none))),
        new TypeReference<List<ContainerView>>() {});
    Wire.JSON.convertValue(
        Wire.JSON.valueToTree(new ImageView("id", none, none, none, Map.of(), none, none, 0)),
        ImageView.class);
    Wire.JSON.convertValue(
        Wire.JSON.valueToTree(List.of(new CommandView("node1", "c", "o", 0))),
        new TypeReference<List<CommandView>>() {});
  }

  /** When evaluation began (System.nanoTime), or 0 between checks. */
  private static volatile long evaluatingSince;

  /**
   * The grader ends a child that runs over its limits; this thread ends it too when the grader is
   * gone (killed without closing the pipe) or has failed to end a check long past its limit.
   */
  private static void watchdog(long wallMillis) {
    ProcessHandle grader = ProcessHandle.current().parent().orElse(null);
    long grace = (4 * wallMillis + 5_000) * 1_000_000L;
    Thread t =
        new Thread(
            () -> {
              while (true) {
                long since = evaluatingSince;
                if ((grader != null && !grader.isAlive())
                    || (since != 0 && System.nanoTime() - since > grace)) {
                  Runtime.getRuntime().halt(1);
                }
                try {
                  Thread.sleep(250);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "ddlab-check-watchdog");
    t.setDaemon(true);
    t.start();
  }

  private void serve() throws IOException {
    while (true) {
      JsonNode request = Wire.read(in, Wire.GRADER_FRAME_LIMIT);
      String op = request.path("op").asText();
      String expr = request.path("expr").asText();
      Object compiledCheck = compile(expr);
      if (compiledCheck instanceof String problem) {
        Wire.write(out, error("compile", problem));
        continue;
      }
      if (op.equals("compile")) {
        Wire.write(out, Wire.message("compiled"));
        continue;
      }
      @SuppressWarnings("unchecked")
      Predicate<LabState> check = (Predicate<LabState>) compiledCheck;
      Wire.write(out, Wire.message("started"));
      ObjectNode answer;
      evaluatingSince = System.nanoTime();
      try {
        boolean value = check.test(new RemoteState());
        answer = Wire.message("result").put("value", value);
      } catch (Throwable t) {
        answer = failure(t);
      }
      if (!quiescent()) {
        answer = error("background", "");
      }
      evaluatingSince = 0;
      Wire.write(out, answer);
    }
  }

  private static boolean quiescent() {
    ForkJoinPool pool = ForkJoinPool.commonPool();
    long deadline = System.nanoTime() + QUIESCENCE_MILLIS * 1_000_000;
    while (!pool.isQuiescent()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        return false;
      }
    }
    return true;
  }

  /**
   * What a throwable says, from safe data only: a class the check defined itself is named and
   * nothing of it is called; a JDK throwable's class and JDK-made message are read.
   */
  private static ObjectNode failure(Throwable t) {
    Class<?> type = t.getClass();
    if (type.getClassLoader() != null) {
      return error("own", type.getName());
    }
    String message = t.getMessage();
    if (t instanceof LinkageError) {
      return error("unavailable", message == null ? type.getName() : message.replace('/', '.'));
    }
    return error("threw", type.getName() + (message == null ? "" : ": " + message));
  }

  private static ObjectNode error(String kind, String message) {
    return Wire.message("error").put("kind", kind).put("message", Wire.cut(message));
  }

  /** The compiled predicate, or why it does not compile (a String). */
  private Object compile(String expression) {
    return compiled.computeIfAbsent(
        expression,
        e -> {
          try {
            return doCompile(e);
          } catch (JavaCheckException x) {
            return x.getMessage();
          }
        });
  }

  private Predicate<LabState> doCompile(String expression) throws JavaCheckException {
    String var = "check$" + (++counter);
    String source =
        "java.util.function.Predicate<dev.ddlab.grader.state.LabState> "
            + var
            + " = state -> ("
            + expression
            + ");";
    SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(source);
    if (info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE
        || !info.remaining().isBlank()) {
      throw new JavaCheckException("a java check is exactly one expression");
    }
    List<SnippetEvent> events = shell.eval(source);
    List<String> problems = new ArrayList<>();
    for (SnippetEvent e : events) {
      shell
          .diagnostics(e.snippet())
          .filter(Diag::isError)
          .forEach(d -> problems.add(d.getMessage(Locale.ROOT)));
      if (e.exception() != null) {
        problems.add(String.valueOf(e.exception().getMessage()));
      }
      if (e.status() != null && !e.status().isActive() && problems.isEmpty()) {
        problems.add("rejected by JShell: " + e.status());
      }
    }
    if (!problems.isEmpty()) {
      throw new JavaCheckException(
          problems.stream().map(String::strip).collect(Collectors.joining("; ")));
    }
    synchronized (defined) {
      for (Class<?> c : defined.values()) {
        try {
          Field f = c.getField(var);
          if (Modifier.isStatic(f.getModifiers())) {
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            Predicate<LabState> p = (Predicate<LabState>) f.get(null);
            if (p != null) {
              return p;
            }
          }
        } catch (NoSuchFieldException ignored) {
          // another snippet's class
        } catch (ReflectiveOperationException | LinkageError e) {
          throw new JavaCheckException("cannot read the compiled check: " + e.getClass().getName());
        }
      }
    }
    throw new JavaCheckException("the compiled check was not found");
  }

  /** The state as the grader answers it, one question per call. */
  private final class RemoteState implements LabState {
    private JsonNode ask(String method, String... args) {
      ObjectNode q = Wire.message("query").put("method", method);
      ArrayNode a = q.putArray("args");
      for (String arg : args) {
        a.add(arg);
      }
      synchronized (CheckChild.this) {
        try {
          Wire.write(out, q);
          JsonNode answer = Wire.read(in, Wire.GRADER_FRAME_LIMIT);
          if (answer.has("error")) {
            throw new IllegalStateException(answer.path("error").asText());
          }
          return answer.path("value");
        } catch (IOException e) {
          // the grader is gone: nothing left to answer to
          System.exit(0);
          throw new IllegalStateException(e);
        }
      }
    }

    private <T> T as(JsonNode value, TypeReference<T> type) {
      JavaType t = Wire.JSON.getTypeFactory().constructType(type);
      return Wire.JSON.convertValue(value, t);
    }

    private <T> Optional<T> optional(JsonNode value, Class<T> type) {
      return value == null || value.isNull() || value.isMissingNode()
          ? Optional.empty()
          : Optional.of(Wire.JSON.convertValue(value, type));
    }

    @Override
    public List<String> nodes() {
      return List.copyOf(as(ask("nodes"), new TypeReference<List<String>>() {}));
    }

    @Override
    public Optional<ContainerView> container(String node, String nameOrId) {
      return optional(ask("container", node, nameOrId), ContainerView.class);
    }

    @Override
    public List<ContainerView> containers(String node) {
      return List.copyOf(as(ask("containers", node), new TypeReference<List<ContainerView>>() {}));
    }

    @Override
    public Optional<ImageView> image(String node, String referenceOrId) {
      return optional(ask("image", node, referenceOrId), ImageView.class);
    }

    @Override
    public List<ImageView> images(String node) {
      return List.copyOf(as(ask("images", node), new TypeReference<List<ImageView>>() {}));
    }

    @Override
    public Optional<String> containerFile(String node, String container, String path) {
      return optional(ask("containerFile", node, container, path), String.class);
    }

    @Override
    public Optional<String> hostFile(String node, String path) {
      return optional(ask("hostFile", node, path), String.class);
    }

    @Override
    public Optional<String> networkDriver(String node, String name) {
      return optional(ask("networkDriver", node, name), String.class);
    }

    @Override
    public boolean volumeExists(String node, String name) {
      return ask("volumeExists", node, name).asBoolean();
    }

    @Override
    public SwarmStatus swarm(String node) {
      return as(ask("swarm", node), new TypeReference<SwarmStatus>() {});
    }

    @Override
    public List<ServiceView> services(String node) {
      return List.copyOf(as(ask("services", node), new TypeReference<List<ServiceView>>() {}));
    }

    @Override
    public List<TaskView> tasks(String node) {
      return List.copyOf(as(ask("tasks", node), new TypeReference<List<TaskView>>() {}));
    }

    @Override
    public List<SwarmNodeView> swarmNodes(String node) {
      return List.copyOf(as(ask("swarmNodes", node), new TypeReference<List<SwarmNodeView>>() {}));
    }

    @Override
    public List<CommandView> transcript() {
      return List.copyOf(as(ask("transcript"), new TypeReference<List<CommandView>>() {}));
    }
  }

  /** LocalExecutionControl over the sandbox loader. */
  private final class Provider implements ExecutionControlProvider {
    @Override
    public String name() {
      return "ddlab-sandbox";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      return new LocalExecutionControl(new Delegate());
    }
  }

  private final class Delegate implements LoaderDelegate {
    @Override
    public void load(ClassBytecodes[] cbcs) throws ExecutionControl.ClassInstallException {
      boolean[] installed = new boolean[cbcs.length];
      for (ClassBytecodes c : cbcs) {
        loader.add(c.name(), c.bytecodes());
      }
      int i = 0;
      try {
        for (ClassBytecodes c : cbcs) {
          Class<?> k = loader.loadClass(c.name());
          synchronized (defined) {
            defined.put(c.name(), k);
          }
          installed[i++] = true;
        }
      } catch (ClassNotFoundException | LinkageError e) {
        throw new ExecutionControl.ClassInstallException(
            "cannot load: " + e.getClass().getName(), installed);
      }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {}

    @Override
    public void addToClasspath(String path) {
      // java checks see only the state API
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
      synchronized (defined) {
        Class<?> c = defined.get(name);
        if (c != null) {
          return c;
        }
      }
      return loader.loadClass(name);
    }
  }
}
