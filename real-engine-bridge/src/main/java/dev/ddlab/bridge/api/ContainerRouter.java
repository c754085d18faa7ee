package dev.ddlab.bridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.bridge.stream.StdStream;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerStats;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.LogFrame;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.NetworkingConfig;
import dev.ddlab.engine.dto.UpdateRequest;
import dev.ddlab.engine.dto.WaitResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;

/** /containers/… (moby {@code api/server/router/container}, container_routes.go). */
final class ContainerRouter implements Router {
  private static final Duration POLL = Duration.ofMillis(25);

  private final Backend backend;

  ContainerRouter(Backend backend) {
    this.backend = backend;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/containers/json", this::list),
        Route.post("/containers/create", this::create),
        Route.post("/containers/prune", this::prune),
        Route.get("/containers/{id}/json", this::inspect),
        Route.post("/containers/{id}/start", this::start),
        Route.post("/containers/{id}/stop", ctx -> stop(ctx, false)),
        Route.post("/containers/{id}/restart", ctx -> stop(ctx, true)),
        Route.post("/containers/{id}/kill", this::kill),
        Route.post("/containers/{id}/pause", this::pause),
        Route.post("/containers/{id}/unpause", this::unpause),
        Route.post("/containers/{id}/rename", this::rename),
        Route.post("/containers/{id}/update", this::update),
        Route.post("/containers/{id}/resize", ctx -> ctx.status(200)),
        Route.post("/containers/{id}/wait", this::waitContainer),
        Route.delete("/containers/{id}", this::remove),
        Route.get("/containers/{id}/logs", this::logs),
        Route.get("/containers/{id}/top", this::top),
        Route.get("/containers/{id}/stats", this::stats),
        Route.get("/containers/{id}/changes", this::changes),
        Route.get("/containers/{id}/archive", this::getArchive),
        Route.put("/containers/{id}/archive", this::putArchive),
        Route.post("/containers/{id}/attach", this::attach));
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }

  private void list(Context ctx) {
    Integer limit = Params.integer(ctx, "limit");
    boolean all = Params.bool(ctx, "all");
    boolean size = Params.bool(ctx, "size");
    Map<String, List<String>> filters = Params.filters(ctx);
    Json.write(
        ctx,
        200,
        backend.call(e -> e.containers().list(all, limit == null ? 0 : limit, size, filters)));
  }

  private void create(Context ctx) {
    JsonNode body = Json.tree(ctx);
    ContainerConfig config = Json.convert(body, ContainerConfig.class);
    HostConfig host = Json.member(body, "HostConfig", HostConfig.class);
    NetworkingConfig net = Json.member(body, "NetworkingConfig", NetworkingConfig.class);
    String name = Params.str(ctx, "name");
    String platform = Params.str(ctx, "platform");
    Json.write(
        ctx, 201, backend.call(e -> e.containers().create(name, config, host, net, platform)));
  }

  private void prune(Context ctx) {
    Map<String, List<String>> filters = Params.filters(ctx);
    Json.write(ctx, 200, backend.call(e -> e.containers().prune(filters)));
  }

  private void inspect(Context ctx) {
    boolean size = Params.bool(ctx, "size");
    Json.write(ctx, 200, backend.call(e -> e.containers().inspect(id(ctx), size)));
  }

  private void start(Context ctx) {
    backend.run(e -> e.containers().start(id(ctx)));
    ctx.status(204);
  }

  /**
   * A stop takes (virtual) seconds; the Engine seam has no way to run it without holding the lock
   * for that long, so it holds the lock like any other call.
   */
  private void stop(Context ctx, boolean restart) {
    Integer t = Params.integer(ctx, "t");
    String signal = Params.str(ctx, "signal");
    backend.run(
        e -> {
          if (restart) {
            e.containers().restart(id(ctx), signal, t);
          } else {
            e.containers().stop(id(ctx), signal, t);
          }
        });
    ctx.status(204);
  }

  private void kill(Context ctx) {
    String signal = Params.str(ctx, "signal");
    backend.run(e -> e.containers().kill(id(ctx), signal));
    ctx.status(204);
  }

  private void pause(Context ctx) {
    backend.run(e -> e.containers().pause(id(ctx)));
    ctx.status(204);
  }

  private void unpause(Context ctx) {
    backend.run(e -> e.containers().unpause(id(ctx)));
    ctx.status(204);
  }

  private void rename(Context ctx) {
    String name = Params.str(ctx, "name");
    backend.run(e -> e.containers().rename(id(ctx), name));
    ctx.status(204);
  }

  private void update(Context ctx) {
    UpdateRequest req = Json.read(ctx, UpdateRequest.class);
    List<String> warnings = backend.call(e -> e.containers().update(id(ctx), req));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("Warnings", warnings);
    Json.write(ctx, 200, answer);
  }

  private void remove(Context ctx) {
    boolean force = Params.bool(ctx, "force");
    boolean volumes = Params.bool(ctx, "v");
    backend.run(e -> e.containers().remove(id(ctx), force, volumes));
    ctx.status(204);
  }

  private void top(Context ctx) {
    String psArgs = Params.str(ctx, "ps_args");
    Json.write(ctx, 200, backend.call(e -> e.containers().top(id(ctx), psArgs)));
  }

  private void changes(Context ctx) {
    Json.write(ctx, 200, backend.call(e -> e.containers().changes(id(ctx))));
  }

  private void getArchive(Context ctx) {
    String path = Params.str(ctx, "path");
    byte[] tar = backend.call(e -> e.containers().getArchive(id(ctx), path));
    ctx.contentType("application/x-tar");
    ctx.result(tar);
  }

  private void putArchive(Context ctx) {
    String path = Params.str(ctx, "path");
    byte[] tar = ctx.bodyAsBytes();
    backend.run(e -> e.containers().putArchive(id(ctx), path, tar));
    ctx.status(200);
  }

  /**
   * POST /containers/{id}/wait, answered when the engine's wait request is: "not-running"
   * (default), "next-exit" or "removed". Polls under the lock so other requests (the start that
   * will make it exit) and the ticker get through.
   */
  private void waitContainer(Context ctx) throws InterruptedException, IOException {
    String condition = Params.str(ctx, "condition");
    Pending<WaitResponse> wait = backend.call(e -> e.containers().waitAsync(id(ctx), condition));
    OutputStream out = ctx.res().getOutputStream();
    WaitResponse answer =
        answer(
            wait,
            () -> {
              // like dockerd, answer the headers at once: clients wait for them before starting
              // the container
              ctx.status(200);
              ctx.contentType("application/json");
              out.flush();
            });
    out.write(Json.bytes(answer));
    out.write('\n');
    out.flush();
  }

  /** What a client does before the engine's answer comes (send the headers). */
  private interface Before {
    void run() throws IOException;
  }

  /**
   * The engine's answer to {@code p} once it came, polled under the lock so that other requests and
   * the ticker get through; if the client goes away first the request is cancelled.
   */
  private <T> T answer(Pending<T> p, Before before) throws IOException, InterruptedException {
    try {
      before.run();
      while (!backend.call(e -> p.isDone())) {
        Thread.sleep(POLL.toMillis());
      }
      return backend.call(e -> p.get());
    } finally {
      backend.run(
          e -> {
            if (!p.isDone()) {
              p.cancel();
            }
          });
    }
  }

  /**
   * GET /containers/{id}/stats: with stream=false (and one-shot, which answers the same) the
   * engine's answer once it came; else (the default) every sample as a JSON line until the client
   * goes away.
   */
  private void stats(Context ctx) throws InterruptedException, IOException {
    String id = id(ctx);
    String stream = Params.str(ctx, "stream");
    if (stream != null && !Params.bool(ctx, "stream")) {
      Pending<ContainerStats> once = backend.call(e -> e.containers().stats(id));
      Json.write(ctx, 200, answer(once, () -> {}));
      return;
    }
    LinkedBlockingQueue<ContainerStats> queue = new LinkedBlockingQueue<>();
    try (AutoCloseable sub = backend.call(e -> e.containers().statsStream(id, queue::add))) {
      ctx.status(200);
      ctx.contentType("application/json");
      OutputStream out = ctx.res().getOutputStream();
      out.flush();
      Json.follow(out, queue);
    } catch (IOException clientGone) {
      // the client stopped reading
    } catch (RuntimeException | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  /** GET /containers/{id}/logs; with follow, new lines are polled until the container stops. */
  private void logs(Context ctx) throws IOException, InterruptedException {
    String id = id(ctx);
    boolean follow = Params.bool(ctx, "follow");
    boolean timestamps = Params.bool(ctx, "timestamps");
    String tail = Params.str(ctx, "tail");
    LogsOptions opts =
        new LogsOptions(
            Params.bool(ctx, "stdout"),
            Params.bool(ctx, "stderr"),
            Params.str(ctx, "since"),
            Params.str(ctx, "until"),
            timestamps,
            tail == null ? "all" : tail);
    boolean tty = tty(id);
    List<LogFrame> frames = backend.call(e -> e.containers().logs(id, opts));
    ctx.status(200);
    ctx.contentType(AttachPump.contentType(tty));
    OutputStream out = ctx.res().getOutputStream();
    writeFrames(out, frames, tty, timestamps);
    out.flush();
    if (!follow) {
      return;
    }
    // the Engine seam has no follow: poll for new lines (with tail=all) until the container stops
    LogsOptions all = new LogsOptions(opts.stdout(), opts.stderr(), null, null, timestamps, "all");
    int seen = backend.call(e -> e.containers().logs(id, all)).size();
    try {
      while (true) {
        List<LogFrame> now = backend.call(e -> e.containers().logs(id, all));
        if (now.size() > seen) {
          writeFrames(out, now.subList(seen, now.size()), tty, timestamps);
          seen = now.size();
        }
        out.flush();
        if (!backend.call(e -> e.containers().inspect(id)).state().running()) {
          return;
        }
        Thread.sleep(POLL.toMillis() * 4);
      }
    } catch (IOException clientGone) {
      // docker logs -f was interrupted
    }
  }

  private static void writeFrames(
      OutputStream out, List<LogFrame> frames, boolean tty, boolean timestamps) throws IOException {
    for (LogFrame f : frames) {
      String text = timestamps && f.time() != null ? f.time() + " " + f.text() : f.text();
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      if (tty) {
        out.write(bytes);
      } else {
        out.write(
            StdStream.frame(
                "stderr".equals(f.stream()) ? StdStream.STDERR : StdStream.STDOUT, bytes));
      }
    }
  }

  private boolean tty(String id) {
    var c = backend.call(e -> e.containers().inspect(id));
    return c.config() != null && c.config().tty();
  }

  /** POST /containers/{id}/attach without an upgrade: the stream as a plain body. */
  private void attach(Context ctx) throws IOException {
    Opened a = openAttach(id(ctx), Params.bool(ctx, "stdin"));
    AttachPump.serve(ctx, a.attachment(), a.tty(), backend.lock());
  }

  /** An attachment just opened, and whether its process has a TTY. */
  record Opened(Attachment attachment, boolean tty) {}

  /** Opens the container's stream (for a plain or a hijacked attach). */
  Opened openAttach(String id, boolean stdin) {
    synchronized (backend.lock()) {
      boolean tty = tty(id);
      return new Opened(backend.call(e -> e.containers().attach(id, stdin)), tty);
    }
  }
}
