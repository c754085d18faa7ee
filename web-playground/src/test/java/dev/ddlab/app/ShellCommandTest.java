package dev.ddlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ShellCommandTest {
  @TempDir Path dir;

  private String[] run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void script_json_has_one_entry_per_typed_line_with_the_run_entry_before_the_container_lines()
      throws Exception {
    Path script = dir.resolve("s.ddsh");
    Files.writeString(script, "# a comment\ndocker run -it alpine sh\nhostname\nexit 5\necho $?\n");
    String[] r = run("shell", "--script", script.toString(), "--json", "--seed", "3");
    assertEquals("0", r[0], r[2]);
    JsonNode a = new ObjectMapper().readTree(r[1]);
    assertEquals(4, a.size());
    assertEquals("docker run -it alpine sh", a.get(0).get("command").asText());
    assertEquals(5, a.get(0).get("exitCode").asInt());
    assertEquals("/ # ", a.get(1).get("prompt").asText());
    assertEquals("node1", a.get(2).get("node").asText());
    assertEquals("5\n", a.get(3).get("output").asText());
    assertEquals(5, a.get(0).size(), "node, prompt, command, output, exitCode");
  }

  @Test
  void a_script_is_typed_at_a_terminal_of_80_columns_of_24_rows_whatever_runs_it()
      throws Exception {
    Path script = dir.resolve("size.ddsh");
    Files.writeString(script, "stty size\ntput cols\necho $COLUMNS\n");
    String[] r = run("shell", "--script", script.toString());
    assertEquals("0", r[0], r[2]);
    assertEquals(
        "ubuntu@node1:~$ stty size\n24 80\nubuntu@node1:~$ tput cols\n80\n"
            + "ubuntu@node1:~$ echo $COLUMNS\n80\n",
        r[1]);
  }

  @Test
  void same_seed_and_script_print_the_same_bytes() throws Exception {
    Path script = dir.resolve("s.ddsh");
    Files.writeString(script, "docker run -d alpine sleep 1d\ndocker ps\n");
    String a = run("shell", "--script", script.toString(), "--seed", "9")[1];
    String b = run("shell", "--script", script.toString(), "--seed", "9")[1];
    assertEquals(a, b);
    assertTrue(a.startsWith("ubuntu@node1:~$ docker run -d alpine sleep 1d\n"), a);
  }

  @Test
  void a_script_prints_every_output_whole_though_the_sessions_transcript_keeps_only_the_last()
      throws Exception {
    Path script = dir.resolve("big.ddsh");
    // 128 Ki characters printed twelve times: 1.5 MiB, more than a transcript keeps
    Files.writeString(
        script,
        "x=aaaaaaaaaaaaaaaa; i=0; while [ $i -lt 13 ]; do x=$x$x; i=$((i+1)); done\n"
            + "echo $x\n".repeat(12)
            + "echo end\n");
    String line = "a".repeat(131_072) + "\n";
    String[] text = run("shell", "--script", script.toString());
    assertEquals("0", text[0], text[2]);
    assertEquals(12, text[1].split("ubuntu@node1:~\\$ echo \\$x\n" + line, -1).length - 1);
    assertTrue(text[1].endsWith("ubuntu@node1:~$ echo end\nend\n"));
    assertTrue(!text[1].contains("[ddlab: "), "nothing printed is cut");
    JsonNode json =
        new ObjectMapper().readTree(run("shell", "--script", script.toString(), "--json")[1]);
    assertEquals(14, json.size());
    for (int i = 1; i <= 12; i++) {
      assertEquals(line, json.get(i).get("output").asText(), "entry " + i);
    }
  }

  @Test
  void unknown_template_is_a_usage_error() {
    String[] r = run("shell", "--template", "nope", "--script", "x");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("unknown template 'nope'"), r[2]);
  }

  @Test
  void bench_prints_each_figure_with_its_target() {
    String[] r =
        run(
            "bench",
            "--forks",
            "0",
            "--warmup",
            "0",
            "--warmup-max",
            "0",
            "--pairs",
            "20",
            "--nodes",
            "3",
            "--containers",
            "20");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("µs/pair  (target ≤ 50, ratio "), r[1]);
    assertTrue(r[1].contains("heap per idle node (3 nodes)"), r[1]);
    for (String op :
        List.of("docker ps -a", "docker ps", "docker images", "docker inspect lg", "docker logs")) {
      assertTrue(r[1].contains(op), op + " in\n" + r[1]);
    }
    assertTrue(r[1].contains("docker ps -a with 20 containers"), r[1]);
    assertTrue(
        r[1].matches(
            "(?s).*µs/pair  \\(target ≤ 50, ratio [0-9.]+\\).*\\[thread CPU [0-9.]+[;\\]].*"),
        r[1]);
  }

  @Test
  void bench_forks_print_min_median_max_spread_and_the_load() {
    String[] r =
        run(
            "bench",
            "--forks",
            "2",
            "--warmup",
            "0",
            "--warmup-max",
            "0",
            "--pairs",
            "10",
            "--nodes",
            "2",
            "--containers",
            "5");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("figure (over 2 forks)"), r[1]);
    assertTrue(r[1].contains("min") && r[1].contains("median") && r[1].contains("spread"), r[1]);
    assertTrue(r[1].contains("before: load average "), r[1]);
    // the heap the forks measure in, not the launcher's own
    assertTrue(
        r[1].matches(
            "(?s).*before: load average [^\\n]*, each fork's heap fixed at \\w+, pre-touched\\n.*"),
        r[1]);
    assertTrue(r[1].contains("docker ps -a with 5 containers"), r[1]);
  }

  @Test
  void real_engine_with_no_daemon_says_to_start_the_private_one() {
    String[] r =
        run(
            "shell",
            "--engine",
            "real",
            "--docker-host",
            "unix://" + dir.resolve("none.sock"),
            "--script",
            "-");
    assertEquals("1", r[0], r[2]);
    assertTrue(r[2].contains("Cannot connect to the Docker daemon"), r[2]);
    assertTrue(r[2].contains("./ddlab real-engine up"), r[2]);
  }

  @Test
  void a_missing_script_is_a_one_line_error_not_a_stack_trace() {
    String[] r = run("shell", "--script", dir.resolve("nope.ddsh").toString());
    assertEquals("2", r[0]);
    assertTrue(r[2].startsWith("ddlab shell: cannot read the script "), r[2]);
    assertTrue(!r[2].contains("Exception"), r[2]);
  }
}
