package dev.ddlab.bridge.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizerTest {
  @Test
  void ids_digests_times_names_and_padding_become_placeholders() {
    String sim =
        "CONTAINER ID   IMAGE     STATUS                     NAMES\n"
            + "f1a9b63495dc   alpine    Exited (0) 2 seconds ago   quirky_turing\n";
    String real =
        "CONTAINER ID   IMAGE     STATUS                  NAMES\n"
            + "4e858bf1ccf9   alpine    Exited (0) 3 minutes ago   eager_hopper\n";
    assertEquals(Normalizer.normalize(sim), Normalizer.normalize(real));
    assertEquals(
        "sha256:<digest> <time> Up <duration> <ip> <size>",
        Normalizer.normalize(
            "sha256:"
                + "a".repeat(64)
                + " 2026-11-29T16:27:36.704510709Z Up About a minute"
                + " 10.215.0.2 1.98MB"));
  }

  @Test
  void behaviour_still_differs_after_normalising() {
    assertEquals(
        "Error response from daemon: No such container: x",
        Normalizer.firstLine("Error response from daemon: No such container: x\nmore"));
    assertEquals(false, Normalizer.normalize("exit 1").equals(Normalizer.normalize("exit 2")));
  }

  @Test
  void two_transcripts_compare_line_by_line_on_exit_code_first_line_and_normalised_output() {
    List<TranscriptEntry> sim =
        List.of(
            new TranscriptEntry("node1", "$ ", "docker run -d alpine", "0123456789ab\n", 0, 0),
            new TranscriptEntry(
                "node1", "$ ", "docker rm x", "Error: No such container: x\n", 1, 0));
    List<TranscriptEntry> real =
        List.of(
            new TranscriptEntry("node1", "$ ", "docker run -d alpine", "ba9876543210\n", 0, 0),
            new TranscriptEntry(
                "node1", "$ ", "docker rm x", "Error: No such container: x\nmore\n", 1, 0));
    DiffReal.Report r = DiffReal.compare("s.txt", sim, real);
    assertEquals(2, r.rows().size());
    assertTrue(r.rows().get(0).outputAgrees(), "IDs are normalised");
    assertTrue(r.rows().get(1).firstLineAgrees());
    assertFalse(r.rows().get(1).outputAgrees());
    assertEquals(5.0 / 6, r.score(), 1e-9);
  }
}
