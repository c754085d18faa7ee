package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Container details a learner meets, each checked on the private dockerd (Engine 20.10, CLI 28) and
 * in docker/cli v24 and moby v24: the console size the CLI sends, the runtime's refusal of a swap
 * limit without a memory limit, and the endpoint's {@code DriverOpts} in inspect.
 */
class ContainerGapsTest {
  @RegisterExtension
  final TypedNode node =
      new TypedNode(
          11,
          "docker pull alpine",
          "docker run -d --name web alpine sleep 1000",
          "docker run -d --name lim -m 64m alpine sleep 1000",
          "docker create --name made alpine true");

  @Test
  void the_cli_stores_its_terminals_size_as_the_console_size_with_or_without_t() {
    // docker/cli v24 create.go: hostConfig.ConsoleSize = dockerCli.Out().GetTtySize(), [height,
    // width] whenever stdout is a terminal ([30 100] for 'stty rows 30 cols 100' on the real one)
    node.ok("docker create -t --name tty alpine sh");
    assertEquals(
        "[24 80]\n[24 80]\n", node.ok("docker inspect -f '{{.HostConfig.ConsoleSize}}' tty made"));
  }

  @Test
  void a_cli_whose_output_is_not_a_terminal_sends_zero() {
    node.ok("docker create --name piped alpine true | cat");
    node.ok("docker create --name filed alpine true > id.txt");
    assertEquals(
        "[0 0]\n[0 0]\n", node.ok("docker inspect -f '{{.HostConfig.ConsoleSize}}' piped filed"));
  }

  @Test
  void a_running_container_without_a_memory_limit_refuses_a_swap_limit_and_keeps_its_config() {
    TranscriptEntry e = node.typed("docker update --memory-swap 32m --pids-limit 20 web");
    assertEquals(1, e.exitCode(), e.output());
    String id = node.ok("docker inspect -f '{{.Id}}' web").strip();
    assertEquals(
        "Error response from daemon: Cannot update container "
            + id
            + ": runc did not terminate successfully: exit status 1: unable to set swap limit"
            + " without memory limit\n: unknown\n",
        e.output());
    assertEquals(
        "0 0 <nil>\n",
        node.ok(
            "docker inspect -f '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}}"
                + " {{.HostConfig.PidsLimit}}' web"));
  }

  @Test
  void a_swap_limit_below_the_stored_memory_limit_is_refused_by_the_runtime() {
    TranscriptEntry e = node.typed("docker update --memory-swap 32m lim");
    assertEquals(1, e.exitCode(), e.output());
    assertTrue(
        e.output()
            .endsWith(
                ": runc did not terminate successfully: exit status 1: memory+swap limit should"
                    + " be >= memory limit\n: unknown\n"),
        e.output());
    assertEquals("made\n", node.ok("docker update --memory-swap 32m made"));
    assertEquals(
        "0 33554432\n",
        node.ok("docker inspect -f '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}}' made"));
    assertEquals("lim\n", node.ok("docker update --memory-swap 128m lim"));
  }

  @Test
  void an_endpoint_writes_its_driver_opts_as_null_after_the_mac_address() {
    String json = node.ok("docker inspect -f '{{json .NetworkSettings.Networks}}' web");
    assertTrue(json.contains("\"MacAddress\":\"02:42:ac:11:00:02\",\"DriverOpts\":null}}"), json);
    assertEquals(
        "map[]\n",
        node.ok("docker inspect -f '{{.NetworkSettings.Networks.bridge.DriverOpts}}' web"));
  }

  @Test
  void start_a_runs_an_exited_container_again_and_prints_its_output() {
    assertEquals("hi\n", node.ok("docker run --name again alpine echo hi"));
    assertEquals("hi\n", node.ok("docker start -a again"));
    assertEquals("hi\n", node.ok("docker start -a again"));
    TranscriptEntry e = node.typed("docker attach again");
    assertEquals(1, e.exitCode());
    assertEquals("You cannot attach to a stopped container, start it first\n", e.output());
  }
}
