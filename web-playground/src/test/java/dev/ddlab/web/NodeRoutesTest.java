package dev.ddlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.app.SimSessionFactory;
import dev.ddlab.web.lesson.LessonLibrary;
import dev.ddlab.web.panel.Panels;
import dev.ddlab.web.session.SessionFactory;
import dev.ddlab.web.session.SessionManager;
import dev.ddlab.web.session.WebSession;
import dev.ddlab.web.term.Repls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The editor, upload and port-chip routes on a simulated node. */
class NodeRoutesTest {
  private PlaygroundServer server;
  private String cookie;
  private WebSession session;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    SessionFactory factory = new SimSessionFactory();
    PlaygroundConfig config =
        PlaygroundConfig.defaults()
            .withAddress("127.0.0.1", 0)
            .withSessions(5, Duration.ofHours(4), Duration.ofMinutes(30));
    server =
        new PlaygroundServer(
                new SessionManager(
                    config, factory, Repls.shell(), Panels.discover(), new MutableClock()),
                new LessonLibrary(Map.of()))
            .start();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri("/session"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("template=single"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    cookie = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    session = server.sessions().bySecret(cookie).orElseThrow();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Cookie", PlaygroundServer.COOKIE + "=" + cookie)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void a_file_saved_in_the_editor_is_on_the_nodes_host_filesystem() throws Exception {
    String dockerfile = "FROM alpine\nCMD [\"echo\", \"xin chào\"]\n";
    assertEquals(
        204,
        send("PUT", "/api/nodes/node1/file?path=/home/ubuntu/Dockerfile", dockerfile).statusCode());
    HttpResponse<String> read = send("GET", "/api/nodes/node1/file?path=Dockerfile", null);
    assertEquals(200, read.statusCode());
    assertEquals(dockerfile, Json.read(read.body()).path("text").asText());
    String onNode =
        session.withLock(
            () ->
                new String(
                    session.rawNode("node1").hostFs().read("/home/ubuntu/Dockerfile"),
                    java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(dockerfile, onNode);
    HttpResponse<String> list = send("GET", "/api/nodes/node1/files", null);
    assertTrue(list.body().contains("\"name\":\"Dockerfile\""), list.body());
  }

  @Test
  void a_missing_file_or_a_file_over_the_limit_is_refused_with_a_message() throws Exception {
    HttpResponse<String> missing = send("GET", "/api/nodes/node1/file?path=/nope", null);
    assertEquals(404, missing.statusCode());
    assertTrue(Json.read(missing.body()).path("message").asText().contains("No such file"));
    HttpResponse<String> big =
        send("PUT", "/api/nodes/node1/file?path=big.txt", "x".repeat(1024 * 1024 + 1));
    assertEquals(409, big.statusCode());
    assertTrue(Json.read(big.body()).path("message").asText().contains("giới hạn 1024 KB"));
  }

  @Test
  void a_port_chip_shows_the_simulated_apps_page_and_explains_a_closed_port() throws Exception {
    session.session().type("node1", "docker run -d --name web -p 8080:80 nginx");
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(uri("/s/" + session.id() + "/n/node1/p/8080/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Welcome to nginx!"), page.body());
    HttpResponse<String> closed =
        http.send(
            HttpRequest.newBuilder(uri("/s/" + session.id() + "/n/node1/p/9999/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(502, closed.statusCode());
    assertTrue(closed.body().contains("không có gì nghe ở cổng 9999"), closed.body());
  }
}
