package dev.ddlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.sim.host.Cluster;
import dev.ddlab.sim.host.DockerHost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code docker build}'s display on a terminal and elsewhere, on a simulated node. */
class BuildDisplayTest {
  private final DockerHost node = Cluster.single(3).node("node1");
  private final DockerCli cli =
      new DockerCli(node.engine(), CliContext.of(node.hostFs(), () -> "/app"));

  private RecordingIo build(boolean tty, String... flags) {
    FileSystem fs = node.hostFs();
    fs.mkdir("/app", true);
    fs.write(
        "/app/Dockerfile",
        "FROM alpine\nRUN apk add --update nodejs npm\nCOPY . /src\nWORKDIR /src\n"
            .getBytes(StandardCharsets.UTF_8),
        false);
    RecordingIo io = new RecordingIo();
    io.tty = tty;
    List<String> args = new java.util.ArrayList<>(List.of("build", "-t", "web:1"));
    args.addAll(List.of(flags));
    args.add(".");
    assertEquals(0, cli.run(args, io).exitCode(), io.err.toString());
    return io;
  }

  @Test
  void on_a_terminal_the_display_redraws_in_place_until_the_finished_frame() {
    String err = build(true).err.toString();
    List<String> frames = List.of(err.split("\u001b\\[\\d+A", -1));
    assertTrue(frames.size() > 3, "frames: " + frames.size());
    // every redraw moves up over exactly the lines of the frame before it
    Matcher up = Pattern.compile("\u001b\\[(\\d+)A").matcher(err);
    int k = 0;
    while (up.find()) {
      long lines = frames.get(k++).chars().filter(c -> c == '\n').count();
      assertEquals(lines, Long.parseLong(up.group(1)));
    }
    assertTrue(frames.get(0).startsWith("[+] Building 0.1s (2/3) "), frames.get(0));
    for (String f : frames.subList(0, frames.size() - 1)) {
      assertFalse(f.contains("FINISHED"), f);
    }
    String last = frames.get(frames.size() - 1);
    assertTrue(last.startsWith("[+] Building "), last);
    assertTrue(last.lines().findFirst().orElseThrow().contains(" FINISHED "), last);
    assertTrue(last.contains(" => [2/4] RUN apk add --update nodejs npm"), last);
    // the RUN step shows up while it runs, before the steps after it
    assertTrue(
        frames.stream().anyMatch(f -> f.contains("[2/4] RUN apk add") && !f.contains("[3/4] COPY")),
        err);
  }

  @Test
  void piped_or_with_progress_plain_the_steps_are_numbered_blocks_without_redraws() {
    String piped = build(false).err.toString();
    assertFalse(piped.contains("\u001b["), piped);
    assertTrue(piped.startsWith("#0 building with \"default\" instance using docker driver"));
    String plain = build(true, "--progress", "plain").err.toString();
    assertFalse(plain.contains("\u001b["), plain);
    assertTrue(plain.contains("#1 [internal] load build definition from Dockerfile"), plain);
  }

  private String buildx(boolean tty, String... flags) {
    RecordingIo io = new RecordingIo();
    assertEquals(
        0,
        cli.run(List.of("buildx", "create", "--driver", "docker-container", "--name", "b1"), io)
            .exitCode(),
        io.err.toString());
    String first = "";
    for (int k = 0; k < 2; k++) {
      io = new RecordingIo();
      io.tty = tty;
      List<String> args = new java.util.ArrayList<>(List.of("buildx", "build", "--builder", "b1"));
      args.addAll(List.of(flags));
      args.add("/app");
      build(false); // the context
      assertEquals(0, cli.run(args, io).exitCode(), io.err.toString());
      if (k == 0) {
        first = io.err.toString();
      } else {
        assertFalse(io.err.toString().contains("booting buildkit"), "booted once: " + io.err);
      }
    }
    return first;
  }

  @Test
  void the_first_build_on_a_new_builder_shows_its_boot_as_the_first_step_of_the_plain_display() {
    String plain = buildx(false, "--progress", "plain");
    assertTrue(
        plain.contains(
            "#0 building with \"b1\" instance using docker-container driver\n\n"
                + "#1 [internal] booting buildkit\n"
                + "#1 pulling image moby/buildkit:buildx-stable-1\n"
                + "#1 pulling image moby/buildkit:buildx-stable-1 7.5s done\n"
                + "#1 creating container buildx_buildkit_b10\n"
                + "#1 creating container buildx_buildkit_b10 0.7s done\n"
                + "#1 DONE 8.2s\n\n"
                + "#2 [internal] load build definition from Dockerfile\n"),
        plain);
    assertFalse(plain.contains("[+] Building"), plain);
  }

  @Test
  void the_first_build_on_a_new_builder_shows_its_boot_in_the_terminal_display() {
    String err = buildx(true);
    List<String> frames = List.of(err.split("\u001b\\[\\d+A", -1));
    String last = frames.get(frames.size() - 1);
    List<String> lines = last.lines().toList();
    assertTrue(lines.get(0).startsWith("[+] Building "), last);
    assertTrue(lines.get(1).startsWith(" => [internal] booting buildkit "), last);
    assertTrue(lines.get(1).endsWith(" 8.2s"), last);
    assertTrue(
        lines.get(2).startsWith(" => => pulling image moby/buildkit:buildx-stable-1 "), last);
    assertTrue(lines.get(3).startsWith(" => => creating container buildx_buildkit_b10 "), last);
    assertTrue(
        lines.get(4).startsWith(" => [internal] load build definition from Dockerfile"), last);
    assertEquals(
        1, err.split("\\[\\+\\] Building [0-9.]+s \\([0-9]+/[0-9]+\\) FINISHED").length - 1);
  }

  @Test
  void an_upper_case_tag_is_refused_by_the_client_before_the_context_is_read() {
    RecordingIo io = new RecordingIo();
    assertEquals(1, cli.run(List.of("build", "-q", "-t", "Bad10", "nosuchdir"), io).exitCode());
    assertEquals(
        "ERROR: invalid tag \"Bad10\": repository name must be lowercase\n", io.err.toString());
    assertEquals("", io.out.toString());
  }
}
