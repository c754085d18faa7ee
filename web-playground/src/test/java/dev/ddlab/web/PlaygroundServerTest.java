package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.session.Session;
import dev.ddlab.web.lesson.LessonLibrary;
import dev.ddlab.web.panel.TopologyPanel;
import dev.ddlab.web.session.SessionFactory;
import dev.ddlab.web.session.SessionManager;
import dev.ddlab.web.session.SessionTemplate;
import dev.ddlab.web.term.Repls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlaygroundServerTest {
  private final MutableClock clock = new MutableClock();
  private final List<EchoSession> opened = new ArrayList<>();
  private PlaygroundServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  private PlaygroundServer start(int maxSessions) {
    SessionFactory factory =
        new SessionFactory() {
          @Override
          public List<SessionTemplate> templates() {
            return List.of(
                new SessionTemplate("single", "1 node", "Một node Docker.", true, null),
                new SessionTemplate(
                    "swarm-3m3w",
                    "3 manager + 3 worker",
                    "mgr1–3, wrk1–3",
                    false,
                    "Cần Swarm, sẽ mở khi ddlab có Swarm."));
          }

          @Override
          public Session open(String template, long seed) {
            EchoSession s = new EchoSession();
            opened.add(s);
            return s;
          }

          @Override
          public String engineKind() {
            return "sim";
          }
        };
    PlaygroundConfig config =
        PlaygroundConfig.defaults()
            .withAddress("127.0.0.1", 0)
            .withSessions(maxSessions, Duration.ofHours(4), Duration.ofMinutes(30));
    SessionManager sessions =
        new SessionManager(config, factory, Repls.shell(), List.of(new TopologyPanel()), clock);
    server =
        new PlaygroundServer(
                sessions,
                new LessonLibrary(
                    Map.of(
                        "01-intro", "# Mở đầu\n\nChạy:\n\n```bash\ndocker run hello-world\n```\n")))
            .start();
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    if (cookie != null) {
      b.header("Cookie", PlaygroundServer.COOKIE + "=" + cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form, String cookie) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (cookie != null) {
      b.header("Cookie", PlaygroundServer.COOKIE + "=" + cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  /** Opens a session through the start form and returns its cookie. */
  private String newSession() throws Exception {
    HttpResponse<String> r = post("/session", "template=single", null);
    assertEquals(303, r.statusCode());
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(setCookie.contains("HttpOnly"), setCookie);
    return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
  }

  @Test
  void start_page_offers_templates_and_disables_those_needing_swarm() throws Exception {
    start(5);
    HttpResponse<String> r = get("/", null);
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("Bắt đầu phiên"));
    assertTrue(r.body().contains("value=\"single\" checked"));
    assertTrue(r.body().contains("value=\"swarm-3m3w\" disabled"));
    assertTrue(r.body().contains("Cần Swarm, sẽ mở khi ddlab có Swarm."));
    assertTrue(r.body().contains("khởi động lại máy\n  chủ là mất") || r.body().contains("mất"));
  }

  @Test
  void a_new_session_sets_a_cookie_and_serves_the_playground_page() throws Exception {
    start(5);
    String cookie = newSession();
    HttpResponse<String> page = get("/", cookie);
    assertTrue(page.body().contains("id=\"terminals\""), page.body());
    JsonNode info = Json.read(get("/api/session", cookie).body());
    assertEquals("single", info.path("template").asText());
    assertEquals("node1", info.path("nodes").get(0).path("name").asText());
    assertEquals("192.168.0.11", info.path("nodes").get(0).path("address").asText());
  }

  @Test
  void a_full_server_answers_het_cho_with_when_to_retry() throws Exception {
    start(1);
    newSession();
    clock.advance(Duration.ofMinutes(5));
    HttpResponse<String> r = post("/session", "template=single", null);
    assertEquals(503, r.statusCode());
    assertTrue(r.body().contains("Hết chỗ"));
    // the only session goes idle 25 minutes from now: the page and the header say so
    assertTrue(r.body().contains("25 phút"), r.body());
    assertEquals("1500", r.headers().firstValue("Retry-After").orElseThrow());
  }

  @Test
  void an_unavailable_template_is_refused_with_its_note() throws Exception {
    start(5);
    HttpResponse<String> r = post("/session", "template=swarm-3m3w", null);
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("Cần Swarm"));
  }

  @Test
  void hello_lists_nodes_panels_and_limits() throws Exception {
    start(5);
    try (WsProbe ws = new WsProbe(server.port(), newSession())) {
      JsonNode hello = ws.awaitType("hello");
      assertEquals("node1", hello.path("nodes").get(0).path("name").asText());
      assertEquals("topology", hello.path("panels").get(0).path("id").asText());
      assertEquals(6, hello.path("limits").path("maxNodes").asInt());
      assertEquals(4 * 3600, hello.path("session").path("remainingSeconds").asInt());
    }
  }

  @Test
  void a_typed_line_runs_in_the_session_and_its_output_streams_back() throws Exception {
    start(5);
    try (WsProbe ws = new WsProbe(server.port(), newSession())) {
      ws.awaitType("hello");
      ws.awaitOutput("node1", "[node1] $ ");
      ws.send("{\"type\":\"input\",\"node\":\"node1\",\"data\":\"echo xin chào\\r\"}");
      String out = ws.awaitOutput("node1", "xin chào\r\n");
      assertTrue(out.contains("echo xin chào"), "the line is echoed as typed: " + out);
      assertEquals("echo xin chào", opened.get(0).transcript().get(0).command());
    }
  }

  @Test
  void tab_completes_from_the_session() throws Exception {
    start(5);
    try (WsProbe ws = new WsProbe(server.port(), newSession())) {
      ws.awaitOutput("node1", "$ ");
      ws.send("{\"type\":\"input\",\"node\":\"node1\",\"data\":\"doc\\t\"}");
      ws.awaitOutput("node1", "docker");
    }
  }

  @Test
  void ctrl_c_interrupts_the_nodes_terminal() throws Exception {
    start(5);
    try (WsProbe ws = new WsProbe(server.port(), newSession())) {
      ws.awaitOutput("node1", "$ ");
      ws.send("{\"type\":\"input\",\"node\":\"node1\",\"data\":\"sleep 100\\u0003\"}");
      ws.awaitOutput("node1", "interrupted");
      assertEquals(List.of("node1"), opened.get(0).interrupts);
    }
  }

  @Test
  void reconnecting_replays_the_scrollback() throws Exception {
    start(5);
    String cookie = newSession();
    try (WsProbe ws = new WsProbe(server.port(), cookie)) {
      ws.awaitOutput("node1", "$ ");
      ws.send("{\"type\":\"input\",\"node\":\"node1\",\"data\":\"echo nhớ tôi\\r\"}");
      ws.awaitOutput("node1", "nhớ tôi\r\n");
    }
    try (WsProbe again = new WsProbe(server.port(), cookie)) {
      JsonNode replay = again.await(m -> m.path("replay").asBoolean());
      assertTrue(replay.path("data").asText().contains("nhớ tôi\r\n"), replay.toString());
    }
  }

  @Test
  void a_socket_without_a_session_is_told_why_and_closed() throws Exception {
    start(5);
    try (WsProbe ws = new WsProbe(server.port(), "nope")) {
      JsonNode closed = ws.awaitType("closed");
      assertTrue(closed.path("reason").asText().contains("Tải lại trang"));
    }
  }

  @Test
  void nodes_can_be_added_up_to_the_cap_and_removed() throws Exception {
    start(5);
    String cookie = newSession();
    try (WsProbe ws = new WsProbe(server.port(), cookie)) {
      ws.awaitType("hello");
      for (int i = 2; i <= 6; i++) {
        HttpResponse<String> r = post("/api/nodes", "", cookie);
        assertEquals(201, r.statusCode());
        assertEquals("node" + i, Json.read(r.body()).path("node").asText());
      }
      HttpResponse<String> over = post("/api/nodes", "", cookie);
      assertEquals(409, over.statusCode());
      assertTrue(Json.read(over.body()).path("message").asText().contains("tối đa 6 node"));
      JsonNode nodes =
          ws.await(m -> m.path("type").asText().equals("nodes") && m.path("nodes").size() == 6);
      assertEquals("192.168.0.16", nodes.path("nodes").get(5).path("address").asText());
      HttpResponse<String> del =
          http.send(
              HttpRequest.newBuilder(uri("/api/nodes/node6"))
                  .header("Cookie", PlaygroundServer.COOKIE + "=" + cookie)
                  .DELETE()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(204, del.statusCode());
      ws.await(m -> m.path("type").asText().equals("nodes") && m.path("nodes").size() == 5);
    }
  }

  @Test
  void an_idle_session_is_freed_and_its_browser_told_why() throws Exception {
    start(5);
    String cookie = newSession();
    try (WsProbe ws = new WsProbe(server.port(), cookie)) {
      ws.awaitType("hello");
      clock.advance(Duration.ofMinutes(31));
      server.sessions().tick(0);
      JsonNode closed = ws.awaitType("closed");
      assertTrue(closed.path("reason").asText().contains("không dùng trong 30 phút"));
      assertTrue(opened.get(0).closed);
      assertEquals(0, server.sessions().count());
    }
    assertEquals(401, get("/api/session", cookie).statusCode());
  }

  @Test
  void a_session_near_its_end_is_warned_then_closed_at_its_ttl() throws Exception {
    start(5);
    String cookie = newSession();
    try (WsProbe ws = new WsProbe(server.port(), cookie)) {
      ws.awaitType("hello");
      for (int i = 0; i < 9; i++) {
        clock.advance(Duration.ofMinutes(25));
        ws.send("{\"type\":\"input\",\"node\":\"node1\",\"data\":\" \"}");
        ws.send("{\"type\":\"ping\"}");
        ws.awaitType("pong");
        server.sessions().tick(0);
      }
      // 3 h 45 min in: inside the 10-minute warning? no, 15 minutes remain
      assertFalse(ws.seenType("expiring"));
      clock.advance(Duration.ofMinutes(6));
      server.sessions().tick(0);
      JsonNode warning = ws.awaitType("expiring");
      assertEquals(9 * 60, warning.path("remainingSeconds").asInt());
      clock.advance(Duration.ofMinutes(9));
      server.sessions().tick(0);
      assertTrue(ws.awaitType("closed").path("reason").asText().contains("hết hạn"));
    }
  }

  @Test
  void opening_a_panel_answers_its_snapshot_and_time_control_is_broadcast() throws Exception {
    start(5);
    try (WsProbe ws = new WsProbe(server.port(), newSession())) {
      ws.awaitType("hello");
      ws.send("{\"type\":\"panel.open\",\"panel\":\"topology\"}");
      JsonNode snap = ws.awaitType("panel.snapshot");
      assertEquals("h:node1", snap.path("data").path("nodes").get(0).path("id").asText());
      assertEquals("192.168.0.11", snap.path("data").path("nodes").get(0).path("address").asText());
      ws.send("{\"type\":\"panel.open\",\"panel\":\"nope\"}");
      assertTrue(ws.awaitType("error").path("message").asText().contains("no such panel"));
      ws.send("{\"type\":\"time\",\"action\":\"pause\"}");
      JsonNode paused = ws.awaitType("time");
      assertTrue(paused.path("paused").asBoolean());
      ws.send("{\"type\":\"time\",\"action\":\"step\",\"ms\":5000}");
      JsonNode t = ws.await(m -> m.path("type").asText().equals("time"));
      assertEquals(
          java.time.Instant.parse(paused.path("now").asText()).plusSeconds(5),
          java.time.Instant.parse(t.path("now").asText()));
    }
  }

  @Test
  void lessons_render_markdown_with_runnable_code_blocks() throws Exception {
    start(5);
    JsonNode index = Json.read(get("/api/lessons", null).body());
    assertEquals("Mở đầu", index.get(0).path("title").asText());
    String html = get("/api/lessons/01-intro", null).body();
    assertTrue(html.contains("<pre class=\"runnable\"><code class=\"language-bash\">"), html);
    assertEquals(404, get("/api/lessons/nope", null).statusCode());
  }

  @Test
  void xterm_is_served_from_the_webjar() throws Exception {
    start(5);
    HttpResponse<String> js = get("/webjars/xterm/4.9.0/lib/xterm.js", null);
    assertEquals(200, js.statusCode());
    assertEquals(
        200, get("/webjars/xterm-addon-fit/0.3.0/lib/xterm-addon-fit.js", null).statusCode());
    assertEquals(200, get("/panels/topology.js", null).statusCode());
  }
}
