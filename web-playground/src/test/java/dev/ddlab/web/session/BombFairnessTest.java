package dev.ddlab.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.web.PlaygroundConfig;
import dev.ddlab.web.term.Repls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One session's fork bomb leaves another's answers and time as they are: sessions take only their
 * own lock, the server's beat skips (and owes) a busy session instead of waiting for it, and the
 * bomb ends at its pids limit. Steps and virtual time are compared, never wall time.
 */
class BombFairnessTest {
  private static final String BOMB = ":(){ :|:& };:";

  private static SessionManager manager() {
    PlaygroundConfig config =
        PlaygroundConfig.defaults().withSessions(10, Duration.ofHours(4), Duration.ofMinutes(30));
    return new SessionManager(
        config,
        SessionFactories.forEngine("sim"),
        Repls.shell(),
        List.of(),
        Clock.fixed(Instant.parse("2026-12-05T14:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void a_session_held_by_a_long_command_does_not_hold_up_another_sessions_commands_or_time()
      throws Exception {
    SessionManager sessions = manager();
    WebSession busy = sessions.create("single");
    WebSession normal = sessions.create("single");
    long normalStart = normal.session().nowNanos();
    long busyStart = busy.session().nowNanos();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> longCommand =
        CompletableFuture.runAsync(
            () ->
                busy.withLock(
                    () -> {
                      held.countDown();
                      try {
                        release.await(2, TimeUnit.MINUTES);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return null;
                    }));
    assertTrue(held.await(2, TimeUnit.MINUTES));
    sessions.tick(Duration.ofSeconds(1).toNanos());
    assertEquals("hi\n", normal.session().type("node1", "echo hi").output());
    assertEquals(Duration.ofSeconds(1).toNanos(), normal.session().nowNanos() - normalStart);
    release.countDown();
    longCommand.get(2, TimeUnit.MINUTES);
    assertEquals(busyStart, busy.session().nowNanos(), "the busy session's second is owed");
    sessions.tick(Duration.ofMillis(10).toNanos());
    assertEquals(
        Duration.ofMillis(1010).toNanos(),
        busy.session().nowNanos() - busyStart,
        "and paid at the next beat");
  }

  @Test
  void a_fork_bomb_ends_and_leaves_the_other_sessions_answers_and_time_unchanged() {
    SessionManager sessions = manager();
    WebSession bomb = sessions.create("single");
    WebSession normal = sessions.create("single");
    TranscriptEntry before = normal.session().type("node1", "docker ps -a");
    long t0 = normal.session().nowNanos();
    TranscriptEntry boom = bomb.session().type("node1", BOMB);
    assertTrue(boom.output().contains("bash: fork: Resource temporarily unavailable"));
    assertEquals("ubuntu@node1:~$ ", bomb.session().prompt("node1"));
    TranscriptEntry after = normal.session().type("node1", "docker ps -a");
    assertEquals(before.output(), after.output());
    assertEquals(t0, normal.session().nowNanos(), "the bomb moved no other session's clock");
  }
}
