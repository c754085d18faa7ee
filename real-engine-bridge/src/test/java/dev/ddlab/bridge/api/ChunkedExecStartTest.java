package dev.ddlab.bridge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.host.Cluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hijacked exec start whose body comes chunked ({@code curl -H 'Transfer-Encoding: chunked'},
 * clients that stream their request): the server reads the body to its last chunk, so its {@code
 * Tty} is honoured (a raw stream, not the multiplexed one), and the connection is handed over after
 * the 101 as with a Content-Length body.
 */
class ChunkedExecStartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private EngineApiServer server;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void serve() {
    Cluster cluster =
        Cluster.builder(3).clock(new VirtualClock(1_700_000_000_000_000_000L)).build();
    cluster.addNode();
    server =
        new EngineApiServer(
                cluster.node("node1").engine(), new Object(), cluster.clock()::advance, 0, null)
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String post(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() < 300, path + ": " + r.statusCode() + " " + r.body());
    return r.body();
  }

  @Test
  void a_chunked_body_says_tty_and_the_stream_is_raw() throws Exception {
    post("/v1.43/images/create?fromImage=alpine&tag=latest", "");
    String id =
        JSON.readTree(
                post(
                    "/v1.43/containers/create",
                    "{\"Image\":\"alpine\",\"Cmd\":[\"sleep\",\"1d\"]}"))
            .path("Id")
            .asText();
    post("/v1.43/containers/" + id + "/start", "");
    String exec =
        JSON.readTree(
                post(
                    "/v1.43/containers/" + id + "/exec",
                    "{\"Cmd\":[\"echo\",\"hi\"],\"AttachStdout\":true,\"AttachStderr\":true,"
                        + "\"Tty\":true}"))
            .path("Id")
            .asText();
    String body = "{\"Detach\":false,\"Tty\":true}";
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /v1.43/exec/"
                  + exec
                  + "/start HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\n"
                  + "Connection: Upgrade\r\nUpgrade: tcp\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + Integer.toHexString(body.length())
                  + "\r\n"
                  + body
                  + "\r\n0\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = readUntil(s.getInputStream(), "hi");
      assertTrue(answer.startsWith("HTTP/1.1 101"), answer);
      assertTrue(
          answer.contains("Content-Type: application/vnd.docker.raw-stream"),
          "the chunked body's Tty was read: " + answer);
      assertEquals("hi", answer.substring(answer.indexOf("\r\n\r\n") + 4).strip());
    }
  }

  /** What the server sent until {@code marker} came (or the stream ended). */
  private static String readUntil(InputStream in, String marker) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    int n;
    while ((n = in.read(buf)) > 0) {
      got.write(buf, 0, n);
      String text = got.toString(StandardCharsets.ISO_8859_1);
      int head = text.indexOf("\r\n\r\n");
      if (head >= 0 && text.substring(head).contains(marker)) {
        break;
      }
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }
}
