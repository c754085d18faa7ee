package dev.ddlab.bridge.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddlab.engine.EngineException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * JSON in and out of a request (moby {@code api/server/httputils}: WriteJSON, ReadJSON): bodies
 * read leniently (unknown fields kept out), a body that does not parse is the daemon's 400.
 */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Json() {}

  /** Answers {@code status} with {@code body} as JSON. */
  static void write(Context ctx, int status, Object body) {
    ctx.status(status);
    ctx.contentType("application/json");
    ctx.result(bytes(body));
  }

  /** The daemon's error answer: {"message": …}. */
  static void error(Context ctx, int status, String message) {
    write(ctx, status, Map.of("message", String.valueOf(message)));
  }

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes each value the queue receives as a JSON line until the client goes away (a stream of
   * events or stats); an empty flush every second notices a client that left.
   */
  static void follow(OutputStream out, BlockingQueue<?> queue)
      throws IOException, InterruptedException {
    while (true) {
      Object v = queue.poll(1, TimeUnit.SECONDS);
      if (v != null) {
        out.write(bytes(v));
        out.write('\n');
      }
      out.flush();
    }
  }

  /** The body as {@code type}, or null when there is none. */
  static <T> T read(Context ctx, Class<T> type) {
    try {
      byte[] bytes = ctx.bodyAsBytes();
      return bytes.length == 0 ? null : MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      throw invalid(e);
    }
  }

  /** The body as a tree ({} when there is none). */
  static JsonNode tree(Context ctx) {
    try {
      byte[] bytes = ctx.bodyAsBytes();
      return bytes.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw invalid(e);
    }
  }

  /** A member of a body tree as {@code type}, or null when absent. */
  static <T> T member(JsonNode body, String name, Class<T> type) {
    try {
      return body.hasNonNull(name) ? MAPPER.treeToValue(body.get(name), type) : null;
    } catch (IOException e) {
      throw invalid(e);
    }
  }

  static <T> T convert(JsonNode body, Class<T> type) {
    try {
      return MAPPER.treeToValue(body, type);
    } catch (IOException e) {
      throw invalid(e);
    }
  }

  private static EngineException invalid(IOException e) {
    return EngineException.badRequest("invalid JSON: " + e.getMessage());
  }
}
