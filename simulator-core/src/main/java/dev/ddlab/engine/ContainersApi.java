package dev.ddlab.engine;

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
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Engine API: /containers/…, /exec/…. Container arguments accept a name, full ID or unique ID
 * prefix.
 */
public interface ContainersApi {
  /** GET /containers/json?all=&limit=&size=&filters=. limit ≤ 0 means no limit. */
  List<ContainerSummary> list(
      boolean all, int limit, boolean size, Map<String, List<String>> filters);

  /**
   * POST /containers/create?name=&platform=. 404 "No such image: x:latest" when the image is
   * missing (the CLI then pulls and retries); 409 for a name in use.
   */
  ContainerCreateResponse create(
      String name,
      ContainerConfig config,
      HostConfig hostConfig,
      NetworkingConfig networkingConfig,
      String platform);

  ContainerInspect inspect(String id);

  /**
   * GET /containers/{id}/json?size=1 when {@code size}: the container with SizeRw and SizeRootFs
   * (what {@code docker inspect -s} asks for).
   */
  ContainerInspect inspect(String id, boolean size);

  /**
   * POST /containers/{id}/start. Runtime failures (exec not found → 127 at the CLI) are 400/500
   * errors.
   */
  void start(String id);

  /**
   * POST /containers/{id}/stop?signal=&t=: the signal (null: the container's StopSignal, SIGTERM),
   * then SIGKILL after the timeout (null: the container's StopTimeout or 10 s; -1: no SIGKILL). A
   * stopped container is left alone; a bad signal is 400 "Invalid signal: FOO".
   */
  void stop(String id, String signal, Integer timeoutSeconds);

  /** {@link #stop(String, String, Integer)} with the container's own stop signal. */
  default void stop(String id, Integer timeoutSeconds) {
    stop(id, null, timeoutSeconds);
  }

  /**
   * The same stop request, answered later: the signal is sent (and a bad signal or missing
   * container thrown) now, the answer comes when the container is down. {@code docker stop a b}
   * sends its requests together, so both containers get the signal at once. The default blocks in
   * {@link #stop}; a real engine answers from the HTTP response, the simulator from its clock.
   */
  default Pending<Void> stopAsync(String id, String signal, Integer timeoutSeconds) {
    stop(id, signal, timeoutSeconds);
    return Pending.done(null);
  }

  /** POST /containers/{id}/restart?signal=&t=: a stop as {@link #stop}, then a start. */
  void restart(String id, String signal, Integer timeoutSeconds);

  /** {@link #restart(String, String, Integer)} with the container's own stop signal. */
  default void restart(String id, Integer timeoutSeconds) {
    restart(id, null, timeoutSeconds);
  }

  /** POST /containers/{id}/kill?signal= (default SIGKILL). */
  void kill(String id, String signal);

  void pause(String id);

  void unpause(String id);

  /** DELETE /containers/{id}?force=&v=. */
  void remove(String id, boolean force, boolean removeVolumes);

  void rename(String id, String newName);

  /** POST /containers/{id}/update; returns the API's Warnings. */
  List<String> update(String id, UpdateRequest request);

  /**
   * POST /containers/{id}/wait?condition= ("not-running", the default; "next-exit"; "removed"),
   * blocking until the condition holds.
   */
  WaitResponse await(String id, String condition);

  /**
   * POST /containers/{id}/wait?condition= as the Go client's {@code ContainerWait} makes it: 404
   * for a missing container and 400 for a bad condition are thrown now; the answer comes when the
   * condition holds ("not-running": at once for a stopped container, else at its next exit, a
   * restart policy's included; "next-exit": at the next exit; "removed": at its removal), with the
   * exit code. The default blocks in {@link #await}.
   */
  default Pending<WaitResponse> waitAsync(String id, String condition) {
    return Pending.done(await(id, condition));
  }

  /** GET /containers/{id}/logs (not following). */
  List<LogFrame> logs(String id, LogsOptions options);

  /**
   * GET /containers/{id}/stats?stream=false: a sample whose {@code precpu_stats} is the one taken a
   * second earlier, so the answer comes a second after the request, as dockerd's collector answers.
   * 404 for an unknown container; a container that is not running answers zeros.
   */
  Pending<ContainerStats> stats(String id);

  /**
   * GET /containers/{id}/stats?stream=true: a sample at once (no precpu) and then one a second,
   * each to {@code each}, until the returned handle is closed. 404 for an unknown container.
   */
  AutoCloseable statsStream(String id, Consumer<ContainerStats> each);

  /** GET /containers/{id}/top?ps_args=. */
  TopResponse top(String id, String psArgs);

  /** GET /containers/{id}/changes. */
  List<ChangeItem> changes(String id);

  /** GET /containers/{id}/archive?path=: a tar of the path. 404 when missing. */
  byte[] getArchive(String id, String path);

  /** PUT /containers/{id}/archive?path=: extracts a tar into the directory path. */
  void putArchive(String id, String path, byte[] tar);

  /** POST /containers/prune. */
  ContainerPruneResponse prune(Map<String, List<String>> filters);

  /**
   * POST /containers/{id}/attach?stream=1&stdin=&stdout=1&stderr=1. Attaching before {@link #start}
   * captures everything the process prints, as {@code docker run} does.
   */
  Attachment attach(String id, boolean stdin);

  /** POST /containers/{id}/exec: returns the exec ID. */
  String execCreate(String id, ExecConfig config);

  /**
   * POST /exec/{id}/start. With {@code detach} the attachment is already closed and yields no
   * output. A missing executable is exit code 126/127 at inspect, with the runtime's message as
   * output, as Docker does.
   */
  Attachment execStart(String execId, boolean detach, boolean tty);

  ExecInspect execInspect(String execId);

  /**
   * GET /containers/{id}/json port map as the docker port command prints it: "80/tcp" → bindings.
   */
  default Map<String, List<dev.ddlab.engine.dto.PortBinding>> ports(String id) {
    return inspect(id).networkSettings().ports();
  }
}
