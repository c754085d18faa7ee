package dev.ddlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.Port;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerCliTest {
  private static final long NOW = 1_704_067_200L;

  private final FakeEngine engine = new FakeEngine();
  private final DockerCli cli = new DockerCli(engine, CliContext.none());

  private RecordingIo io;

  private int run(String... args) {
    io = new RecordingIo();
    return cli.run(List.of(args), io).exitCode();
  }

  private static ContainerSummary container(
      String id,
      String name,
      String image,
      String command,
      long created,
      String state,
      String status,
      List<Port> ports) {
    return new ContainerSummary(
        id,
        List.of("/" + name),
        image,
        "sha256:44dd6f2230041eede4ee5e7",
        command,
        created,
        ports,
        null,
        null,
        Map.of(),
        state,
        status,
        Map.of("NetworkMode", "default"),
        Map.of(),
        List.of());
  }

  private void twoContainers() {
    engine.on(
        "containers.list",
        a ->
            List.of(
                container(
                    "b92d95e0b95b1234567890abcdef1234567890abcdef1234567890abcdef1234",
                    "webserver",
                    "nigelpoulton/ddd-book:web0.1",
                    "node ./app.js",
                    NOW - 120,
                    "running",
                    "Up 2 minutes",
                    List.of(new Port("0.0.0.0", 8080, 80, "tcp"), new Port("::", 8080, 80, "tcp"))),
                container(
                    "9cb2d2fd1d65aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                    "percy",
                    "ubuntu:latest",
                    "/bin/bash",
                    NOW - 240,
                    "exited",
                    "Exited (0) 3 seconds ago",
                    List.of())));
  }

  @Test
  void ps_prints_docker_table_with_truncated_ids_quoted_commands_and_ports() {
    twoContainers();
    assertEquals(0, run("ps", "-a"));
    assertEquals(
        "CONTAINER ID   IMAGE                          COMMAND           CREATED         STATUS                     PORTS                                   NAMES\n"
            + "b92d95e0b95b   nigelpoulton/ddd-book:web0.1   \"node ./app.js\"   2 minutes ago   Up 2 minutes               0.0.0.0:80->8080/tcp, :::80->8080/tcp   webserver\n"
            + "9cb2d2fd1d65   ubuntu:latest                  \"/bin/bash\"       4 minutes ago   Exited (0) 3 seconds ago                                           percy\n",
        io.out.toString());
  }

  @Test
  void ps_quiet_and_format_and_json() {
    twoContainers();
    assertEquals(0, run("ps", "-aq"));
    assertEquals("b92d95e0b95b\n9cb2d2fd1d65\n", io.out.toString());
    assertEquals(0, run("ps", "--format", "{{.Names}}: {{.Status}}"));
    assertEquals("webserver: Up 2 minutes\npercy: Exited (0) 3 seconds ago\n", io.out.toString());
    assertEquals(0, run("ps", "--format", "table {{.Names}}\t{{.State}}"));
    assertEquals("NAMES       STATE\nwebserver   running\npercy       exited\n", io.out.toString());
    assertEquals(0, run("ps", "--format", "json"));
    assertTrue(
        io.out
            .toString()
            .startsWith(
                "{\"Command\":\"\\\"node ./app.js\\\"\",\"CreatedAt\":\"2023-12-31 23:58:00 +0000 UTC\""),
        io.out.toString());
  }

  @Test
  void ps_passes_all_and_filters_to_the_engine() {
    Object[][] seen = new Object[1][];
    engine.on(
        "containers.list",
        a -> {
          seen[0] = a;
          return List.of();
        });
    assertEquals(0, run("ps", "--filter", "status=exited", "-n", "2"));
    assertEquals(false, seen[0][0]);
    assertEquals(2, seen[0][1]);
    assertEquals(Map.of("status", List.of("exited")), seen[0][3]);
  }

  @Test
  void flag_forms_are_equivalent() {
    Object[][] seen = new Object[1][];
    engine.on(
        "containers.list",
        a -> {
          seen[0] = a;
          return List.of();
        });
    run("ps", "-aq");
    Object[] clustered = seen[0];
    run("ps", "-a", "-q");
    assertEquals(List.of(clustered), List.of(seen[0]));
    run("ps", "--all=true", "--quiet");
    assertEquals(List.of(clustered), List.of(seen[0]));
    run("ps", "--last=3");
    assertEquals(3, seen[0][1]);
    run("ps", "-n3");
    assertEquals(3, seen[0][1]);
  }

  @Test
  void unknown_flags_are_docker_errors_with_status_125() {
    assertEquals(125, run("ps", "--x"));
    assertEquals("unknown flag: --x\nSee 'docker ps --help'.\n", io.err.toString());
    assertEquals(125, run("run", "-z", "alpine"));
    assertEquals(
        "unknown shorthand flag: 'z' in -z\nSee 'docker run --help'.\n", io.err.toString());
    assertEquals(125, run("run", "-itz", "alpine"));
    assertEquals(
        "unknown shorthand flag: 'z' in -itz\nSee 'docker run --help'.\n", io.err.toString());
    assertEquals(125, run("stop", "-t", "abc", "x"));
    assertEquals(
        "invalid argument \"abc\" for \"-t, --time\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\nSee 'docker stop --help'.\n",
        io.err.toString());
    assertEquals(125, run("run", "--name"));
    assertEquals("flag needs an argument: --name\nSee 'docker run --help'.\n", io.err.toString());
  }

  @Test
  void missing_arguments_print_usage_and_exit_1() {
    assertEquals(1, run("rm"));
    assertEquals(
        "\"docker rm\" requires at least 1 argument.\nSee 'docker rm --help'.\n\nUsage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]\n\nRemove one or more containers\n",
        io.err.toString());
    assertEquals(1, run("container", "rm"));
    assertTrue(
        io.err.toString().startsWith("\"docker container rm\" requires at least 1 argument."));
    assertEquals(1, run("ps", "extra"));
    assertTrue(io.err.toString().startsWith("\"docker ps\" accepts no arguments."));
  }

  @Test
  void unknown_command_is_reported_like_docker() {
    assertEquals(1, run("foo"));
    assertEquals(
        "docker: 'foo' is not a docker command.\nSee 'docker --help'\n", io.err.toString());
  }

  @Test
  void daemon_errors_are_prefixed_and_collected() {
    engine.on(
        "containers.stop",
        a -> {
          if (a[0].equals("nosuch")) {
            throw EngineException.notFound("No such container: nosuch");
          }
          return null;
        });
    assertEquals(1, run("stop", "a", "nosuch", "b"));
    assertEquals("a\nb\n", io.out.toString());
    assertEquals("Error response from daemon: No such container: nosuch\n", io.err.toString());
  }

  @Test
  void rm_force_on_a_missing_container_reports_it_and_succeeds() {
    engine.on(
        "containers.remove",
        a -> {
          if (a[0].equals("nosuch")) {
            throw EngineException.notFound("No such container: nosuch");
          }
          return null;
        });
    assertEquals(0, run("rm", "-f", "a", "nosuch"));
    assertEquals("a\n", io.out.toString());
    assertEquals("Error response from daemon: No such container: nosuch\n", io.err.toString());
  }

  @Test
  void cannot_connect_prints_the_message_alone() {
    engine.on(
        "containers.list",
        a -> {
          throw EngineException.cannotConnect("unix:///var/run/docker.sock");
        });
    assertEquals(1, run("ps"));
    assertEquals(
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n",
        io.err.toString());
  }

  @Test
  void images_table_has_one_row_per_tag() {
    engine.on(
        "images.list",
        a ->
            List.of(
                new ImageSummary(
                    0,
                    NOW - 9 * 86400,
                    "sha256:c610c6a38555aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                    Map.of(),
                    "",
                    List.of(
                        "nigelpoulton/tu-demo@sha256:c9f8e18822aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                    List.of("nigelpoulton/tu-demo:latest", "nigelpoulton/tu-demo:v1"),
                    0,
                    58_100_000),
                new ImageSummary(
                    0,
                    NOW - 3 * 86400,
                    "sha256:4fd34165afe0aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                    Map.of(),
                    "",
                    List.of(),
                    List.of(),
                    0,
                    14_500_000)));
    assertEquals(0, run("images"));
    assertEquals(
        "REPOSITORY             TAG       IMAGE ID       CREATED      SIZE\n"
            + "nigelpoulton/tu-demo   latest    c610c6a38555   9 days ago   58.1MB\n"
            + "nigelpoulton/tu-demo   v1        c610c6a38555   9 days ago   58.1MB\n"
            + "<none>                 <none>    4fd34165afe0   3 days ago   14.5MB\n",
        io.out.toString());
    assertEquals(0, run("images", "--format", "{{.Repository}}: {{.Tag}}: {{.Size}}"));
    assertEquals(
        "nigelpoulton/tu-demo: latest: 58.1MB\nnigelpoulton/tu-demo: v1: 58.1MB\n<none>: <none>: 14.5MB\n",
        io.out.toString());
    assertEquals(0, run("images", "--digests"));
    assertTrue(
        io.out.toString().startsWith("REPOSITORY             TAG       DIGEST  "),
        io.out.toString());
  }

  @Test
  void inspect_format_errors_follow_docker() {
    engine.on(
        "containers.inspect",
        a -> {
          throw EngineException.notFound("No such container: " + a[0]);
        });
    assertEquals(64, run("container", "inspect", "-f", "{{.State", "x"));
    assertEquals("template parsing error: template: :1: unclosed action\n", io.err.toString());
    assertEquals(1, run("container", "inspect", "x"));
    assertEquals("[]\n", io.out.toString());
    // Docker 24's client passes the daemon's 404 on (only an empty ID is "Error: No such …")
    assertEquals("Error response from daemon: No such container: x\n", io.err.toString());
  }

  @Test
  void help_shows_usage_aliases_and_options() {
    assertEquals(0, run("rm", "--help"));
    String help = io.out.toString();
    assertTrue(
        help.startsWith(
            "\nUsage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]\n\nRemove one or more containers\n\nAliases:\n  docker container rm, docker container remove, docker rm\n\nOptions:\n"),
        help);
    assertTrue(
        help.contains(
            "  -f, --force     Force the removal of a running container (uses SIGKILL)\n"),
        help);
  }

  @Test
  void prune_asks_first_and_does_nothing_unless_confirmed() {
    engine.on(
        "containers.prune",
        a -> new dev.ddlab.engine.dto.ContainerPruneResponse(List.of("abc"), 2048));
    // stdin piped: the answer is its line (on a terminal: ConfirmationPromptTest)
    io = new RecordingIo().input("n");
    io.tty = false;
    assertEquals(0, cli.run(List.of("container", "prune"), io).exitCode());
    assertEquals(
        "WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ",
        io.out.toString());
    assertTrue(engine.calls.isEmpty());
    io = new RecordingIo().input("y");
    io.tty = false;
    assertEquals(0, cli.run(List.of("container", "prune"), io).exitCode());
    assertTrue(
        io.out
            .toString()
            .endsWith("[y/N] Deleted Containers:\nabc\n\nTotal reclaimed space: 2.05kB\n"),
        io.out.toString());
  }

  @Test
  void completion_offers_commands_flags_and_container_names() {
    assertEquals(List.of("rename", "restart", "rm", "rmi", "run"), cli.complete(List.of("r")));
    assertEquals(List.of("load", "ls"), cli.complete(List.of("image", "l")));
    assertTrue(cli.complete(List.of("run", "--na")).contains("--name"));
    twoContainers();
    assertEquals(List.of("percy"), cli.complete(List.of("stop", "pe")));
  }

  @Test
  void root_help_and_version_flag() {
    assertEquals(0, run("--help"));
    assertTrue(
        io.out
            .toString()
            .startsWith(
                "\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nCommon Commands:\n  run         Create and run a new container from an image\n"),
        io.out.toString());
    assertEquals(0, run("-v"));
    assertEquals("Docker version 24.0.7, build afdd53b\n", io.out.toString());
    assertEquals(125, run("--nope", "ps"));
    assertEquals("unknown flag: --nope\nSee 'docker --help'.\n", io.err.toString());
  }
}
