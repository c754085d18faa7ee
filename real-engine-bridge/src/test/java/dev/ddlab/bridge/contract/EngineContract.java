package dev.ddlab.bridge.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.dto.BuildMessage;
import dev.ddlab.engine.dto.BuildRequest;
import dev.ddlab.engine.dto.CommitRequest;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.ContainerStats;
import dev.ddlab.engine.dto.ExecConfig;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.ImageDeleteItem;
import dev.ddlab.engine.dto.LogFrame;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.RestartPolicy;
import dev.ddlab.engine.dto.Ulimit;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import dev.ddlab.engine.dto.WaitResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What every {@link Engine} must do the way Docker does: one suite, run against the simulated node,
 * a real dockerd through {@code RealEngine}, and the simulator served by {@code EngineApiServer}
 * and read back through {@code RealEngine}. Commands are busybox ones, so the offline real engine
 * (a busybox rootfs tagged alpine) runs them too.
 */
public abstract class EngineContract {
  protected Engine engine;
  private final String prefix = "ct" + Long.toHexString(System.nanoTime() & 0xffffff) + "-";

  /** A fresh engine for one test. */
  protected abstract Engine open();

  /** Lets time pass for the engine (virtual time for a simulator, a sleep for a real daemon). */
  protected abstract void letTimePass(Duration d);

  /** Releases what {@link #open} made. */
  protected void close() {}

  /**
   * Behaviours this engine does not have yet, by test method name, with the reason (reported to the
   * engine's owners). Those tests are skipped with the reason, never silently passed.
   */
  protected Map<String, String> knownGaps() {
    return Map.of();
  }

  @BeforeEach
  void skipKnownGaps(TestInfo test) {
    String why = knownGaps().get(test.getTestMethod().orElseThrow().getName());
    assumeTrue(why == null, () -> "known gap of this engine: " + why);
  }

  @BeforeEach
  void setUpEngine() {
    engine = open();
    try {
      engine.images().inspect("alpine:latest");
    } catch (EngineException e) {
      if (!e.isNotFound()) {
        throw e;
      }
      engine.images().pull("alpine", null, false, m -> {});
    }
  }

  @AfterEach
  void cleanUp() {
    if (engine == null) {
      return;
    }
    try {
      for (var c : engine.containers().list(true, 0, false, Map.of())) {
        if (c.names().stream().anyMatch(n -> n.startsWith("/" + prefix))) {
          quietly(() -> engine.containers().remove(c.id(), true, true));
        }
      }
      for (var n : engine.networks().list(Map.of())) {
        if (n.name().startsWith(prefix)) {
          quietly(() -> engine.networks().remove(n.id()));
        }
      }
      for (var v : engine.volumes().list(Map.of())) {
        if (v.name().startsWith(prefix)) {
          quietly(() -> engine.volumes().remove(v.name(), true));
        }
      }
      quietly(() -> engine.images().remove(prefix + "img:1", true, false));
      quietly(() -> engine.images().remove(prefix + "img2:1", true, false));
    } finally {
      close();
    }
  }

  private static void quietly(Runnable r) {
    try {
      r.run();
    } catch (EngineException ignored) {
      // already gone
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  protected String name(String n) {
    return prefix + n;
  }

  protected static ContainerConfig config(String image, String... cmd) {
    return ContainerConfig.command(image, List.of(cmd));
  }

  protected static HostConfig host(RestartPolicy restart, List<String> binds, String network) {
    return HostConfig.none().toBuilder()
        .binds(binds)
        .networkMode(network)
        .restartPolicy(restart)
        .ipcMode("")
        .pidMode("")
        .utsMode("")
        .build();
  }

  protected String create(String name, HostConfig host, String... cmd) {
    return engine.containers().create(name(name), config("alpine", cmd), host, null, null).id();
  }

  protected String run(String name, HostConfig host, String... cmd) {
    String id = create(name, host, cmd);
    engine.containers().start(id);
    return id;
  }

  protected int runToExit(String name, HostConfig host, String... cmd) {
    String id = run(name, host, cmd);
    return engine.containers().await(id, "not-running").statusCode();
  }

  protected String logs(String name, boolean stdout, boolean stderr) {
    List<LogFrame> frames =
        engine
            .containers()
            .logs(name(name), new LogsOptions(stdout, stderr, null, null, false, "all"));
    return frames.stream().map(LogFrame::text).collect(Collectors.joining());
  }

  /** Waits (letting time pass) until the container's state matches, or gives up after 20 s. */
  protected ContainerInspect awaitState(
      String name, java.util.function.Predicate<ContainerInspect> p) {
    ContainerInspect c = engine.containers().inspect(name(name));
    for (int i = 0; i < 200 && !p.test(c); i++) {
      letTimePass(Duration.ofMillis(100));
      c = engine.containers().inspect(name(name));
    }
    return c;
  }

  // ---- lifecycle and exit codes ------------------------------------------------------------

  @Test
  void a_command_that_succeeds_exits_0_and_the_container_is_exited() {
    assertEquals(0, runToExit("ok", null, "true"));
    ContainerInspect c = engine.containers().inspect(name("ok"));
    assertEquals("exited", c.state().status());
    assertFalse(c.state().running());
    assertEquals(0, c.state().exitCode());
  }

  @Test
  void the_exit_code_of_the_main_process_is_the_containers() {
    assertEquals(3, runToExit("three", null, "sh", "-c", "exit 3"));
    assertEquals(3, engine.containers().inspect(name("three")).state().exitCode());
  }

  @Test
  void a_read_only_root_refuses_writes_and_a_tmpfs_on_it_takes_them() {
    HostConfig h =
        HostConfig.none().toBuilder()
            .readonlyRootfs(true)
            .tmpfs(Map.of("/run", "size=1m"))
            .memory(64L << 20)
            .ulimits(List.of(new Ulimit("nofile", 2048, 1024)))
            .build();
    int code =
        runToExit(
            "ro",
            h,
            "sh",
            "-c",
            "touch /x 2>/dev/null || echo refused; touch /run/y && echo ok; ulimit -n; ulimit -Hn;"
                + " echo 1.2.3.4 x 2>/dev/null >> /etc/hosts || echo hosts");
    assertEquals(0, code);
    assertEquals("refused\nok\n1024\n2048\nhosts\n", logs("ro", true, true));
    HostConfig stored = engine.containers().inspect(name("ro")).hostConfig();
    assertTrue(stored.readonlyRootfs());
    assertEquals(Map.of("/run", "size=1m"), stored.tmpfs());
    assertEquals(List.of(new Ulimit("nofile", 2048, 1024)), stored.ulimits());
    assertEquals(64L << 20, stored.shmSize(), "the daemon's default /dev/shm");
    assertEquals(128L << 20, stored.memorySwap(), "swap as large as the memory by default");
  }

  @Test
  void memory_swap_below_the_memory_or_without_it_is_refused_as_dockerd_refuses_it() {
    HostConfig below =
        HostConfig.none().toBuilder().memory(64L << 20).memorySwap(32L << 20).build();
    EngineException e = assertThrows(EngineException.class, () -> create("swap1", below, "true"));
    assertEquals(
        "Minimum memoryswap limit should be larger than memory limit, see usage", e.getMessage());
    HostConfig alone = HostConfig.none().toBuilder().memorySwap(32L << 20).build();
    e = assertThrows(EngineException.class, () -> create("swap2", alone, "true"));
    assertEquals(
        "You should always set the Memory limit when using Memoryswap limit, see usage",
        e.getMessage());
  }

  @Test
  void a_killed_container_exits_137() {
    String id = run("killed", null, "sleep", "300");
    assertTrue(engine.containers().inspect(id).state().running());
    engine.containers().kill(id, "SIGKILL");
    assertEquals(137, engine.containers().await(id, "not-running").statusCode());
    assertEquals(137, engine.containers().inspect(id).state().exitCode());
  }

  @Test
  void a_wait_request_answers_when_the_container_exits_and_a_missing_one_is_404_at_once() {
    EngineException missing =
        assertThrows(
            EngineException.class, () -> engine.containers().waitAsync(name("nosuch"), null));
    assertEquals(404, missing.status(), missing.getMessage());
    String id = run("waited", null, "sh", "-c", "sleep 1; exit 5");
    Pending<WaitResponse> w = engine.containers().waitAsync(id, "not-running");
    for (int i = 0; i < 100 && !w.isDone(); i++) {
      letTimePass(Duration.ofMillis(100));
    }
    assertTrue(w.isDone(), "the wait answered once the container exited");
    assertEquals(5, w.get().statusCode());
    Pending<WaitResponse> again = engine.containers().waitAsync(id, "not-running");
    assertTrue(again.await(Duration.ofSeconds(10)), "a stopped container answers at once");
    assertEquals(5, again.get().statusCode());
  }

  /**
   * The version rule: {@code stop?signal=} exists from API 1.42 (Docker 23.0). A daemon of an older
   * API (Debian's docker.io 20.10 speaks 1.41) ignores the parameter: it sends the container's own
   * stop signal (SIGTERM) and SIGKILL after the timeout, and an unknown signal is no error. Each
   * engine is checked for the behaviour of its own API version.
   */
  @Test
  void stop_with_a_signal_sends_that_signal_then_sigkill_after_the_timeout() {
    String api = engine.system().version().apiVersion();
    boolean signalParameter = compareVersions(api, "1.42") >= 0;
    String id = run("sigstop", null, "sleep", "300");
    engine.containers().stop(id, "SIGUSR1", 1);
    assertEquals(137, engine.containers().inspect(id).state().exitCode());
    List<String> signals =
        engine
            .system()
            .events(
                // the whole history of this container: a served simulator's clock is virtual,
                // so a window computed from the client's wall clock may miss its events
                "0",
                Long.toString(engine.system().nowNanos() / 1_000_000_000L + 1),
                Map.of("container", List.of(id), "event", List.of("kill")))
            .stream()
            .map(e -> e.actor().attributes().get("signal"))
            .toList();
    String other = run("sigbad", null, "sleep", "300");
    if (signalParameter) {
      assertEquals(List.of("10", "9"), signals, "API " + api + " sends the asked signal");
      EngineException bad =
          assertThrows(EngineException.class, () -> engine.containers().stop(other, "FOO", 1));
      // Docker 24's moby/sys/signal text (20.10, without the parameter, never gets here)
      assertEquals("invalid signal: FOO", bad.getMessage());
    } else {
      assertEquals(List.of("15", "9"), signals, "API " + api + " ignores signal=");
      engine.containers().stop(other, "FOO", 1);
      assertEquals(137, engine.containers().inspect(other).state().exitCode());
    }
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int d =
          Integer.compare(
              i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
      if (d != 0) {
        return d;
      }
    }
    return 0;
  }

  @Test
  void starting_a_missing_executable_fails_and_records_127() {
    String id = create("nocmd", null, "nosuchcmd");
    EngineException e = assertThrows(EngineException.class, () -> engine.containers().start(id));
    assertEquals(400, e.status(), e.getMessage());
    assertTrue(
        e.getMessage().contains("exec: \"nosuchcmd\": executable file not found in $PATH"),
        e.getMessage());
    ContainerInspect c = engine.containers().inspect(id);
    assertEquals(127, c.state().exitCode());
    assertFalse(c.state().running());
  }

  @Test
  void starting_a_file_that_is_not_executable_fails_and_records_126() {
    String id = create("noexec", null, "/etc/passwd");
    EngineException e = assertThrows(EngineException.class, () -> engine.containers().start(id));
    assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
    assertEquals(126, engine.containers().inspect(id).state().exitCode());
  }

  @Test
  void a_second_container_with_the_same_name_is_a_409_naming_the_first() {
    String id = create("dup", null, "true");
    EngineException e = assertThrows(EngineException.class, () -> create("dup", null, "true"));
    assertEquals(409, e.status());
    assertEquals(
        "Conflict. The container name \"/"
            + name("dup")
            + "\" is already in use by container \""
            + id
            + "\". You have to remove (or rename) that container to be able to reuse that name.",
        e.getMessage());
  }

  @Test
  void removing_a_running_container_needs_force() {
    String id = run("busy", null, "sleep", "300");
    EngineException e =
        assertThrows(EngineException.class, () -> engine.containers().remove(id, false, false));
    assertEquals(409, e.status());
    assertTrue(
        e.getMessage().startsWith("You cannot remove a running container " + id), e.getMessage());
    engine.containers().remove(id, true, false);
    assertEquals(
        404, assertThrows(EngineException.class, () -> engine.containers().inspect(id)).status());
  }

  @Test
  void on_failure_restarts_up_to_the_maximum_then_stays_exited() {
    run("flaky", host(new RestartPolicy("on-failure", 2), null, null), "sh", "-c", "exit 2");
    ContainerInspect c =
        awaitState(
            "flaky", i -> i.restartCount() == 2 && !i.state().running() && !i.state().restarting());
    assertEquals(2, c.restartCount());
    assertEquals("exited", c.state().status());
    assertEquals(2, c.state().exitCode());
    assertEquals("on-failure", c.hostConfig().restartPolicy().name());
  }

  // ---- logs and exec -----------------------------------------------------------------------

  @Test
  void logs_keep_stdout_and_stderr_apart() {
    runToExit("talk", null, "sh", "-c", "echo out; echo err >&2");
    assertEquals("out\n", logs("talk", true, false));
    assertEquals("err\n", logs("talk", false, true));
  }

  @Test
  void exec_runs_in_the_container_and_reports_its_exit_code() {
    String id = run("ex", null, "sleep", "300");
    String exec =
        engine
            .containers()
            .execCreate(
                id,
                new ExecConfig(
                    false,
                    true,
                    true,
                    null,
                    false,
                    null,
                    List.of("sh", "-c", "echo hi; exit 5"),
                    false,
                    null,
                    null));
    Attachment a = engine.containers().execStart(exec, false, false);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 200 && !a.awaitExit(Duration.ofMillis(100)); i++) {
      out.append(a.read());
      letTimePass(Duration.ofMillis(10));
    }
    out.append(a.read());
    assertEquals("hi\n", out.toString());
    assertEquals(5, a.exitCode());
    assertEquals(5, engine.containers().execInspect(exec).exitCode());
    assertEquals(id, engine.containers().execInspect(exec).containerId());
  }

  @Test
  void exec_of_a_missing_command_exits_126() {
    String id = run("ex126", null, "sleep", "300");
    String exec =
        engine
            .containers()
            .execCreate(
                id,
                new ExecConfig(
                    false, true, true, null, false, null, List.of("nosuchcmd"), false, null, null));
    Attachment a = engine.containers().execStart(exec, false, false);
    for (int i = 0; i < 200 && !a.awaitExit(Duration.ofMillis(100)); i++) {
      letTimePass(Duration.ofMillis(10));
    }
    assertEquals(126, engine.containers().execInspect(exec).exitCode());
  }

  /** docker top runs the host's ps with ps_args and keeps the container's rows. */
  @Test
  void top_runs_ps_with_the_given_options_and_reports_its_errors() {
    String id = run("top", null, "sleep", "300");
    int pid = engine.containers().inspect(id).state().pid();
    var ef = engine.containers().top(id, null);
    assertEquals(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"), ef.titles());
    assertEquals(1, ef.processes().size(), ef.processes().toString());
    assertEquals(String.valueOf(pid), ef.processes().get(0).get(1));
    assertEquals("sleep 300", ef.processes().get(0).get(7));
    var custom = engine.containers().top(id, "-o pid,comm");
    assertEquals(List.of("PID", "COMMAND"), custom.titles());
    assertEquals(List.of(List.of(String.valueOf(pid), "sleep")), custom.processes());
    EngineException bad =
        assertThrows(EngineException.class, () -> engine.containers().top(id, "-o nosuchcol"));
    assertEquals(500, bad.status());
    assertEquals(
        "ps: error: unknown user-defined format specifier \"nosuchcol\"", bad.getMessage());
  }

  @Test
  void stats_sample_a_busy_container_with_the_second_before_as_precpu() {
    String id = run("stats", null, "sh", "-c", "while true; do :; done");
    Pending<ContainerStats> answer = engine.containers().stats(name("stats"));
    assertTrue(answer.await(Duration.ofSeconds(30)), "no stats answer");
    ContainerStats s = answer.get();
    assertEquals(id, s.id());
    assertEquals("/" + name("stats"), s.name());
    assertTrue(s.pidsStats().current() >= 1, s.toString());
    assertTrue(s.memoryStats().usage() > 0, s.toString());
    assertTrue(s.memoryStats().limit() > 0, s.toString());
    long busy = s.cpuStats().cpuUsage().totalUsage() - s.precpuStats().cpuUsage().totalUsage();
    long all = s.cpuStats().systemCpuUsage() - s.precpuStats().systemCpuUsage();
    assertTrue(busy > 0 && all > 0, "the busy loop used no CPU in the last second: " + s);
    assertTrue(s.cpuStats().onlineCpus() >= 1, s.toString());
  }

  @Test
  void stats_of_a_container_not_running_are_empty_and_of_a_missing_one_a_404() {
    String id = create("stats-idle", null, "true");
    Pending<ContainerStats> answer = engine.containers().stats(id);
    assertTrue(answer.await(Duration.ofSeconds(30)), "no stats answer");
    ContainerStats s = answer.get();
    assertEquals(id, s.id());
    assertEquals(0L, s.cpuStats().cpuUsage().totalUsage());
    assertTrue(s.memoryStats() == null || s.memoryStats().usage() == null, s.toString());
    EngineException missing =
        assertThrows(
            EngineException.class,
            () -> {
              Pending<ContainerStats> p = engine.containers().stats(name("nosuch"));
              p.await(Duration.ofSeconds(30));
              p.get();
            });
    assertEquals(404, missing.status());
    assertEquals("No such container: " + name("nosuch"), missing.getMessage());
  }

  @Test
  void a_stats_stream_sends_a_sample_at_once_then_one_a_second_until_closed() throws Exception {
    run("stats-stream", null, "sleep", "300");
    List<ContainerStats> got = new java.util.concurrent.CopyOnWriteArrayList<>();
    AutoCloseable stream = engine.containers().statsStream(name("stats-stream"), got::add);
    try {
      letTimePass(Duration.ofMillis(2500));
      for (int i = 0; i < 50 && got.size() < 3; i++) {
        letTimePass(Duration.ofMillis(200));
      }
    } finally {
      stream.close();
    }
    assertTrue(got.size() >= 3, "samples: " + got.size());
    assertEquals(got.get(0).read(), got.get(1).preread());
    int seen = got.size();
    letTimePass(Duration.ofSeconds(2));
    assertTrue(got.size() <= seen + 1, "samples kept coming after close");
  }

  // ---- inspect shapes ----------------------------------------------------------------------

  @Test
  void inspect_has_the_api_shape() {
    String id = run("shape", null, "sleep", "300");
    ContainerInspect c = engine.containers().inspect(name("shape"));
    assertEquals(id, c.id());
    assertEquals(64, c.id().length());
    assertEquals("/" + name("shape"), c.name());
    assertEquals("sleep", c.path());
    assertEquals(List.of("300"), c.args());
    assertEquals("running", c.state().status());
    assertTrue(c.state().pid() > 0);
    assertTrue(c.image().startsWith("sha256:"), c.image());
    assertEquals("alpine", c.config().image());
    assertEquals(List.of("sleep", "300"), c.config().cmd());
    assertTrue(
        c.networkSettings().networks().containsKey("bridge"), c.networkSettings().toString());
    assertTrue(
        c.created().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), c.created());
    assertEquals("0001-01-01T00:00:00Z", c.state().finishedAt());
    var summary = engine.containers().list(false, 0, false, Map.of("name", List.of(name("shape"))));
    assertEquals(1, summary.size());
    assertEquals(List.of("/" + name("shape")), summary.get(0).names());
    assertEquals("running", summary.get(0).state());
    assertTrue(summary.get(0).status().startsWith("Up "), summary.get(0).status());
  }

  @Test
  void inspect_with_size_adds_the_sizes_ps_s_lists() {
    run("sized", null, "sleep", "300");
    ContainerInspect plain = engine.containers().inspect(name("sized"));
    assertEquals(null, plain.sizeRw());
    assertEquals(null, plain.sizeRootFs());
    ContainerInspect sized = engine.containers().inspect(name("sized"), true);
    var listed =
        engine.containers().list(true, 0, true, Map.of("name", List.of(name("sized")))).get(0);
    // the listing leaves a zero SizeRw out (omitempty on an int64), the inspect's pointer keeps it
    assertEquals(listed.sizeRw() == null ? 0L : listed.sizeRw(), sized.sizeRw());
    assertEquals(listed.sizeRootFs(), sized.sizeRootFs());
    assertTrue(sized.sizeRootFs() > 0, sized.toString());
  }

  // ---- images ------------------------------------------------------------------------------

  @Test
  void a_tag_is_removed_by_untagging_while_the_image_stays() {
    engine.images().tag("alpine:latest", name("img"), "1");
    String id = engine.images().inspect(name("img") + ":1").id();
    assertEquals(engine.images().inspect("alpine:latest").id(), id);
    List<ImageDeleteItem> deleted = engine.images().remove(name("img") + ":1", false, false);
    assertEquals(List.of(new ImageDeleteItem(name("img") + ":1", null)), deleted);
    assertEquals(id, engine.images().inspect("alpine:latest").id());
  }

  @Test
  void removing_an_image_by_id_that_several_tags_name_must_be_forced() {
    // an image of this test's own (a commit), so that no container of anyone else sharing the
    // daemon runs it: the daemon would then answer "image is being used by running container"
    String source = create("imgsrc", null, "true");
    String id =
        engine
            .images()
            .commit(new CommitRequest(source, name("img"), "1", null, null, false, null))
            .id();
    engine.images().tag(id, name("img2"), "1");
    String shortId = id.substring("sha256:".length(), "sha256:".length() + 12);
    EngineException e =
        assertThrows(EngineException.class, () -> engine.images().remove(id, false, false));
    assertEquals(409, e.status());
    assertEquals(
        "conflict: unable to delete "
            + shortId
            + " (must be forced) - image is referenced in multiple repositories",
        e.getMessage());
  }

  @Test
  void a_missing_image_is_404_with_the_normalised_reference() {
    EngineException e =
        assertThrows(
            EngineException.class, () -> engine.images().remove("nosuchimage", false, false));
    assertEquals(404, e.status());
    assertEquals("No such image: nosuchimage:latest", e.getMessage());
    EngineException c =
        assertThrows(
            EngineException.class,
            () ->
                engine
                    .containers()
                    .create(name("noimg"), config("nosuchimage", "true"), null, null, null));
    assertEquals(404, c.status());
    assertEquals("No such image: nosuchimage:latest", c.getMessage());
  }

  /**
   * The private dockerd reaches no registry, so the contract checks the path every engine shares: a
   * push of a name with no local image starts the stream, then fails in it, naming the image.
   */
  @Test
  void pushing_a_name_without_a_local_image_fails_in_the_stream_naming_it() {
    String repo = name("nosuchpush");
    List<String> statuses = new java.util.ArrayList<>();
    EngineException e =
        assertThrows(
            EngineException.class,
            () ->
                engine
                    .images()
                    .push(
                        repo + ":v1",
                        new dev.ddlab.engine.dto.AuthConfig(null, null, null).header(),
                        m -> statuses.add(m.status())));
    assertEquals(
        List.of("The push refers to repository [docker.io/library/" + repo + "]"), statuses);
    assertEquals("An image does not exist locally with the tag: " + repo, e.getMessage());
  }

  // ---- networks and volumes ----------------------------------------------------------------

  @Test
  void containers_on_a_user_bridge_resolve_each_other_by_name() {
    engine
        .networks()
        .create(
            new NetworkCreateRequest(
                name("net"), "bridge", false, false, false, null, false, null, null));
    run("srv", host(null, null, name("net")), "sleep", "300");
    int code =
        runToExit(
            "cli",
            host(null, null, name("net")),
            "sh",
            "-c",
            "ping -c1 -W2 "
                + name("srv")
                + " >/dev/null && echo found; ping -c1 -W1 "
                + name("nobody"));
    String out = logs("cli", true, true);
    assertEquals("found\nping: bad address '" + name("nobody") + "'\n", out);
    assertEquals(1, code);
    var net = engine.networks().inspect(name("net"));
    assertEquals("bridge", net.driver());
    assertEquals("local", net.scope());
    assertTrue(
        net.containers().values().stream().anyMatch(e -> e.name().equals(name("srv"))),
        net.containers().toString());
  }

  @Test
  void a_second_network_with_the_same_name_is_a_409() {
    NetworkCreateRequest r =
        new NetworkCreateRequest(
            name("dupnet"), "bridge", false, false, false, null, false, null, null);
    engine.networks().create(r);
    EngineException e = assertThrows(EngineException.class, () -> engine.networks().create(r));
    assertEquals(409, e.status());
    assertEquals("network with name " + name("dupnet") + " already exists", e.getMessage());
  }

  @Test
  void a_named_volume_keeps_data_between_containers() {
    engine.volumes().create(new VolumeCreateRequest(name("vol"), "local", null, null));
    List<String> binds = List.of(name("vol") + ":/data");
    assertEquals(
        0, runToExit("writer", host(null, binds, null), "sh", "-c", "echo kept > /data/f"));
    assertEquals(0, runToExit("reader", host(null, binds, null), "cat", "/data/f"));
    assertEquals("kept\n", logs("reader", true, true));
    EngineException inUse =
        assertThrows(EngineException.class, () -> engine.volumes().remove(name("vol"), false));
    assertEquals(409, inUse.status());
    assertTrue(
        inUse.getMessage().startsWith("remove " + name("vol") + ": volume is in use - ["),
        inUse.getMessage());
  }

  // ---- build -------------------------------------------------------------------------------

  /** A build context: the files as a tar, as the CLI sends it. */
  protected static byte[] context(Map<String, String> files) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar =
        new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(out)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        byte[] data = f.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.apache.commons.compress.archivers.tar.TarArchiveEntry e =
            new org.apache.commons.compress.archivers.tar.TarArchiveEntry(f.getKey());
        e.setSize(data.length);
        e.setMode(0100644);
        e.setModTime(1_700_000_000_000L);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Builds with the classic builder's stream (what every engine here answers to the API). */
  protected List<BuildMessage> build(String tag, String target, Map<String, String> files) {
    BuildRequest req =
        BuildRequest.builder()
            .tags(List.of(tag))
            .target(target)
            .version("1")
            .forceRemove(true)
            .build();
    List<BuildMessage> out = new java.util.ArrayList<>();
    engine.builds().build(req, new java.io.ByteArrayInputStream(context(files)), out::add);
    return out;
  }

  private static String builtId(List<BuildMessage> messages) {
    for (BuildMessage m : messages) {
      if (m.error() != null) {
        throw new AssertionError("build failed: " + m.error());
      }
    }
    return messages.stream()
        .filter(m -> m.aux() != null && m.aux().get("ID") != null)
        .map(m -> (String) m.aux().get("ID"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no image ID in " + messages));
  }

  private static String stream(List<BuildMessage> messages) {
    StringBuilder sb = new StringBuilder();
    messages.forEach(m -> sb.append(m.stream() == null ? "" : m.stream()));
    return sb.toString();
  }

  @Test
  void build_from_run_and_copy_adds_a_layer_for_each_and_keeps_the_config() {
    String tag = name("img:1");
    String id =
        builtId(
            build(
                tag,
                "",
                Map.of(
                    "Dockerfile",
                    "FROM alpine\nRUN echo built > /built.txt\nCOPY greeting.txt /greeting.txt\n"
                        + "WORKDIR /srv\nCMD [\"cat\", \"/greeting.txt\"]\n",
                    "greeting.txt",
                    "hello from the context\n")));
    var img = engine.images().inspect(tag);
    assertEquals(id, img.id());
    int base = engine.images().inspect("alpine:latest").rootFs().layers().size();
    assertTrue(img.rootFs().layers().size() >= base + 2, "layers " + img.rootFs().layers());
    assertEquals(List.of("cat", "/greeting.txt"), img.config().cmd());
    assertEquals("/srv", img.config().workingDir());
  }

  @Test
  void build_again_hits_the_cache_and_makes_the_same_image() {
    Map<String, String> files =
        Map.of(
            "Dockerfile",
            "FROM alpine\nRUN echo cached > /c.txt\nCOPY a.txt /a.txt\n",
            "a.txt",
            "a\n");
    String first = builtId(build(name("img:1"), "", files));
    List<BuildMessage> again = build(name("img:1"), "", files);
    assertEquals(first, builtId(again));
    assertTrue(stream(again).contains(" ---> Using cache"), stream(again));
  }

  @Test
  void build_target_stops_at_the_named_stage() {
    Map<String, String> files =
        Map.of(
            "Dockerfile", "FROM alpine AS one\nENV STAGE=one\nFROM alpine AS two\nENV STAGE=two\n");
    builtId(build(name("img2:1"), "one", files));
    assertTrue(
        engine.images().inspect(name("img2:1")).config().env().contains("STAGE=one"),
        "env of the target stage");
  }

  @Test
  void build_with_a_failing_run_ends_the_stream_with_the_exit_code() {
    List<BuildMessage> out =
        build(name("img:1"), "", Map.of("Dockerfile", "FROM alpine\nRUN exit 3\n"));
    String error =
        out.stream().map(BuildMessage::error).filter(e -> e != null).findFirst().orElseThrow();
    assertEquals("The command '/bin/sh -c exit 3' returned a non-zero code: 3", error);
  }

  // ---- not found ---------------------------------------------------------------------------

  @Test
  void missing_objects_are_404_with_the_daemons_words() {
    EngineException c =
        assertThrows(EngineException.class, () -> engine.containers().inspect(name("nosuch")));
    assertEquals(404, c.status());
    assertEquals("No such container: " + name("nosuch"), c.getMessage());
    EngineException n =
        assertThrows(EngineException.class, () -> engine.networks().inspect(name("nosuch")));
    assertEquals(404, n.status());
    assertEquals("network " + name("nosuch") + " not found", n.getMessage());
    EngineException v =
        assertThrows(EngineException.class, () -> engine.volumes().inspect(name("nosuch")));
    assertEquals(404, v.status());
    assertEquals("get " + name("nosuch") + ": no such volume", v.getMessage());
  }

  /** Docker checks the networks of a container when it starts, not when it is created. */
  @Test
  void a_container_on_an_unknown_network_fails_to_start_with_404() {
    String id =
        engine
            .containers()
            .create(
                name("lost"), config("alpine", "true"), host(null, null, name("nonet")), null, null)
            .id();
    EngineException e = assertThrows(EngineException.class, () -> engine.containers().start(id));
    if (e.status() == 500 && e.getMessage().equals(SWARM_HISTORY_ANSWER)) {
      return; // a shared daemon that someone put in a swarm (and took out) since it started
    }
    assertEquals(404, e.status(), e.getMessage());
    assertEquals("network " + name("nonet") + " not found", e.getMessage());
  }

  /**
   * What Docker 20.10 answers instead of the 404 once it has been a swarm node since it started
   * (swarm init, then leave): it asks the cluster, which is gone, to attach the unknown network.
   * The private dockerd is shared by everyone's tests, so its history is not this test's to choose.
   */
  private static final String SWARM_HISTORY_ANSWER =
      "invalid cluster node while attaching to network";
}
