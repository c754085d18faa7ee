package dev.ddlab.grader.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.TranscriptEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionCodecTest {
  @TempDir Path dir;

  static final Submission SAMPLE =
      new Submission(
          Submission.FORMAT,
          "p2-engine",
          "sv01",
          1501,
          "single",
          "0.1.0",
          List.of(
              new TranscriptEntry(
                  "node1", "ubuntu@node1:~$ ", "docker version", "Client: …\n", 0, 5)));

  @Test
  void a_written_submission_reads_back_equal() throws Exception {
    String json = SubmissionCodec.write(SAMPLE);
    assertTrue(json.contains("\"format\" : \"ddlab-submission/1\""));
    assertEquals(SAMPLE, SubmissionCodec.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String error(String text) {
    return assertThrows(
            SubmissionException.class,
            () -> SubmissionCodec.parse(text.getBytes(StandardCharsets.UTF_8)))
        .getMessage();
  }

  @Test
  void bad_files_get_a_clear_reason() {
    String json = SubmissionCodec.write(SAMPLE);
    assertTrue(error(json.substring(0, json.length() / 2)).startsWith("truncated JSON"));
    assertTrue(error("{\"format\": ddlab}").startsWith("malformed JSON at line 1"));
    assertEquals("empty file", error(""));
    assertEquals("not a submission: the JSON is not an object", error("[1,2]"));
    assertEquals("not a ddlab submission: no \"format\" field", error("{\"lab\":\"x\"}"));
    assertEquals(
        "unsupported format \"ddlab-submission/2\" (this grader reads ddlab-submission/1)",
        error(json.replace("ddlab-submission/1", "ddlab-submission/2")));
    assertEquals("missing field \"seed\"", error(json.replace("\"seed\"", "\"sead\"")));
    assertTrue(error(json.replace("\"sv01\"", "\"../../etc\"")).startsWith("invalid student id"));
  }

  @Test
  void a_huge_file_is_refused_before_it_is_parsed() throws Exception {
    Path big = dir.resolve("big.json");
    byte[] bytes = new byte[(int) SubmissionCodec.MAX_BYTES + 1];
    java.util.Arrays.fill(bytes, (byte) ' ');
    Files.write(big, bytes);
    SubmissionException e =
        assertThrows(SubmissionException.class, () -> SubmissionCodec.read(big));
    assertTrue(e.getMessage().startsWith("file too large"));
  }

  @Test
  void time_going_backwards_is_refused() {
    Submission s =
        new Submission(
            Submission.FORMAT,
            "p2-engine",
            "sv01",
            1,
            "single",
            "0.1.0",
            List.of(
                new TranscriptEntry("node1", "$ ", "docker ps", "", 0, 10),
                new TranscriptEntry("node1", "$ ", "docker ps", "", 0, 5)));
    assertEquals(
        "transcript entry 2 goes back in time (virtual clock)", error(SubmissionCodec.write(s)));
  }

  @Test
  void a_line_typed_without_echo_keeps_what_was_typed_for_the_replay_and_shows_nothing()
      throws Exception {
    Submission s =
        new Submission(
            Submission.FORMAT,
            "p2-engine",
            "sv01",
            1,
            "single",
            "0.1.0",
            List.of(
                new TranscriptEntry("node1", "$ ", "read -s pw", "", 0, 5),
                new TranscriptEntry("node1", "", "", "", 0, 6, "bi-mat")));
    String json = SubmissionCodec.write(s);
    assertTrue(json.contains("\"typed\" : \"bi-mat\""), json);
    assertEquals(1, json.split("\"typed\"", -1).length - 1, "only where it was not echoed");
    Submission back = SubmissionCodec.parse(json.getBytes(StandardCharsets.UTF_8));
    assertEquals(s, back);
    assertEquals("bi-mat", back.transcript().get(1).input());
    assertEquals("", back.transcript().get(1).command());
  }
}
