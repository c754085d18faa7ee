package dev.ddlab.bridge.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.bridge.RealDocker;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.dto.ContainerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge's attach stream holds a bounded buffer for its client, as the simulator's does: while
 * nobody reads, the reader thread stops taking the daemon's stream, so the daemon (and the process,
 * once the socket buffers are full) waits; {@code docker run busybox yes} on a server no longer
 * holds everything it printed. Reading goes on where it stopped, closing ends a stream that waits.
 * On the private dockerd (DDLAB_DOCKER_HOST).
 */
class StreamAttachmentBoundTest {
  private RealEngine engine;
  private String id;

  @BeforeEach
  void open() {
    engine = RealDocker.engineOrSkip();
  }

  @AfterEach
  void cleanUp() {
    if (engine == null) {
      return; // skipped: no daemon
    }
    if (id != null) {
      engine.containers().remove(id, true, false);
    }
    engine.close();
  }

  private Attachment start(String... cmd) {
    id =
        engine
            .containers()
            .create(null, ContainerConfig.command("alpine", List.of(cmd)), null, null, null)
            .id();
    Attachment a = engine.containers().attach(id, false);
    engine.containers().start(id);
    return a;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void a_client_that_does_not_read_holds_a_bounded_buffer_and_the_stream_waits() {
    StreamAttachment a = (StreamAttachment) start("yes");
    sleep(2000);
    int held = a.held();
    System.gc();
    Runtime rt = Runtime.getRuntime();
    System.out.println(
        "held after 2 s unread: "
            + held
            + " bytes; heap used after GC: "
            + (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024)
            + " MiB");
    assertTrue(held <= StreamAttachment.CAPACITY, "held " + held + " bytes");
    assertTrue(held > 0, "the stream came");
    assertFalse(a.isClosed());
    // reading goes on where it stopped, and the stream keeps coming
    int total = 0;
    for (int i = 0; i < 50 && total <= 4 * StreamAttachment.CAPACITY; i++) {
      total += a.read().length();
      sleep(20);
    }
    assertTrue(total > 4 * StreamAttachment.CAPACITY, "read " + total);
    assertTrue(a.held() <= StreamAttachment.CAPACITY);
    // closing a stream whose reader waits ends it
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          a.close();
          assertTrue(a.isClosed());
          while (!a.readerEnded()) {
            sleep(10);
          }
        });
  }

  @Test
  void follow_hands_on_everything_while_the_buffer_stays_bounded() {
    Attachment a = start("seq", "1", "200000");
    StringBuilder lines = new StringBuilder();
    int[] biggest = {0};
    boolean exited =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () ->
                a.follow(
                    Duration.ofSeconds(50),
                    text -> {
                      biggest[0] = Math.max(biggest[0], text.length());
                      lines.append(text);
                    }));
    assertTrue(exited);
    assertEquals(0, a.exitCode());
    assertEquals(200000, lines.toString().split("\n").length);
    assertTrue(lines.toString().endsWith("199999\n200000\n"));
    assertTrue(biggest[0] <= StreamAttachment.CAPACITY, "one read held " + biggest[0]);
  }
}
