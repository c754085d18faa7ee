package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The prune commands' confirmation (docker/cli's PromptForConfirmation, texts checked against the
 * private dockerd's CLI 28 through a pty and v24's source): on a terminal the question waits for
 * the typed answer, in a script the script's next line; "y" goes on, anything else ends with 0 and
 * nothing more; {@code -f} asks nothing; from a pipe the pipe's line answers; Ctrl-C ends it, 130.
 */
class ConfirmationPromptTest {
  private static final String HOST = "ubuntu@node1:~$ ";
  private static final String ASK = "Are you sure you want to continue? [y/N] ";

  private static SimSession withStoppedContainer() {
    SimSession s = SimSession.open("single", 4);
    s.type("node1", "docker run --name gone alpine true");
    return s;
  }

  @Test
  void the_question_waits_for_the_typed_answer_and_y_prunes() {
    try (SimSession s = withStoppedContainer()) {
      TranscriptEntry q = s.type("node1", "docker container prune");
      assertEquals("WARNING! This will remove all stopped containers.\n", q.output());
      assertEquals(ASK, s.prompt("node1"));
      TranscriptEntry a = s.type("node1", "y");
      assertEquals(ASK, a.prompt());
      assertEquals("y", a.command(), "the answer is echoed");
      assertTrue(a.output().startsWith("Deleted Containers:\n"), a.output());
      assertTrue(a.output().endsWith("\n\nTotal reclaimed space: 0B\n"), a.output());
      assertEquals(HOST, s.prompt("node1"));
      assertEquals("", s.type("node1", "docker ps -aq").output());
      assertEquals(0, s.transcript().get(1).exitCode());
    }
  }

  @Test
  void any_other_answer_keeps_everything_and_ends_with_0() {
    try (SimSession s = withStoppedContainer()) {
      s.type("node1", "docker container prune");
      TranscriptEntry a = s.type("node1", "yes");
      assertEquals("", a.output());
      assertEquals(HOST, s.prompt("node1"));
      assertEquals("0\n", s.type("node1", "echo $?").output());
      assertEquals(12 + 1, s.type("node1", "docker ps -aq").output().length());
    }
  }

  @Test
  void ctrl_c_at_the_question_ends_with_130() {
    try (SimSession s = withStoppedContainer()) {
      s.type("node1", "docker system prune");
      assertEquals(ASK, s.prompt("node1"));
      assertEquals(130, s.interrupt("node1").exitCode());
      assertEquals("130\n", s.type("node1", "echo $?").output());
      assertEquals(13, s.type("node1", "docker ps -aq").output().length());
    }
  }

  @Test
  void force_asks_nothing_and_a_pipe_answers_from_its_line() {
    try (SimSession s = withStoppedContainer()) {
      assertTrue(
          s.type("node1", "echo y | docker container prune")
              .output()
              .startsWith(
                  "WARNING! This will remove all stopped containers.\n"
                      + ASK
                      + "Deleted Containers:\n"));
      assertEquals(HOST, s.prompt("node1"));
      TranscriptEntry n = s.type("node1", "docker network prune < /dev/null");
      assertEquals(
          "WARNING! This will remove all custom networks not used by at least one container.\n"
              + ASK,
          n.output(),
          "the end of input: no, and no newline");
      assertEquals(
          "Total reclaimed space: 0B\n", s.type("node1", "docker volume prune -f").output());
    }
  }

  @Test
  void system_prune_words_its_question_as_v24() {
    try (SimSession s = SimSession.open("single", 4)) {
      TranscriptEntry q =
          s.type("node1", "docker system prune --filter until=24h --filter label=a=b");
      assertEquals(
          "WARNING! This will remove:\n"
              + "  - all stopped containers\n"
              + "  - all networks not used by at least one container\n"
              + "  - all dangling images\n"
              + "  - all dangling build cache\n"
              + "\n"
              + "  Items to be pruned will be filtered with:\n"
              + "  - label=a=b\n"
              + "  - until=24h\n"
              + "\n",
          q.output());
      assertEquals(ASK, s.prompt("node1"));
      assertEquals("", s.type("node1", "n").output());
      s.type("node1", "docker system prune -a");
      assertEquals(ASK, s.prompt("node1"));
      assertEquals("Total reclaimed space: 0B\n", s.type("node1", "Y").output());
    }
  }
}
