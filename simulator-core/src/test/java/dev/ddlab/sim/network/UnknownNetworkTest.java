package dev.ddlab.sim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Docker 20.10 looks a container's networks up when it starts, not when it is created (recorded in
 * docs/reference/real-docker-ping-network-top.md).
 */
class UnknownNetworkTest {
  private static List<TranscriptEntry> run(SimSession s, String script) {
    List<TranscriptEntry> all = new ScriptRunner(s).run("docker pull -q alpine\n" + script);
    return all.subList(1, all.size());
  }

  @Test
  void create_accepts_an_unknown_network_and_start_fails_with_the_daemons_404() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker create --name lost --network nosuch alpine true
              docker start lost
              docker ps -a --format '{{.Names}} {{.Status}} {{.Networks}}'
              docker inspect -f '{{json .State}}' lost
              docker inspect -f '{{.HostConfig.NetworkMode}} {{json .NetworkSettings.Networks}}' lost
              """);
      assertEquals(0, t.get(0).exitCode(), t.get(0).output());
      assertEquals(
          "Error response from daemon: network nosuch not found\n"
              + "Error: failed to start containers: lost\n",
          t.get(1).output());
      assertEquals(1, t.get(1).exitCode());
      assertEquals("lost Created nosuch\n", t.get(2).output());
      assertEquals(
          "{\"Status\":\"created\",\"Running\":false,\"Paused\":false,\"Restarting\":false,"
              + "\"OOMKilled\":false,\"Dead\":false,\"Pid\":0,\"ExitCode\":128,"
              + "\"Error\":\"network nosuch not found\",\"StartedAt\":\"0001-01-01T00:00:00Z\","
              + "\"FinishedAt\":\"0001-01-01T00:00:00Z\"}\n",
          t.get(3).output());
      assertEquals(
          "nosuch {\"nosuch\":{\"IPAMConfig\":null,\"Links\":null,\"Aliases\":null,"
              + "\"NetworkID\":\"\",\"EndpointID\":\"\",\"Gateway\":\"\",\"IPAddress\":\"\","
              + "\"IPPrefixLen\":0,\"IPv6Gateway\":\"\",\"GlobalIPv6Address\":\"\","
              + "\"GlobalIPv6PrefixLen\":0,\"MacAddress\":\"\",\"DriverOpts\":null}}\n",
          t.get(4).output());
    }
  }

  @Test
  void run_on_an_unknown_network_exits_125_and_leaves_the_container_created() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker run --name lost --network nosuch alpine true
              docker run -d --name lost2 --network nosuch alpine true
              docker run --rm --network nosuch alpine true
              docker ps -a --format '{{.Names}} {{.Status}}'
              docker start lost lost2
              """);
      assertEquals(
          "docker: Error response from daemon: network nosuch not found.\n", t.get(0).output());
      assertEquals(125, t.get(0).exitCode());
      String[] detached = t.get(1).output().split("\n");
      assertTrue(detached[0].matches("[0-9a-f]{64}"), t.get(1).output());
      assertEquals("docker: Error response from daemon: network nosuch not found.", detached[1]);
      assertEquals(125, t.get(1).exitCode());
      assertEquals(125, t.get(2).exitCode());
      assertEquals(
          "lost2 Created\nlost Created\n", t.get(3).output(), "--rm removed its container");
      assertEquals(
          "Error response from daemon: network nosuch not found\n"
              + "Error response from daemon: network nosuch not found\n"
              + "Error: failed to start containers: lost, lost2\n",
          t.get(4).output());
    }
  }

  @Test
  void creating_the_network_afterwards_lets_the_container_start_on_it() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker create --name late --network later alpine sleep 1d
              docker network create later
              docker start late
              docker inspect -f '{{.NetworkSettings.Networks.later.IPAddress}}' late
              docker network inspect -f '{{range .Containers}}{{.Name}}{{end}}' later
              """);
      assertEquals("late\n", t.get(2).output());
      assertEquals("172.18.0.2\n", t.get(3).output());
      assertEquals("late\n", t.get(4).output());
    }
  }

  @Test
  void a_container_that_cannot_start_with_rm_is_removed() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker run --rm alpine nosuchcmd
              docker ps -aq
              """);
      assertEquals(127, t.get(0).exitCode(), t.get(0).output());
      assertEquals("", t.get(1).output());
    }
  }
}
