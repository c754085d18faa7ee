package dev.ddlab.bridge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.host.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real docker CLI(s) installed on this machine driving a simulated node through {@code ddlab
 * engine-api}: the commands of the course's first chapters, with Docker's exit codes and words.
 */
class DockerCliThroughServerToSimulatorTest {
  private EngineApiServer server;
  private String host;

  @BeforeEach
  void serve() {
    Instant now = Instant.now();
    Cluster cluster =
        Cluster.builder(3)
            .clock(new VirtualClock(now.getEpochSecond() * 1_000_000_000L + now.getNano()))
            .build();
    cluster.addNode();
    server =
        new EngineApiServer(
                cluster.node("node1").engine(), new Object(), cluster.clock()::advance, 0, null)
            .start();
    host = "tcp://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static void pause() {
    try {
      Thread.sleep(1100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private DockerCliRun ok(Path cli, String... args) {
    DockerCliRun r = DockerCliRun.run(cli, host, args);
    assertEquals(0, r.exitCode(), cli + " " + String.join(" ", args) + ": " + r);
    return r;
  }

  @Test
  void the_real_clis_run_the_course_commands_against_the_simulator() {
    for (Path cli : DockerCliRun.clis()) {
      courseCommands(cli);
    }
  }

  @Test
  void a_real_clis_piped_stdin_reaches_run_i_and_its_end_closes_the_containers() {
    for (Path cli : DockerCliRun.clis()) {
      ok(cli, "pull", "alpine");
      // the CLI half-closes its connection at the end of its stdin; the server closes cat's
      DockerCliRun cat =
          DockerCliRun.piped(
              cli, host, "hi\n", "run", "-i", "--rm", "alpine", "sh", "-c", "cat; exit 4");
      assertEquals(4, cat.exitCode(), cat.toString());
      assertEquals("hi\n", cat.stdout());
    }
  }

  @Test
  void a_real_clis_piped_stdin_reaches_exec_i_and_its_end_ends_cat() {
    // the hijacked exec start has a body: Jetty answered 101 and then parsed the client's stdin as
    // a new request (400, "Unrecognized input header: 72" in the CLI) when the filter read to the
    // end of the request's input
    for (Path cli : DockerCliRun.clis()) {
      ok(cli, "pull", "alpine");
      ok(cli, "run", "-d", "--name", "box", "alpine", "sleep", "1d");
      DockerCliRun cat = DockerCliRun.piped(cli, host, "x", "exec", "-i", "box", "cat");
      assertEquals(0, cat.exitCode(), cat.toString());
      assertEquals("x", cat.stdout(), "a last piece without its newline stays so: " + cat);
      ok(cli, "rm", "-f", "box");
    }
  }

  @Test
  void the_real_clis_build_with_the_classic_builder_against_the_simulator() throws Exception {
    Path dir = java.nio.file.Files.createTempDirectory("ddlab-build-ctx");
    java.nio.file.Files.writeString(
        dir.resolve("Dockerfile"),
        "FROM alpine\nRUN echo hi > /hi.txt\nCOPY a.txt /a.txt\nCMD [\"cat\", \"/a.txt\"]\n");
    java.nio.file.Files.writeString(dir.resolve("a.txt"), "from the context\n");
    for (Path cli : DockerCliRun.clis()) {
      DockerCliRun r =
          DockerCliRun.run(
              cli,
              host,
              java.util.Map.of("DOCKER_BUILDKIT", "0"),
              "build",
              "-t",
              "web:1",
              dir.toString());
      assertEquals(0, r.exitCode(), cli + " build: " + r);
      assertTrue(r.stdout().contains("Step 1/4 : FROM alpine"), r.stdout());
      assertTrue(r.stdout().contains("Successfully tagged web:1"), r.stdout());
      DockerCliRun again =
          DockerCliRun.run(
              cli,
              host,
              java.util.Map.of("DOCKER_BUILDKIT", "0"),
              "build",
              "-t",
              "web:1",
              dir.toString());
      assertTrue(again.stdout().contains(" ---> Using cache"), again.stdout());
      assertTrue(ok(cli, "images").stdout().contains("web"));
      assertEquals("from the context\n", ok(cli, "run", "--rm", "web:1").stdout());
    }
  }

  @Test
  void the_real_clis_drive_a_simulated_swarm_manager() throws java.io.IOException {
    for (Path cli : DockerCliRun.clis()) {
      DockerCliRun init = ok(cli, "swarm", "init", "--advertise-addr", "192.168.0.11");
      assertTrue(init.stdout().startsWith("Swarm initialized: current node ("), init.stdout());
      assertTrue(ok(cli, "node", "ls").stdout().contains("Leader"));
      ok(
          cli,
          "service",
          "create",
          "--detach",
          "--name",
          "web",
          "--replicas",
          "3",
          "alpine",
          "sleep",
          "1000");
      pause();
      assertTrue(ok(cli, "service", "ls").stdout().contains("web"));
      assertTrue(ok(cli, "service", "ps", "web").stdout().contains("web.3"));
      ok(cli, "service", "rm", "web");
      Path pw = Files.createTempFile("pw", ".txt");
      Files.writeString(pw, "hush\n");
      String id = ok(cli, "secret", "create", "-l", "course=p2", "pw", pw.toString()).stdout();
      assertEquals(26, id.length(), id);
      assertTrue(ok(cli, "secret", "ls").stdout().contains(" pw "));
      assertEquals(
          "pw map[course:p2] null\n",
          ok(
                  cli,
                  "secret",
                  "inspect",
                  "-f",
                  "{{.Spec.Name}} {{.Spec.Labels}} {{json .Spec.Data}}",
                  "pw")
              .stdout());
      String cfg = ok(cli, "config", "create", "site", pw.toString()).stdout().strip();
      String pretty = ok(cli, "config", "inspect", "--pretty", cfg).stdout();
      assertTrue(pretty.endsWith("Data:\nhush\n\n"), pretty);
      ok(cli, "secret", "rm", "pw");
      ok(cli, "config", "rm", "site");
      assertEquals("", ok(cli, "secret", "ls", "-q").stdout());
      Files.delete(pw);
      DockerCliRun leave = DockerCliRun.run(cli, host, "swarm", "leave");
      assertEquals(1, leave.exitCode(), leave.toString());
      assertTrue(leave.stderr().contains("Removing the last manager erases"), leave.stderr());
      ok(cli, "swarm", "leave", "--force");
    }
  }

  private void courseCommands(Path cli) {
    assertTrue(ok(cli, "version").stdout().contains("Server:"));
    ok(cli, "info");
    ok(cli, "pull", "alpine");
    assertTrue(ok(cli, "images").stdout().contains("alpine"));
    ok(cli, "run", "-d", "--name", "web", "alpine", "sleep", "1000");
    assertTrue(ok(cli, "ps").stdout().contains("web"));
    DockerCliRun run =
        DockerCliRun.run(
            cli, host, "run", "--name", "r1", "alpine", "sh", "-c", "echo hello; exit 7");
    assertEquals(7, run.exitCode(), run.toString());
    assertEquals("hello\n", run.stdout());
    assertEquals("hello\n", ok(cli, "logs", "r1").stdout());
    DockerCliRun exec = DockerCliRun.run(cli, host, "exec", "web", "sh", "-c", "echo in; exit 4");
    assertEquals(4, exec.exitCode(), exec.toString());
    assertEquals("in\n", exec.stdout());
    assertEquals(127, DockerCliRun.run(cli, host, "run", "alpine", "nosuchcmd").exitCode());
    // the real CLI's create and update bodies carry every Resources field: the simulator reads
    // them into the same HostConfig and UpdateRequest and answers with Docker 24's defaults
    ok(cli, "update", "-c", "512", "--cpuset-cpus", "0", "--memory-reservation", "32m", "web");
    assertEquals(
        "512 0 33554432 private json-file\n",
        ok(
                cli,
                "inspect",
                "-f",
                "{{.HostConfig.CpuShares}} {{.HostConfig.CpusetCpus}}"
                    + " {{.HostConfig.MemoryReservation}} {{.HostConfig.IpcMode}}"
                    + " {{.HostConfig.LogConfig.Type}}",
                "web")
            .stdout());
    DockerCliRun conflict = DockerCliRun.run(cli, host, "update", "--cpu-period", "500", "web");
    assertEquals(1, conflict.exitCode(), conflict.toString());
    assertTrue(
        conflict.stderr().contains("CPU cfs period can not be less than 1ms"), conflict.stderr());
    ok(cli, "stop", "web");
    assertEquals("137\n", ok(cli, "inspect", "-f", "{{.State.ExitCode}}", "web").stdout());
    ok(cli, "restart", "web");
    ok(cli, "run", "-d", "--name", "w3", "alpine", "sh", "-c", "sleep 1; exit 3");
    assertEquals("3\n", ok(cli, "wait", "w3").stdout(), "docker wait blocks until the exit");
    if (ok(cli, "stop", "--help").stdout().contains("--signal")) {
      // CLIs from 23.0 send stop?signal= (API 1.42); the simulator serves 1.43
      ok(cli, "run", "-d", "--name", "k9", "alpine", "sleep", "1000");
      ok(cli, "stop", "-s", "KILL", "-t", "60", "k9");
      assertEquals("137\n", ok(cli, "inspect", "-f", "{{.State.ExitCode}}", "k9").stdout());
      DockerCliRun bad = DockerCliRun.run(cli, host, "stop", "-s", "FOO", "web");
      assertEquals(1, bad.exitCode(), bad.toString());
      assertTrue(
          bad.stderr().contains("Error response from daemon: invalid signal: FOO"), bad.stderr());
      ok(cli, "rm", "k9");
    } else {
      // the version rule: stop --signal came with CLI 23.0 (API 1.42); an older CLI (Debian's
      // 20.10) cannot ask for a signal, so what it does instead is refuse the flag itself
      DockerCliRun old = DockerCliRun.run(cli, host, "stop", "-s", "KILL", "web");
      assertEquals(125, old.exitCode(), old.toString());
      assertTrue(old.stderr().startsWith("unknown shorthand flag: 's' in -s"), old.stderr());
    }
    ok(cli, "rm", "w3");
    ok(cli, "kill", "web");
    ok(cli, "rm", "web", "r1");
    DockerCliRun missing = DockerCliRun.run(cli, host, "rm", "nosuch");
    assertEquals(1, missing.exitCode());
    assertTrue(missing.stderr().contains("No such container: nosuch"), missing.stderr());
    ok(cli, "tag", "alpine", "mine:1");
    assertTrue(ok(cli, "rmi", "mine:1").stdout().contains("Untagged: mine:1"));
    ok(cli, "history", "alpine");
    ok(cli, "network", "create", "n1");
    assertTrue(ok(cli, "network", "ls").stdout().contains("n1"));
    ok(cli, "create", "--name", "c1", "alpine", "sleep", "10");
    ok(cli, "network", "connect", "n1", "c1");
    ok(cli, "network", "inspect", "n1");
    ok(cli, "network", "disconnect", "n1", "c1");
    ok(cli, "rm", "-f", "c1");
    ok(cli, "network", "rm", "n1");
    ok(cli, "volume", "create", "v1");
    assertTrue(ok(cli, "volume", "ls").stdout().contains("v1"));
    ok(cli, "volume", "inspect", "v1");
    ok(cli, "volume", "rm", "v1");
    pause(); // the CLI sends whole seconds: let the second of the last event end
    DockerCliRun events =
        ok(cli, "events", "--since", "10m", "--until", "0s", "--filter", "type=volume");
    assertTrue(events.stdout().contains("volume create v1"), cli + ": " + events);
  }
}
