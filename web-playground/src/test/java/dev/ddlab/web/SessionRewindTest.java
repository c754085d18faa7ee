package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.web.panel.Panels;
import dev.ddlab.web.session.Client;
import dev.ddlab.web.session.SessionFactories;
import dev.ddlab.web.session.SessionFactory;
import dev.ddlab.web.session.SessionManager;
import dev.ddlab.web.session.WebSession;
import dev.ddlab.web.term.Repls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The time bar's rewind on a web session: back to just before an input or to a moment, the
 * terminal's screen as it was then, the later inputs kept until an input forks the timeline; a real
 * engine's session refuses in Vietnamese.
 */
class SessionRewindTest {
  private static final Instant WALL = Instant.parse("2026-12-06T19:00:00Z");
  private SessionManager sessions;

  private static final class Tab implements Client {
    final List<JsonNode> got = new CopyOnWriteArrayList<>();
    final Set<String> panels = new HashSet<>();

    @Override
    public void send(String json) {
      got.add(Json.read(json));
    }

    @Override
    public Set<String> panels() {
      return panels;
    }

    @Override
    public void close(int code, String reason) {}

    JsonNode last(String type) {
      for (int i = got.size() - 1; i >= 0; i--) {
        if (got.get(i).path("type").asText().equals(type)) {
          return got.get(i);
        }
      }
      throw new AssertionError("no " + type + " message in " + got);
    }
  }

  private WebSession open(SessionFactory factory) {
    sessions =
        new SessionManager(
            PlaygroundConfig.defaults()
                .withSessions(4, Duration.ofHours(4), Duration.ofMinutes(30)),
            factory,
            Repls.shell(),
            Panels.discover(),
            Clock.fixed(WALL, ZoneOffset.UTC));
    WebSession s = sessions.create("single");
    // the terminal's REPL runs on its own thread: let it print its first prompt before the test
    // types, so that prompt does not land after a rewind's screen
    await(() -> !s.terminal("node1").scrollback().isEmpty());
    return s;
  }

  @AfterEach
  void close() {
    if (sessions != null) {
      sessions.close();
    }
  }

  private static void rewind(WebSession s, Tab tab, String args) {
    s.onMessage(tab, Json.read("{\"type\":\"time\",\"action\":\"rewind\"," + args + "}"), WALL);
  }

  @Test
  void rewinding_before_an_input_shows_the_screen_of_then_and_an_input_forks_the_timeline() {
    WebSession s = open(SessionFactories.forEngine("sim"));
    Tab tab = new Tab();
    s.connect(tab, WALL);
    s.session().type("node1", "echo một");
    s.session().type("node1", "touch a");
    s.session().advance(Duration.ofSeconds(5));
    s.session().type("node1", "echo hai && touch b");
    JsonNode timeline = tab.last("timeline");
    assertTrue(timeline.path("rewindable").asBoolean(), timeline.toString());
    assertEquals(3, timeline.path("inputs").size(), timeline.toString());
    int before = timeline.path("inputs").get(2).path("index").asInt();
    assertEquals("gõ: echo hai && touch b", timeline.path("inputs").get(2).path("label").asText());

    rewind(s, tab, "\"before\":" + before);

    JsonNode answer = tab.last("rewind");
    assertTrue(answer.path("ok").asBoolean(), answer.toString());
    assertTrue(answer.path("message").asText().startsWith("Đã tua về "), answer.toString());
    assertTrue(tab.last("time").path("paused").asBoolean(), "paused after a rewind");
    // the REPL draws the present prompt under the replayed screen on its own thread
    await(() -> s.terminal("node1").scrollback().endsWith("ubuntu@node1:~$ "));
    String screen = s.terminal("node1").scrollback();
    assertTrue(screen.startsWith("ubuntu@node1:~$ echo một\r\nmột\r\n"), screen);
    assertFalse(screen.contains("hai"), screen);
    assertTrue(screen.endsWith("ubuntu@node1:~$ "), screen);
    assertEquals(
        4, screen.split("ubuntu@node1:~\\$ ", -1).length, "two lines and one prompt: " + screen);
    assertTrue(
        tab.got.stream()
            .anyMatch(
                m ->
                    m.path("type").asText().equals("output")
                        && m.path("replay").asBoolean()
                        && m.path("data").asText().contains("echo một")),
        "the regenerated screen went out as a replay");
    assertEquals(1, tab.last("timeline").path("dropped").asInt(), "the later input is kept");

    assertEquals("a\n", s.session().type("node1", "ls -1").output());
    assertEquals(0, tab.last("timeline").path("dropped").asInt(), "typing forked the timeline");
  }

  @Test
  void rewinding_to_a_moment_lands_between_inputs_and_can_move_forward_again_before_a_fork() {
    WebSession s = open(SessionFactories.forEngine("sim"));
    Tab tab = new Tab();
    s.connect(tab, WALL);
    s.session().type("node1", "touch a");
    s.session().advance(Duration.ofSeconds(10));
    s.session().type("node1", "touch b");
    rewind(s, tab, "\"atMs\":4000");
    assertTrue(tab.last("rewind").path("ok").asBoolean(), tab.last("rewind").toString());
    Instant start = Instant.parse(tab.last("hello").path("timeline").path("start").asText());
    assertEquals(
        start.plusSeconds(4),
        Instant.parse(tab.last("time").path("now").asText()),
        "four virtual seconds after the start");
    double end = tab.last("timeline").path("endMs").asDouble();
    assertTrue(end >= 10_000, "the kept timeline reaches its end: " + end);
    rewind(s, tab, "\"atMs\":" + end);
    assertTrue(tab.last("rewind").path("ok").asBoolean(), tab.last("rewind").toString());
    assertEquals("a\nb\n", s.session().type("node1", "ls -1").output());
    rewind(s, tab, "\"atMs\":99999999");
    assertEquals("Thời điểm này nằm ngoài phiên.", tab.last("rewind").path("message").asText());
  }

  @Test
  void a_lab_started_in_the_panel_stays_attached_across_a_rewind() {
    WebSession s = open(SessionFactories.forEngine("sim"));
    Tab tab = new Tab();
    s.connect(tab, WALL);
    s.onMessage(tab, Json.read("{\"type\":\"panel.open\",\"panel\":\"lab\"}"), WALL);
    String start =
        "{\"type\":\"panel.request\",\"panel\":\"lab\",\"id\":1,"
            + "\"args\":{\"op\":\"start\",\"lab\":\"p2-engine\"}}";
    s.onMessage(tab, Json.read(start), WALL);
    assertEquals(
        "p2-engine", tab.last("panel.answer").path("data").path("active").path("id").asText());
    s.session().type("node1", "docker ps");
    rewind(s, tab, "\"before\":0");
    assertTrue(tab.last("rewind").path("ok").asBoolean(), tab.last("rewind").toString());
    assertEquals(
        "p2-engine",
        tab.last("panel.snapshot").path("data").path("active").path("id").asText(),
        "the lab panel's snapshot after the rewind still has the lab");
  }

  /** Spins until {@code done} or 30 s (the terminal's REPL answers on its own thread). */
  private static void await(java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  @Test
  void a_terminal_attached_to_a_container_shell_shows_the_host_prompt_after_a_rewind_before_it() {
    WebSession s = open(SessionFactories.forEngine("sim"));
    Tab tab = new Tab();
    s.connect(tab, WALL);
    s.terminal("node1").input("docker run -it alpine sh\r");
    await(() -> s.terminal("node1").scrollback().endsWith("/ # "));
    assertTrue(s.terminal("node1").scrollback().endsWith("/ # "), s.terminal("node1").scrollback());
    rewind(s, tab, "\"before\":0");
    await(() -> s.terminal("node1").scrollback().endsWith("ubuntu@node1:~$ "));
    String screen = s.terminal("node1").scrollback();
    assertTrue(screen.endsWith("ubuntu@node1:~$ "), screen);
    assertFalse(screen.contains("/ # "), screen);
    s.terminal("node1").input("echo back-on-the-host\r");
    await(() -> s.terminal("node1").scrollback().contains("back-on-the-host\r\n"));
    assertEquals("ubuntu@node1:~$ ", s.session().transcript().get(0).prompt());
  }

  /** What the node routes do (the editor's save, a port chip) reaches the recording. */
  @Test
  void the_editors_writes_and_port_chips_are_inputs_of_the_timeline() {
    WebSession s = open(SessionFactories.forEngine("sim"));
    Tab tab = new Tab();
    s.connect(tab, WALL);
    s.withLock(
        () -> {
          s.rawNode("node1")
              .hostFs()
              .write("/home/ubuntu/Dockerfile", "FROM alpine\n".getBytes(), false);
          try {
            s.rawNode("node1").publishedPort(8080, "/");
          } catch (dev.ddlab.session.PortUnreachable e) {
            // nothing listens: still an input
          }
          return null;
        });
    List<String> labels = new java.util.ArrayList<>();
    tab.last("timeline").path("inputs").forEach(i -> labels.add(i.path("label").asText()));
    assertEquals(List.of("sửa tệp /home/ubuntu/Dockerfile", "mở cổng 8080"), labels);
  }

  /** The simulated factory whose replays (every open after the first) wait for {@code go}. */
  private static SessionFactory heldReplays(
      java.util.concurrent.CountDownLatch replaying, java.util.concurrent.CountDownLatch go) {
    SessionFactory sim = SessionFactories.forEngine("sim");
    java.util.concurrent.atomic.AtomicInteger opens =
        new java.util.concurrent.atomic.AtomicInteger();
    return new SessionFactory() {
      @Override
      public List<dev.ddlab.web.session.SessionTemplate> templates() {
        return sim.templates();
      }

      @Override
      public dev.ddlab.session.Session open(String template, long seed) {
        if (opens.getAndIncrement() > 0) {
          replaying.countDown();
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return sim.open(template, seed);
      }

      @Override
      public String engineKind() {
        return sim.engineKind();
      }
    };
  }

  @Test
  void a_line_typed_while_a_rewind_replays_is_applied_after_it_not_lost() throws Exception {
    java.util.concurrent.CountDownLatch replaying = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    WebSession s = open(heldReplays(replaying, go));
    Tab tab = new Tab();
    s.connect(tab, WALL);
    s.session().type("node1", "touch a");
    s.session().type("node1", "touch b");
    Thread rewinder = new Thread(() -> rewind(s, tab, "\"before\":1"));
    rewinder.start();
    replaying.await();
    // typed while the replay runs off the lock: it must wait for the replayed session
    Thread typist = new Thread(() -> s.session().type("node1", "touch typed"));
    typist.start();
    await(() -> typist.getState() == Thread.State.WAITING || !typist.isAlive());
    go.countDown();
    rewinder.join();
    typist.join();
    assertTrue(tab.last("rewind").path("ok").asBoolean(), tab.last("rewind").toString());
    assertEquals("a\ntyped\n", s.session().type("node1", "ls -1").output());
  }

  @Test
  void a_real_engines_session_refuses_to_rewind_in_vietnamese() {
    WebSession s = open(EchoSession.factory());
    Tab tab = new Tab();
    s.connect(tab, WALL);
    assertFalse(tab.last("hello").path("timeline").path("rewindable").asBoolean());
    rewind(s, tab, "\"before\":0");
    JsonNode answer = tab.last("rewind");
    assertFalse(answer.path("ok").asBoolean());
    assertTrue(
        answer.path("message").asText().contains("một daemon thật không thể quay ngược thời gian"),
        answer.toString());
  }
}
