package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A script's comment and blank lines are the script's own only at a prompt: inside a here-document
 * or an open quote they are text the shell is reading, as they are when typed at a terminal.
 */
class ScriptContinuationTest {
  @Test
  void comment_and_blank_lines_inside_a_here_document_reach_the_file() {
    try (SimSession s = SimSession.open("single", 1)) {
      List<TranscriptEntry> t =
          new ScriptRunner(s)
              .run(
                  """
                  # a comment of the script: not typed
                  cat > run.sh <<'EOF'
                  #!/bin/sh
                  # says hello

                  echo hello
                  EOF

                  cat run.sh
                  docker run --rm alpine sh -c 'cat > /s.sh <<X
                  #!/bin/sh

                  # in a container
                  X
                  wc -l < /s.sh'
                  """);
      assertEquals("#!/bin/sh\n# says hello\n\necho hello\n", typed(t, "cat run.sh").output());
      assertEquals("3\n", t.get(t.size() - 1).output().lines().reduce((a, b) -> b).get() + "\n");
    }
  }

  private static TranscriptEntry typed(List<TranscriptEntry> t, String start) {
    return t.stream().filter(e -> e.command().startsWith(start)).findFirst().orElseThrow();
  }

  @Test
  void a_comment_line_inside_an_open_quote_is_part_of_the_string() {
    try (SimSession s = SimSession.open("single", 1)) {
      List<TranscriptEntry> t = new ScriptRunner(s).run("echo 'a\n#b\n\nc'\n");
      assertEquals("a\n#b\n\nc\n", t.get(t.size() - 1).output());
    }
  }
}
