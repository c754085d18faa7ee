package dev.ddlab.grader.jshell;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The pipe between the grader and a check child: frames of a 4-byte length and a JSON object with
 * an {@code op}. Readers refuse frames over their limit before reading them, so a child that
 * misbehaves cannot make the grader allocate more than that; everything a child sends is read as
 * plain JSON data, never as Java objects.
 *
 * <p>Grader to child: {@code compile {expr}}, {@code eval {expr}}, {@code answer {value} |
 * {error}}. Child to grader: {@code ready}, {@code compiled}, {@code started}, {@code query
 * {method, args}}, {@code result {value}}, {@code error {kind, message}}.
 */
final class Wire {
  /** What the grader accepts from a child in one frame: queries and short messages. */
  static final int CHILD_FRAME_LIMIT = 64 * 1024;

  /** What a child accepts from the grader in one frame: state answers (file contents). */
  static final int GRADER_FRAME_LIMIT = 16 * 1024 * 1024;

  /** Messages a child sends are cut to this many characters. */
  static final int MESSAGE_LIMIT = 1_000;

  static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
  }

  private Wire() {}

  static ObjectNode message(String op) {
    return JSON.createObjectNode().put("op", op);
  }

  static void write(DataOutputStream out, JsonNode frame) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(frame);
    synchronized (out) {
      out.writeInt(bytes.length);
      out.write(bytes);
      out.flush();
    }
  }

  /** The next frame; {@link EOFException} at the end; {@link IOException} for a bad frame. */
  static JsonNode read(DataInputStream in, int limit) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > limit) {
      throw new IOException("frame of " + length + " bytes (limit " + limit + ")");
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new EOFException();
    }
    JsonNode node = JSON.readTree(bytes);
    if (node == null || !node.isObject() || !node.path("op").isTextual()) {
      throw new IOException("not a message");
    }
    return node;
  }

  static String cut(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= MESSAGE_LIMIT ? s : s.substring(0, MESSAGE_LIMIT) + "…";
  }
}
