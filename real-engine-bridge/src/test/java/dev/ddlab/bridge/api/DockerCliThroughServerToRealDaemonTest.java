package dev.ddlab.bridge.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.bridge.RealDocker;
import dev.ddlab.bridge.real.RealEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real docker CLI → EngineApiServer → RealEngine → private dockerd: whatever the CLI prints
 * here came through ddlab's server, so server bugs show as differences from real Docker.
 */
class DockerCliThroughServerToRealDaemonTest {
  private RealEngine real;
  private EngineApiServer server;
  private String host;
  private final String name = "srv" + ProcessHandle.current().pid();

  @BeforeEach
  void start() {
    real = RealDocker.engineOrSkip();
    server = EngineApiServer.tcp(real, 0).start();
    host = "tcp://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      for (Path cli : DockerCliRun.clis()) {
        DockerCliRun.run(cli, host, "rm", "-f", name, name + "x");
      }
      DockerCliRun.run(DockerCliRun.clis().get(0), host, "network", "rm", name + "net");
      server.close();
      real.close();
    }
  }

  @Test
  void run_exec_logs_and_errors_answer_as_the_daemon_does() {
    for (Path cli : DockerCliRun.clis()) {
      DockerCliRun run =
          DockerCliRun.run(
              cli, host, "run", "--name", name, "alpine", "sh", "-c", "echo hi; exit 3");
      assertEquals(3, run.exitCode(), cli + " " + run);
      assertEquals("hi\n", run.stdout());
      assertEquals("hi\n", DockerCliRun.run(cli, host, "logs", name).stdout());
      DockerCliRun.run(cli, host, "run", "-d", "--name", name + "x", "alpine", "sleep", "60");
      DockerCliRun exec =
          DockerCliRun.run(cli, host, "exec", name + "x", "sh", "-c", "echo in; exit 5");
      assertEquals(5, exec.exitCode(), cli + " " + exec);
      assertEquals("in\n", exec.stdout());
      DockerCliRun missing = DockerCliRun.run(cli, host, "exec", name + "x", "nosuchcmd");
      assertEquals(126, missing.exitCode(), cli + " " + missing);
      DockerCliRun conflict = DockerCliRun.run(cli, host, "run", "--name", name, "alpine", "true");
      assertEquals(125, conflict.exitCode());
      assertTrue(conflict.stderr().contains("is already in use by container"), conflict.stderr());
      assertEquals(0, DockerCliRun.run(cli, host, "rm", "-f", name, name + "x").exitCode());
    }
  }

  @Test
  void network_create_twice_is_the_daemons_conflict() {
    Path cli = DockerCliRun.clis().get(0);
    assertEquals(0, DockerCliRun.run(cli, host, "network", "create", name + "net").exitCode());
    DockerCliRun again = DockerCliRun.run(cli, host, "network", "create", name + "net");
    assertEquals(1, again.exitCode());
    assertEquals(
        "Error response from daemon: network with name " + name + "net already exists\n",
        again.stderr());
  }
}
