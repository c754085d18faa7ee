package dev.ddlab.bridge.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
  void comments_blank_lines_and_the_node_marker_are_not_commands() {
    assertEquals(
        List.of("docker ps", "docker images"),
        DiffReal.commands("# intro\n\n@node1\ndocker ps\n  docker images  \n"));
  }
}
