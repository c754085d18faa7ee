package dev.ddlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Commands Docker has and ddlab does not simulate yet, and the sub-command forms of commands. */
class NotSimulatedTest {
  private final DockerCli cli = new DockerCli(new FakeEngine(), CliContext.none());
  private RecordingIo io;

  private int run(String line) {
    io = new RecordingIo();
    return cli.run(List.of(line.split(" ")), io).exitCode();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plugin ls",
        "import x.tar",
        "export web",
        "image import x.tar",
        "container export web",
        "trust inspect alpine",
        "context ls",
        "manifest create a b"
      })
  void a_docker_command_ddlab_lacks_says_so_in_vietnamese_with_status_1(String line) {
    assertEquals(1, run(line));
    String words = line.split(" ")[0];
    if (line.startsWith("image ")
        || line.startsWith("container ")
        || line.startsWith("manifest ")) {
      words = line.split(" ")[0] + " " + line.split(" ")[1];
    }
    assertEquals(
        "ddlab: 'docker "
            + words
            + "' là lệnh có trong Docker nhưng chưa được mô phỏng trong phiên bản ddlab này.\n"
            + "Gõ 'docker --help' để xem các lệnh ddlab đang có.\n",
        io.err.toString());
    assertEquals("", io.out.toString());
  }

  @Test
  void a_typo_still_gets_dockers_own_message() {
    assertEquals(1, run("psuh alpine"));
    assertEquals(
        "docker: 'psuh' is not a docker command.\nSee 'docker --help'\n", io.err.toString());
    assertEquals(1, run("image pusj alpine"));
    assertTrue(io.err.toString().contains("Usage:  docker image COMMAND"), io.err.toString());
  }

  @ParameterizedTest
  @CsvSource({
    "image build,build",
    "image history,history",
    "image pull,pull",
    "image save,save",
    "container run,run",
    "container logs,logs",
    "container rm,rm",
    "builder build,build"
  })
  void a_sub_command_form_answers_as_its_top_level_form(String sub, String top) {
    for (String args : List.of("", " --bogus")) {
      int subCode = run(sub + args);
      String subOut = normalise(io.out.toString(), sub, top);
      String subErr = normalise(io.err.toString(), sub, top);
      int topCode = run(top + args);
      assertEquals(topCode, subCode, sub + args);
      assertEquals(io.out.toString(), subOut, sub + args);
      assertEquals(io.err.toString(), subErr, sub + args);
    }
  }

  private static String normalise(String text, String sub, String top) {
    return text.replace("docker " + sub, "docker " + top);
  }
}
