package dev.ddlab.bridge;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Lists every skipped test with its reason on the console when a test run ends (registered with
 * {@code META-INF/services}, so the modules that use this test kit get it too): disabled tests and
 * tests whose assumption failed (no real dockerd, no browser). Surefire only counts them; the
 * reason would otherwise be in the XML reports alone.
 */
public final class SkippedTestsListener implements TestExecutionListener {
  private final PrintStream out;
  private final List<String> skipped = new ArrayList<>();

  public SkippedTestsListener() {
    this(System.out);
  }

  SkippedTestsListener(PrintStream out) {
    this.out = out;
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    skipped.add(name(test) + ": " + reason);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      String reason = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
      skipped.add(name(test) + ": " + reason);
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    if (skipped.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder("[SKIPPED] ").append(skipped.size()).append(" test(s):\n");
    for (String s : skipped) {
      b.append("[SKIPPED]   ").append(s).append('\n');
    }
    out.print(b);
    out.flush();
    skipped.clear();
  }

  private static String name(TestIdentifier test) {
    return test.getSource()
        .map(
            s -> {
              if (s instanceof MethodSource m) {
                return simple(m.getClassName()) + "." + m.getMethodName();
              }
              if (s instanceof ClassSource c) {
                return simple(c.getClassName());
              }
              return test.getDisplayName();
            })
        .orElse(test.getDisplayName());
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
