package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.engine.dto.ProgressMessage;
import org.junit.jupiter.api.Test;

class PullProgressTest {
  private static void pullTwoTagsSharingALayer(PullProgress p) {
    p.accept(ProgressMessage.status("latest", "Pulling from nigelpoulton/tu-demo"));
    p.accept(ProgressMessage.step("20c1b62876da", "Pulling fs layer"));
    p.accept(ProgressMessage.step("20c1b62876da", "Pull complete"));
    p.accept(ProgressMessage.status("Digest: sha256:c61b"));
    p.accept(ProgressMessage.status("v1", "Pulling from nigelpoulton/tu-demo"));
    p.accept(ProgressMessage.step("20c1b62876da", "Already exists"));
    p.accept(ProgressMessage.status("Digest: sha256:a40f"));
  }

  @Test
  void on_a_terminal_a_layer_line_is_rewritten_until_a_line_without_progress() {
    PullProgress p = new PullProgress(true);
    pullTwoTagsSharingALayer(p);
    assertEquals(
        "latest: Pulling from nigelpoulton/tu-demo\n"
            + "20c1b62876da: Pull complete\n"
            + "Digest: sha256:c61b\n"
            + "v1: Pulling from nigelpoulton/tu-demo\n"
            + "20c1b62876da: Already exists\n"
            + "Digest: sha256:a40f\n",
        p.text());
  }

  @Test
  void without_a_terminal_every_message_is_a_line() {
    PullProgress p = new PullProgress(false);
    pullTwoTagsSharingALayer(p);
    assertEquals(
        "latest: Pulling from nigelpoulton/tu-demo\n"
            + "20c1b62876da: Pulling fs layer\n"
            + "20c1b62876da: Pull complete\n"
            + "Digest: sha256:c61b\n"
            + "v1: Pulling from nigelpoulton/tu-demo\n"
            + "20c1b62876da: Already exists\n"
            + "Digest: sha256:a40f\n",
        p.text());
  }
}
