package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DiffRealCommandTest {
  @TempDir Path tmp;

  @Test
  void a_missing_script_is_one_line_of_error_and_exit_1() {
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(new StringWriter()));
    cmd.setErr(new PrintWriter(err));
    Path missing = tmp.resolve("nosuch.txt");
    int exit =
        cmd.execute(
            "diff-real", "--script", missing.toString(), "--docker-host", "unix:///tmp/none.sock");
    assertEquals(1, exit);
    assertEquals("ddlab diff-real: " + missing + ": no such file\n", err.toString());
  }
}
