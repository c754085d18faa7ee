package dev.ddlab.grader.submission;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ddlab.session.TranscriptEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes submission files. Reading is defensive: a size limit before parsing, then the
 * format tag, then the fields; every failure is a {@link SubmissionException} with a message an
 * instructor can act on, never a stack trace.
 */
public final class SubmissionCodec {
  /** Larger files are refused unread: a real session of a lab is a few kilobytes. */
  public static final long MAX_BYTES = 4L * 1024 * 1024;

  public static final int MAX_ENTRIES = 5_000;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .build();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  private SubmissionCodec() {}

  public static String write(Submission s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A submission as read from a file, with what its signature says. */
  public record Received(Submission submission, Authorship authorship) {}

  /** The submission's JSON tree, as written (what {@link Signing} signs). */
  static JsonNode tree(Submission s) {
    return JSON.valueToTree(s);
  }

  public static Submission read(Path file) throws SubmissionException {
    return receive(file).submission();
  }

  /** Reads a file and verifies its signature (not who may sign: see {@link KeyRing}). */
  public static Received receive(Path file) throws SubmissionException {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new SubmissionException("cannot read the file: " + e.getMessage());
    }
    if (size > MAX_BYTES) {
      throw new SubmissionException(
          "file too large: " + size + " bytes (a submission may have at most " + MAX_BYTES + ")");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return receive(in.readAllBytes());
    } catch (IOException e) {
      throw new SubmissionException("cannot read the file: " + e.getMessage());
    }
  }

  public static Submission parse(byte[] bytes) throws SubmissionException {
    return receive(bytes).submission();
  }

  public static Received receive(byte[] bytes) throws SubmissionException {
    if (bytes.length > MAX_BYTES) {
      throw new SubmissionException("file too large: " + bytes.length + " bytes");
    }
    if (bytes.length == 0) {
      throw new SubmissionException("empty file");
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonParseException e) {
      String msg = e.getOriginalMessage();
      if (msg != null && msg.startsWith("Unexpected end-of-input")) {
        throw new SubmissionException(
            "truncated JSON: the file ends in the middle (line "
                + e.getLocation().getLineNr()
                + ")");
      }
      throw new SubmissionException(
          "malformed JSON at line " + e.getLocation().getLineNr() + ": " + msg);
    } catch (IOException e) {
      throw new SubmissionException("malformed JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new SubmissionException("not a submission: the JSON is not an object");
    }
    JsonNode format = root.get("format");
    if (format == null || !format.isTextual()) {
      throw new SubmissionException("not a ddlab submission: no \"format\" field");
    }
    if (!Submission.FORMAT.equals(format.asText())) {
      throw new SubmissionException(
          "unsupported format \""
              + format.asText()
              + "\" (this grader reads "
              + Submission.FORMAT
              + ")");
    }
    for (String field : new String[] {"lab", "student", "seed", "template", "transcript"}) {
      if (root.get(field) == null || root.get(field).isNull()) {
        throw new SubmissionException("missing field \"" + field + "\"");
      }
    }
    if (!root.get("transcript").isArray()) {
      throw new SubmissionException("\"transcript\" must be an array");
    }
    if (root.get("transcript").size() > MAX_ENTRIES) {
      throw new SubmissionException(
          "transcript too long: "
              + root.get("transcript").size()
              + " entries (at most "
              + MAX_ENTRIES
              + ")");
    }
    Submission s;
    try {
      // origin and signature are optional: bind them as null when absent
      com.fasterxml.jackson.databind.node.ObjectNode binding =
          ((com.fasterxml.jackson.databind.node.ObjectNode) root).deepCopy();
      for (String optional : new String[] {"origin", "signature"}) {
        if (!binding.has(optional)) {
          binding.putNull(optional);
        }
      }
      // an entry's "typed" is there only for a line the terminal did not echo (read -s)
      for (JsonNode entry : binding.path("transcript")) {
        if (entry instanceof com.fasterxml.jackson.databind.node.ObjectNode o && !o.has("typed")) {
          o.putNull("typed");
        }
      }
      s = JSON.treeToValue(binding, Submission.class);
    } catch (JsonProcessingException e) {
      throw new SubmissionException("invalid field: " + e.getOriginalMessage());
    }
    if (!s.student().matches("[\\p{L}\\p{N}._@+-]{1,64}")) {
      throw new SubmissionException(
          "invalid student id \"" + s.student() + "\" (letters, digits, . _ @ + -; at most 64)");
    }
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < s.transcript().size(); i++) {
      TranscriptEntry e = s.transcript().get(i);
      if (e.node() == null || e.command() == null) {
        throw new SubmissionException("transcript entry " + (i + 1) + " lacks node or command");
      }
      if (e.virtualTimeNanos() < previous) {
        throw new SubmissionException(
            "transcript entry " + (i + 1) + " goes back in time (virtual clock)");
      }
      previous = e.virtualTimeNanos();
    }
    return new Received(s, Signing.verify(root));
  }
}
