package dev.ddlab.grader.jshell;

import dev.ddlab.grader.check.CheckOutcome;
import dev.ddlab.grader.check.JavaCheck;
import dev.ddlab.grader.state.LabState;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Runs lab authors' {@code java:} checks with the JDK's JShell. Each expression is compiled once by
 * JShell into a {@code Predicate<LabState>} over a variable named {@code state}; its classes are
 * defined by a {@link SandboxLoader}, so the expression links only against the read-only state API
 * and plain JDK values. Each evaluation runs on its own thread and is stopped after the time limit.
 * Submissions never contain Java: only the lab YAML does.
 */
public final class JShellChecks implements JavaCheck, AutoCloseable {
  private final Duration limit;
  private final SandboxLoader loader = new SandboxLoader(JShellChecks.class.getClassLoader());
  private final Map<String, Class<?>> defined = new HashMap<>();
  private final Map<String, Object> compiled = new HashMap<>();
  private JShell shell;
  private int counter;

  public JShellChecks(Duration limit) {
    this.limit = limit;
  }

  public JShellChecks() {
    this(Duration.ofSeconds(2));
  }

  /** Compiles an expression, or explains in English why it does not compile. */
  public synchronized Predicate<LabState> compile(String expression) throws JavaCheckException {
    Object cached = compiled.get(expression);
    if (cached instanceof JavaCheckException e) {
      throw e;
    }
    if (cached != null) {
      @SuppressWarnings("unchecked")
      Predicate<LabState> p = (Predicate<LabState>) cached;
      return p;
    }
    try {
      Predicate<LabState> p = doCompile(expression);
      compiled.put(expression, p);
      return p;
    } catch (JavaCheckException e) {
      compiled.put(expression, e);
      throw e;
    }
  }

  private Predicate<LabState> doCompile(String expression) throws JavaCheckException {
    String var = "check$" + (++counter);
    String source =
        "java.util.function.Predicate<dev.ddlab.grader.state.LabState> "
            + var
            + " = state -> ("
            + expression
            + ");";
    JShell js = shell();
    SourceCodeAnalysis.CompletionInfo info = js.sourceCodeAnalysis().analyzeCompletion(source);
    if (info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE
        || !info.remaining().isBlank()) {
      throw new JavaCheckException("a java check is exactly one expression");
    }
    List<SnippetEvent> events = js.eval(source);
    List<String> problems = new ArrayList<>();
    for (SnippetEvent e : events) {
      js.diagnostics(e.snippet())
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
          throw new JavaCheckException("cannot read the compiled check: " + e);
        }
      }
    }
    throw new JavaCheckException("the compiled check was not found");
  }

  @Override
  public CheckOutcome evaluate(String expression, LabState state) {
    Predicate<LabState> p;
    try {
      p = compile(expression);
    } catch (JavaCheckException e) {
      return CheckOutcome.fail("java check does not compile: " + e.getMessage());
    }
    Object[] result = new Object[1];
    Thread worker =
        new Thread(
            () -> {
              try {
                result[0] = p.test(state);
              } catch (LinkageError e) {
                result[0] =
                    new IllegalAccessError("not available to java checks: " + e.getMessage());
              } catch (Throwable e) {
                result[0] = e;
              }
            },
            "ddlab-java-check");
    worker.setDaemon(true);
    worker.start();
    try {
      worker.join(limit.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      stop(worker);
      return CheckOutcome.fail("java check timed out after " + limit.toMillis() + " ms");
    }
    Object r = result[0];
    if (r instanceof Boolean b) {
      return b ? CheckOutcome.PASS : CheckOutcome.fail("java check is false: " + expression);
    }
    if (r instanceof Throwable t) {
      return CheckOutcome.fail("java check failed: " + t);
    }
    return CheckOutcome.fail("java check returned " + r);
  }

  /**
   * Thread.stop is the only way to end a runaway expression inside this JVM; the expression holds
   * no locks of ours and can only read the state, so nothing is left half-written.
   */
  @SuppressWarnings({"deprecation", "removal"})
  private static void stop(Thread worker) {
    try {
      worker.stop();
    } catch (UnsupportedOperationException e) {
      // Java 20+: the daemon thread is abandoned; it cannot reach anything but the state.
    }
  }

  private JShell shell() {
    if (shell == null) {
      String cp = System.getProperty("java.class.path");
      shell =
          JShell.builder()
              .executionEngine(new Provider(), Map.of())
              .compilerOptions("-classpath", cp)
              .build();
    }
    return shell;
  }

  @Override
  public synchronized void close() {
    if (shell != null) {
      shell.close();
      shell = null;
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
        throw new ExecutionControl.ClassInstallException("cannot load: " + e, installed);
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
