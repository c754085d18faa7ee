package dev.ddlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerCreateResponse;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.engine.dto.ProgressMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** How docker run turns its flags into a create request, and its error paths. */
class RunFlagsTest {
  private static final String ID = "0901afb84439" + "0".repeat(52);

  private final FakeEngine engine = new FakeEngine();
  private final List<Object[]> creates = new ArrayList<>();
  private RecordingIo io;

  RunFlagsTest() {
    engine.on(
        "containers.create",
        a -> {
          creates.add(a);
          return new ContainerCreateResponse(ID, List.of());
        });
    engine.on("containers.start", a -> null);
  }

  private int run(String... args) {
    io = new RecordingIo();
    return new DockerCli(engine, CliContext.none()).run(List.of(args), io).exitCode();
  }

  private ContainerConfig config() {
    return (ContainerConfig) creates.get(creates.size() - 1)[1];
  }

  private HostConfig host() {
    return (HostConfig) creates.get(creates.size() - 1)[2];
  }

  @Test
  void flag_orders_and_forms_build_the_same_request() {
    run("run", "-d", "--name", "x", "alpine", "sleep", "1d");
    Object[] first = creates.get(0);
    run("run", "--name=x", "-d", "alpine", "sleep", "1d");
    Object[] second = creates.get(1);
    assertArrayEquals(first, second);
    assertEquals("x", first[0]);
    assertEquals(List.of("sleep", "1d"), ((ContainerConfig) first[1]).cmd());
    assertEquals(ID + "\n", io.out.toString());
  }

  @Test
  void it_equals_i_t_and_arguments_after_the_image_belong_to_the_container() {
    engine.on("containers.attach", a -> null);
    run("run", "-d", "-it", "alpine", "sh", "-c", "ls -l");
    ContainerConfig a = config();
    run("run", "-d", "-i", "-t", "alpine", "sh", "-c", "ls -l");
    assertEquals(a, config());
    assertTrue(a.tty());
    assertTrue(a.openStdin());
    assertEquals(List.of("sh", "-c", "ls -l"), a.cmd());
  }

  @Test
  void publish_short_and_long_forms_are_the_same_binding() {
    run("run", "-d", "-p", "80:8080", "alpine");
    HostConfig shortForm = host();
    run("run", "-d", "--publish", "published=80,target=8080", "alpine");
    assertEquals(shortForm.portBindings(), host().portBindings());
    assertEquals(Map.of("8080/tcp", List.of(new PortBinding("", "80"))), shortForm.portBindings());
    run("run", "-d", "-p127.0.0.1:8000-8001:80-81/udp", "alpine");
    assertEquals(
        Map.of(
            "80/udp", List.of(new PortBinding("127.0.0.1", "8000")),
            "81/udp", List.of(new PortBinding("127.0.0.1", "8001"))),
        host().portBindings());
  }

  @Test
  void restart_policies_env_labels_and_limits() {
    run(
        "run",
        "-d",
        "--restart",
        "on-failure:3",
        "-e",
        "A=1",
        "--env=B=2",
        "-l",
        "tier=web",
        "-m",
        "512m",
        "--cpus",
        "1.5",
        "-w",
        "/app",
        "-h",
        "box",
        "alpine");
    assertEquals("on-failure", host().restartPolicy().name());
    assertEquals(3, host().restartPolicy().maximumRetryCount());
    assertEquals(List.of("A=1", "B=2"), config().env());
    assertEquals(Map.of("tier", "web"), config().labels());
    assertEquals(512L * 1024 * 1024, host().memory());
    assertEquals(1_500_000_000L, host().nanoCpus());
    assertEquals("/app", config().workingDir());
    assertEquals("box", config().hostname());
  }

  @Test
  void bad_restart_policy_and_rm_conflict_are_125() {
    assertEquals(125, run("run", "--restart", "sometimes", "alpine"));
    assertEquals(
        "docker: invalid restart policy sometimes.\nSee 'docker run --help'.\n", io.err.toString());
    assertEquals(125, run("run", "--rm", "--restart", "always", "alpine"));
    assertEquals(
        "docker: Conflicting options: --restart and --rm.\nSee 'docker run --help'.\n",
        io.err.toString());
  }

  @Test
  void missing_image_is_pulled_then_created_again() {
    int[] calls = {0};
    engine.on(
        "containers.create",
        a -> {
          if (calls[0]++ == 0) {
            throw EngineException.notFound("No such image: alpine:latest");
          }
          return new ContainerCreateResponse(ID, List.of());
        });
    engine.on(
        "images.pull",
        a -> {
          @SuppressWarnings("unchecked")
          Consumer<ProgressMessage> p = (Consumer<ProgressMessage>) a[3];
          p.accept(ProgressMessage.status("latest", "Pulling from library/alpine"));
          p.accept(ProgressMessage.step("08409d417260", "Pulling fs layer"));
          p.accept(ProgressMessage.step("08409d417260", "Pull complete"));
          p.accept(ProgressMessage.status("Digest: sha256:02bb"));
          p.accept(ProgressMessage.status("Status: Downloaded newer image for alpine:latest"));
          return null;
        });
    assertEquals(0, run("run", "-d", "alpine"));
    assertEquals(
        "Unable to find image 'alpine:latest' locally\nlatest: Pulling from library/alpine\n"
            + "08409d417260: Pull complete\nDigest: sha256:02bb\n"
            + "Status: Downloaded newer image for alpine:latest\n",
        io.err.toString());
    assertEquals(ID + "\n", io.out.toString());
  }

  @Test
  void start_failures_map_to_126_and_127() {
    engine.on(
        "containers.start",
        a -> {
          throw EngineException.badRequest(
              "failed to create task for container: exec: \"nosuch\": executable file not found in $PATH: unknown");
        });
    assertEquals(127, run("run", "-d", "alpine", "nosuch"));
    assertTrue(
        io.err.toString().startsWith("docker: Error response from daemon: failed to create task"));
    engine.on(
        "containers.start",
        a -> {
          throw EngineException.badRequest("exec: \"/etc\": permission denied: unknown");
        });
    assertEquals(126, run("run", "-d", "alpine", "/etc"));
  }

  @Test
  void create_reports_daemon_errors_plainly_with_status_1() {
    engine.on(
        "containers.create",
        a -> {
          throw EngineException.conflict("Conflict. The container name \"/x\" is already in use");
        });
    assertEquals(1, run("create", "--name", "x", "alpine"));
    assertEquals(
        "Error response from daemon: Conflict. The container name \"/x\" is already in use\n",
        io.err.toString());
    assertEquals(125, run("run", "--name", "x", "alpine"));
    assertEquals(
        "docker: Error response from daemon: Conflict. The container name \"/x\" is already in use.\nSee 'docker run --help'.\n",
        io.err.toString());
  }
}
