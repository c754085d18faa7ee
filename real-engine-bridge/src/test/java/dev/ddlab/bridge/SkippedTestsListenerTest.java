package dev.ddlab.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class SkippedTestsListenerTest {
  /** Run only through the launcher below (surefire skips nested classes). */
  static final class Sample {
    @Test
    void runs() {}

    @Test
    @Disabled("waiting for the registry")
    void disabled() {}

    @Test
    void needs_docker() {
      Assumptions.assumeTrue(false, "no dockerd at DDLAB_DOCKER_HOST");
    }
  }

  @Test
  void skipped_and_aborted_tests_are_listed_with_their_reason_at_the_end() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Launcher launcher =
        LauncherFactory.create(
            LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(
                    new SkippedTestsListener(new PrintStream(buf, true, StandardCharsets.UTF_8)))
                .build());
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Sample.class)).build());
    assertEquals(
        "[SKIPPED] 2 test(s):\n"
            + "[SKIPPED]   SkippedTestsListenerTest$Sample.disabled: waiting for the registry\n"
            + "[SKIPPED]   SkippedTestsListenerTest$Sample.needs_docker: Assumption failed: no"
            + " dockerd at DDLAB_DOCKER_HOST\n",
        buf.toString(StandardCharsets.UTF_8));
  }
}
