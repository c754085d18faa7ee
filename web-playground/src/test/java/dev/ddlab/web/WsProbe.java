package dev.ddlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A WebSocket client for protocol tests: collects every message and waits for one that matches. */
final class WsProbe implements WebSocket.Listener, AutoCloseable {
  private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  private final List<JsonNode> seen = new ArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private final WebSocket socket;
  volatile int closeCode = -1;

  WsProbe(int port, String cookie) {
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Cookie", cookie == null ? "x=y" : PlaygroundServer.COOKIE + "=" + cookie)
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), this)
            .join();
  }

  void send(String json) {
    socket.sendText(json, true).join();
  }

  /**
   * Waits (up to a generous bound, so a slow CI machine does not fail it) for a matching message.
   */
  JsonNode await(Predicate<JsonNode> match) throws InterruptedException {
    for (JsonNode m : seen) {
      if (match.test(m)) {
        seen.remove(m);
        return m;
      }
    }
    while (true) {
      JsonNode m = inbox.poll(20, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError("no matching message; saw " + seen);
      }
      if (match.test(m)) {
        return m;
      }
      seen.add(m);
    }
  }

  /** Whether a message of this type has arrived (without waiting). */
  boolean seenType(String type) {
    inbox.drainTo(seen);
    return seen.stream().anyMatch(m -> type.equals(m.path("type").asText()));
  }

  JsonNode awaitType(String type) throws InterruptedException {
    return await(m -> type.equals(m.path("type").asText()));
  }

  /** Everything a node's terminal printed until {@code text} appears in it. */
  String awaitOutput(String node, String text) throws InterruptedException {
    StringBuilder all = new StringBuilder();
    for (JsonNode m : seen) {
      if ("output".equals(m.path("type").asText()) && node.equals(m.path("node").asText())) {
        all.append(m.path("data").asText());
      }
    }
    seen.removeIf(
        m -> "output".equals(m.path("type").asText()) && node.equals(m.path("node").asText()));
    while (!all.toString().contains(text)) {
      JsonNode m = inbox.poll(20, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError("terminal never showed '" + text + "'; got: " + all);
      }
      if ("output".equals(m.path("type").asText()) && node.equals(m.path("node").asText())) {
        all.append(m.path("data").asText());
      } else {
        seen.add(m);
      }
    }
    return all.toString();
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      inbox.add(Json.read(partial.toString()));
      partial.setLength(0);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    closeCode = statusCode;
    return null;
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
  }
}
