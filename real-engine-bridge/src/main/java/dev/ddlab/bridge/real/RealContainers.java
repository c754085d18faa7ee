package dev.ddlab.bridge.real;

import static dev.ddlab.bridge.real.ApiClient.seg;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.ddlab.bridge.real.ApiClient.Query;
import dev.ddlab.bridge.stream.InputQueue;
import dev.ddlab.bridge.stream.StdStream;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.dto.ChangeItem;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerCreateResponse;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.ContainerPruneResponse;
import dev.ddlab.engine.dto.ContainerStats;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.ExecConfig;
import dev.ddlab.engine.dto.ExecInspect;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.LogFrame;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.NetworkingConfig;
import dev.ddlab.engine.dto.TopResponse;
import dev.ddlab.engine.dto.UpdateRequest;
import dev.ddlab.engine.dto.WaitResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** /containers/…, /exec/… of a real daemon. */
final class RealContainers implements ContainersApi {
  private final ApiClient api;

  RealContainers(ApiClient api) {
    this.api = api;
  }

  private static String path(String id, String rest) {
    return "/containers/" + seg(id) + rest;
  }

  @Override
  public List<ContainerSummary> list(
      boolean all, int limit, boolean size, Map<String, List<String>> filters) {
    return api.get(
        "/containers/json",
        Query.of()
            .flag("all", all)
            .add("limit", limit > 0 ? limit : null)
            .flag("size", size)
            .filters(filters),
        new TypeReference<List<ContainerSummary>>() {});
  }

  @Override
  public ContainerCreateResponse create(
      String name,
      ContainerConfig config,
      HostConfig hostConfig,
      NetworkingConfig networkingConfig,
      String platform) {
    ObjectNode body = ApiClient.JSON.valueToTree(config);
    if (hostConfig != null) {
      body.set("HostConfig", ApiClient.JSON.valueToTree(hostConfig));
    }
    if (networkingConfig != null) {
      body.set("NetworkingConfig", ApiClient.JSON.valueToTree(networkingConfig));
    }
    Query q =
        Query.of()
            .add("name", name == null || name.isEmpty() ? null : name)
            .add("platform", platform);
    return api.post("/containers/create", q, body, ContainerCreateResponse.class);
  }

  @Override
  public ContainerInspect inspect(String id) {
    return inspect(id, false);
  }

  @Override
  public ContainerInspect inspect(String id, boolean size) {
    return api.get(
        path(id, "/json"), size ? Query.of().add("size", "1") : null, ContainerInspect.class);
  }

  @Override
  public void start(String id) {
    api.exchange("POST", path(id, "/start"), null, null);
  }

  @Override
  public void stop(String id, String signal, Integer timeoutSeconds) {
    api.exchange(
        "POST", path(id, "/stop"), Query.of().add("signal", signal).add("t", timeoutSeconds), null);
  }

  @Override
  public Pending<Void> stopAsync(String id, String signal, Integer timeoutSeconds) {
    return new ThreadPending<>(
        "ddlab-stop-" + id,
        () -> {
          stop(id, signal, timeoutSeconds);
          return null;
        });
  }

  @Override
  public void restart(String id, String signal, Integer timeoutSeconds) {
    api.exchange(
        "POST",
        path(id, "/restart"),
        Query.of().add("signal", signal).add("t", timeoutSeconds),
        null);
  }

  @Override
  public void kill(String id, String signal) {
    api.exchange("POST", path(id, "/kill"), Query.of().add("signal", signal), null);
  }

  @Override
  public void pause(String id) {
    api.exchange("POST", path(id, "/pause"), null, null);
  }

  @Override
  public void unpause(String id) {
    api.exchange("POST", path(id, "/unpause"), null, null);
  }

  @Override
  public void remove(String id, boolean force, boolean removeVolumes) {
    api.exchange(
        "DELETE", path(id, ""), Query.of().flag("force", force).flag("v", removeVolumes), null);
  }

  @Override
  public void rename(String id, String newName) {
    api.exchange("POST", path(id, "/rename"), Query.of().add("name", newName), null);
  }

  @Override
  public List<String> update(String id, UpdateRequest request) {
    record Answer(
        @com.fasterxml.jackson.annotation.JsonProperty("Warnings") List<String> warnings) {}
    Answer a = api.post(path(id, "/update"), null, request, Answer.class);
    return a.warnings() == null ? List.of() : a.warnings();
  }

  @Override
  public WaitResponse await(String id, String condition) {
    return api.post(
        path(id, "/wait"), Query.of().add("condition", condition), null, WaitResponse.class);
  }

  @Override
  public Pending<WaitResponse> waitAsync(String id, String condition) {
    String fullId = inspect(id).id(); // a missing container is an error now, as dockerd answers it
    return new ThreadPending<>("ddlab-wait-" + fullId, () -> await(fullId, condition));
  }

  @Override
  public List<LogFrame> logs(String id, LogsOptions options) {
    boolean tty = inspect(id).config().tty();
    Query q =
        Query.of()
            .flag("stdout", options.stdout())
            .flag("stderr", options.stderr())
            .add("since", options.since())
            .add("until", options.until())
            .flag("timestamps", options.timestamps())
            .add("tail", options.tail());
    List<LogFrame> frames = new ArrayList<>();
    try (DockerHttpClient.Response r = api.send("GET", path(id, "/logs"), q, null, null)) {
      if (tty) {
        addLines(frames, "stdout", r.getBody().readAllBytes(), options.timestamps());
      } else {
        StdStream.Reader reader = new StdStream.Reader(r.getBody());
        for (StdStream.Frame f = reader.next(); f != null; f = reader.next()) {
          addLines(frames, f.streamName(), f.payload(), options.timestamps());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return frames;
  }

  /**
   * Splits output into lines (each keeps its '\n'), taking the RFC 3339 timestamp the daemon puts
   * before each line with {@code timestamps=1} into {@link LogFrame#time()}.
   */
  static void addLines(List<LogFrame> out, String stream, byte[] bytes, boolean timestamps) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      String line = text.substring(start, end);
      String time = null;
      if (timestamps) {
        int space = line.indexOf(' ');
        if (space > 0) {
          time = line.substring(0, space);
          line = line.substring(space + 1);
        }
      }
      out.add(new LogFrame(stream, time, line));
      start = end;
    }
  }

  @Override
  public Pending<ContainerStats> stats(String id) {
    return new ThreadPending<>(
        "ddlab-stats-" + id,
        () -> api.get(path(id, "/stats"), Query.of().add("stream", false), ContainerStats.class));
  }

  @Override
  public AutoCloseable statsStream(String id, Consumer<ContainerStats> each) {
    return api.getStream(
        path(id, "/stats"),
        Query.of().add("stream", true),
        ContainerStats.class,
        each,
        "ddlab-stats-" + id);
  }

  @Override
  public TopResponse top(String id, String psArgs) {
    return api.get(path(id, "/top"), Query.of().add("ps_args", psArgs), TopResponse.class);
  }

  @Override
  public List<ChangeItem> changes(String id) {
    List<ChangeItem> c =
        api.get(path(id, "/changes"), null, new TypeReference<List<ChangeItem>>() {});
    return c == null ? List.of() : c;
  }

  @Override
  public byte[] getArchive(String id, String path) {
    try (DockerHttpClient.Response r =
        api.send("GET", path(id, "/archive"), Query.of().add("path", path), null, null)) {
      return r.getBody().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void putArchive(String id, String path, byte[] tar) {
    try (DockerHttpClient.Response r =
        api.send(
            "PUT",
            path(id, "/archive"),
            Query.of().add("path", path),
            new ByteArrayInputStream(tar),
            "application/x-tar")) {
      ApiClient.drain(r.getBody());
    }
  }

  @Override
  public ContainerPruneResponse prune(Map<String, List<String>> filters) {
    ContainerPruneResponse r =
        api.post(
            "/containers/prune", Query.of().filters(filters), null, ContainerPruneResponse.class);
    return r.containersDeleted() == null
        ? new ContainerPruneResponse(List.of(), r.spaceReclaimed())
        : r;
  }

  @Override
  public Attachment attach(String id, boolean stdin) {
    ContainerInspect c = inspect(id);
    boolean tty = c.config().tty();
    String fullId = c.id();
    Query q =
        Query.of().add("stream", "1").flag("stdin", stdin).add("stdout", "1").add("stderr", "1");
    InputQueue in = stdin ? new InputQueue() : null;
    DockerHttpClient.Response r =
        in == null
            ? api.send("POST", path(fullId, "/attach"), q, null, null)
            : api.sendHijacked("POST", path(fullId, "/attach"), q, null, null, in);
    return new StreamAttachment(
        r.getBody(),
        r,
        !tty,
        in,
        detached -> containerExit(fullId, detached),
        tty ? (w, h) -> resize(path(fullId, "/resize"), w, h) : null); // only a TTY, as the CLI
  }

  /** The exit code once an attach stream ended, or null when the container still runs. */
  private Integer containerExit(String id, boolean detached) {
    ContainerInspect c;
    try {
      c = inspect(id);
    } catch (EngineException gone) {
      return gone.isNotFound() ? 0 : null; // removed already (--rm): nothing left to ask
    }
    if (c.state().running() && !c.state().restarting()) {
      if (detached) {
        return null;
      }
      // the stream can end a moment before the daemon records the exit
      return await(id, "not-running").statusCode();
    }
    return c.state().exitCode();
  }

  /** A TTY's resize; refused (the process just ended), it is let go, as docker/cli logs it only. */
  private void resize(String path, int columns, int rows) {
    try {
      api.exchange("POST", path, Query.of().add("h", rows).add("w", columns), null);
    } catch (EngineException e) {
      // docker/cli's resizeTtyTo: debug log, nothing shown
    }
  }

  @Override
  public String execCreate(String id, ExecConfig config) {
    return api.post(path(id, "/exec"), null, config, dev.ddlab.engine.dto.IdResponse.class).id();
  }

  @Override
  public Attachment execStart(String execId, boolean detach, boolean tty) {
    ExecInspect before = execInspect(execId);
    String p = "/exec/" + seg(execId);
    Map<String, Object> body = Map.of("Detach", detach, "Tty", tty);
    if (detach) {
      api.exchange("POST", p + "/start", null, body);
      return StreamAttachment.finished(null);
    }
    InputQueue in = before.openStdin() ? new InputQueue() : null;
    InputStream json = jsonStream(body);
    DockerHttpClient.Response r =
        in == null
            ? api.send("POST", p + "/start", null, json, null)
            : api.sendHijacked("POST", p + "/start", null, json, null, in);
    return new StreamAttachment(
        r.getBody(),
        r,
        !tty,
        in,
        detached -> execExit(execId, detached),
        tty ? (w, h) -> resize(p + "/resize", w, h) : null);
  }

  private static InputStream jsonStream(Object body) {
    try {
      return new ByteArrayInputStream(ApiClient.JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The exec's exit code once its stream ended; the daemon may need a moment to record it. */
  private Integer execExit(String execId, boolean detached) {
    for (int i = 0; i < 200; i++) {
      ExecInspect e = execInspect(execId);
      if (!e.running()) {
        return e.exitCode();
      }
      if (detached) {
        return null;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  @Override
  public ExecInspect execInspect(String execId) {
    return api.get("/exec/" + seg(execId) + "/json", null, ExecInspect.class);
  }
}
