package dev.ddlab.bridge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddlab.bridge.stream.StdStream;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.host.Cluster;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The served simulator frames a process's stderr as stderr, as dockerd's stdcopy does without a
 * TTY, so a real docker CLI in front of it writes the container's stderr to its own stderr ({@code
 * docker exec c sh -c 'echo out; echo err >&2' 2>/dev/null} shows {@code out} only).
 */
class ServedStderrFramesTest {
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

  private byte[] post(String path, String body) throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertTrue(r.statusCode() < 300, path + ": " + r.statusCode() + " " + new String(r.body()));
    return r.body();
  }

  @Test
  void an_exec_without_a_tty_sends_stdout_and_stderr_in_their_own_frames_in_order()
      throws Exception {
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
                    "{\"Cmd\":[\"sh\",\"-c\",\"echo out; echo err >&2; echo out2\"],"
                        + "\"AttachStdout\":true,\"AttachStderr\":true}"))
            .path("Id")
            .asText();
    byte[] body = post("/v1.43/exec/" + exec + "/start", "{\"Detach\":false,\"Tty\":false}");
    StdStream.Reader frames = new StdStream.Reader(new ByteArrayInputStream(body));
    List<String> got = new ArrayList<>();
    for (StdStream.Frame f = frames.next(); f != null; f = frames.next()) {
      got.add(f.streamName() + ":" + f.text());
    }
    assertEquals(List.of("stdout:out\n", "stderr:err\n", "stdout:out2\n"), got);
  }
}
