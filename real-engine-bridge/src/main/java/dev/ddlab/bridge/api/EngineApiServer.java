package dev.ddlab.bridge.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.bridge.stream.StdStream;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.dto.CommitRequest;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.engine.dto.ExecConfig;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.LogFrame;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.NetworkingConfig;
import dev.ddlab.engine.dto.UpdateRequest;
import dev.ddlab.engine.dto.Version;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import dev.ddlab.engine.dto.WaitResponse;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;

/**
 * Any {@link Engine} served as the Docker Engine API, so that the real {@code docker} CLI (or any
 * client) can drive it: {@code DOCKER_HOST=tcp://127.0.0.1:2375 docker ps}. Paths work with and
 * without the {@code /v1.xx} prefix; errors are the status and {"message": …} the daemon sends;
 * attach and exec upgrade the connection ("101 UPGRADED") like dockerd's hijacking.
 *
 * <p>Engines are not assumed to be thread-safe: every call goes through one lock. A simulated
 * engine's virtual time is driven by the optional ticker, so that waits, attach streams and
 * followed logs see time pass as in a real daemon.
 */
public final class EngineApiServer implements AutoCloseable {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final Duration POLL = Duration.ofMillis(25);

  private final Engine engine;
  private final Object lock;
  private final TimeDriver ticker;
  private final Javalin app;
  private ScheduledExecutorService tickerThread;
  private volatile String apiVersion;
  private org.eclipse.jetty.server.Server jetty;

  /** Lets wall time pass in a simulated engine (called under the lock). */
  @FunctionalInterface
  public interface TimeDriver {
    void advance(Duration elapsed);
  }

  /**
   * @param engine what to serve
   * @param lock what every engine call synchronises on (share it with other users of the engine)
   * @param ticker advances a simulated engine's clock, or null for an engine with real time
   * @param port TCP port on 127.0.0.1 (0 picks a free one)
   * @param socket a unix socket to listen on as well, or null
   */
  public EngineApiServer(Engine engine, Object lock, TimeDriver ticker, int port, Path socket) {
    this.engine = engine;
    this.lock = lock;
    this.ticker = ticker;
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.router.ignoreTrailingSlashes = true;
              config.http.maxRequestSize = 512L * 1024 * 1024;
              // attach and exec start with "Upgrade: tcp" are taken before Javalin (whose async
              // request cycle cannot hand a connection over): a plain servlet filter can
              config.jetty.modifyServletContextHandler(
                  handler ->
                      handler.addFilter(
                          new FilterHolder(new HijackFilter(this::hijack)),
                          "/*",
                          EnumSet.of(DispatcherType.REQUEST)));
              config.jetty.modifyServer(
                  server -> {
                    jetty = server;
                    // own connectors (Javalin adds none then): long idle timeouts for
                    // waits, attach and followed logs and events
                    ServerConnector tcp = new ServerConnector(server);
                    tcp.setHost("127.0.0.1");
                    tcp.setPort(port);
                    tcp.setIdleTimeout(Duration.ofHours(1).toMillis());
                    server.addConnector(tcp);
                    if (socket != null) {
                      UnixDomainServerConnector unix =
                          new UnixDomainServerConnector(server, new HttpConnectionFactory());
                      unix.setUnixDomainPath(socket);
                      unix.setIdleTimeout(Duration.ofHours(1).toMillis());
                      server.addConnector(unix);
                    }
                  });
              routes(config.routes);
            });
  }

  /** Serves {@code engine} on 127.0.0.1:{@code port} only, without a ticker. */
  public static EngineApiServer tcp(Engine engine, int port) {
    return new EngineApiServer(engine, new Object(), null, port, null);
  }

  public EngineApiServer start() {
    app.start();
    if (ticker != null) {
      tickerThread =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "ddlab-api-ticker");
                t.setDaemon(true);
                return t;
              });
      long step = 50;
      tickerThread.scheduleAtFixedRate(
          () -> {
            synchronized (lock) {
              ticker.advance(Duration.ofMillis(step));
            }
          },
          step,
          step,
          TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** The TCP port (after {@link #start}). */
  public int port() {
    for (var c : jetty.getConnectors()) {
      if (c instanceof ServerConnector sc) {
        return sc.getLocalPort();
      }
    }
    throw new IllegalStateException("no TCP connector");
  }

  @Override
  public void close() {
    if (tickerThread != null) {
      tickerThread.shutdownNow();
    }
    app.stop();
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private <T> T locked(Supplier<T> call) {
    synchronized (lock) {
      return call.get();
    }
  }

  private void locked(Runnable call) {
    synchronized (lock) {
      call.run();
    }
  }

  private String apiVersion() {
    String v = apiVersion;
    if (v == null) {
      Version version = locked(() -> engine.system().version());
      v = version.apiVersion() == null ? "1.41" : version.apiVersion();
      apiVersion = v;
    }
    return v;
  }

  /** Registers a route with and without the /v1.xx prefix. */
  private void route(RoutesConfig r, HandlerType method, String path, Handler handler) {
    r.addHttpHandler(method, path, handler);
    r.addHttpHandler(
        method,
        "/{apiVersion}" + path,
        ctx -> {
          if (!ctx.pathParam("apiVersion").matches("v1\\.\\d+")) {
            throw new EngineException(404, "page not found");
          }
          handler.handle(ctx);
        });
  }

  private void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status);
      ctx.contentType("application/json");
      ctx.result(JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T body(Context ctx, Class<T> type) {
    try {
      byte[] bytes = ctx.bodyAsBytes();
      if (bytes.length == 0) {
        return null;
      }
      return JSON.readValue(bytes, type);
    } catch (IOException e) {
      throw EngineException.badRequest("invalid JSON: " + e.getMessage());
    }
  }

  private static JsonNode bodyTree(Context ctx) {
    try {
      byte[] bytes = ctx.bodyAsBytes();
      return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    } catch (IOException e) {
      throw EngineException.badRequest("invalid JSON: " + e.getMessage());
    }
  }

  private void noContent(Context ctx, Runnable call) {
    locked(call);
    ctx.status(204);
  }

  private void headers(Context ctx) {
    ctx.header("Api-Version", apiVersion());
    ctx.header("Docker-Experimental", "false");
    ctx.header("Ostype", "linux");
    ctx.header("Server", "Docker/ddlab (linux)");
  }

  // ---- routes ------------------------------------------------------------------------------

  private void routes(RoutesConfig r) {
    r.before(this::headers);
    r.exception(
        EngineException.class,
        (e, ctx) -> {
          int status = e.status() == EngineException.NOT_CONNECTED ? 500 : e.status();
          if (status == 304) {
            ctx.status(304);
            return;
          }
          json(ctx, status, Map.of("message", e.getMessage()));
        });
    r.exception(
        IllegalArgumentException.class,
        (e, ctx) -> json(ctx, 400, Map.of("message", String.valueOf(e.getMessage()))));
    r.error(
        404,
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            json(ctx, 404, Map.of("message", "page not found"));
          }
        });
    systemRoutes(r);
    containerRoutes(r);
    execRoutes(r);
    imageRoutes(r);
    networkRoutes(r);
    volumeRoutes(r);
  }

  private void systemRoutes(RoutesConfig r) {
    Handler ping =
        ctx -> {
          ctx.header("Cache-Control", "no-cache, no-store, must-revalidate");
          ctx.header("Pragma", "no-cache");
          ctx.contentType("text/plain; charset=utf-8");
          ctx.result(locked(() -> engine.system().ping()));
        };
    route(r, HandlerType.GET, "/_ping", ping);
    route(r, HandlerType.HEAD, "/_ping", ping);
    route(
        r,
        HandlerType.GET,
        "/version",
        ctx -> json(ctx, 200, locked(() -> engine.system().version())));
    route(r, HandlerType.GET, "/info", ctx -> json(ctx, 200, locked(() -> engine.system().info())));
    route(
        r,
        HandlerType.GET,
        "/system/df",
        ctx -> json(ctx, 200, locked(() -> engine.system().df())));
    route(r, HandlerType.GET, "/events", this::events);
  }

  private void events(Context ctx) throws IOException, InterruptedException {
    Map<String, List<String>> filters = Params.filters(ctx, JSON);
    long skew = clockSkewNanos();
    String since = shift(Params.str(ctx, "since"), skew);
    String until = shift(Params.str(ctx, "until"), skew);
    ctx.contentType("application/json");
    OutputStream out = ctx.res().getOutputStream();
    if (until != null) {
      for (EventMessage e : locked(() -> engine.system().events(since, until, filters))) {
        out.write(JSON.writeValueAsBytes(e));
        out.write('\n');
      }
      out.flush();
      return;
    }
    LinkedBlockingQueue<EventMessage> queue = new LinkedBlockingQueue<>();
    AutoCloseable sub;
    List<EventMessage> past;
    synchronized (lock) {
      past = since == null ? List.of() : engine.system().events(since, null, filters);
      sub = engine.system().subscribe(filters, queue::add);
    }
    try (sub) {
      ctx.res().setStatus(200);
      out.flush();
      for (EventMessage e : past) {
        out.write(JSON.writeValueAsBytes(e));
        out.write('\n');
      }
      out.flush();
      while (true) {
        EventMessage e = queue.poll(1, TimeUnit.SECONDS);
        if (e != null) {
          out.write(JSON.writeValueAsBytes(e));
          out.write('\n');
        }
        // an empty flush notices a client that went away
        out.flush();
      }
    } catch (IOException clientGone) {
      // the client stopped following
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  /**
   * How far the engine's clock is ahead of this machine's: a simulator's virtual time jumps ahead
   * (a stop waits 10 s at once), while clients compute since/until from wall time.
   */
  private long clockSkewNanos() {
    java.time.Instant now = java.time.Instant.now();
    long wall = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    return locked(() -> engine.system().nowNanos()) - wall;
  }

  /** A since/until of the API (Unix seconds, maybe fractional) moved by {@code skew}. */
  static String shift(String unixSeconds, long skewNanos) {
    if (unixSeconds == null || skewNanos == 0) {
      return unixSeconds;
    }
    try {
      java.math.BigDecimal t =
          new java.math.BigDecimal(unixSeconds).add(java.math.BigDecimal.valueOf(skewNanos, 9));
      return t.max(java.math.BigDecimal.ZERO).toPlainString();
    } catch (NumberFormatException e) {
      return unixSeconds; // an RFC 3339 time or a duration: the engine reads it as it is
    }
  }

  private void containerRoutes(RoutesConfig r) {
    route(
        r,
        HandlerType.GET,
        "/containers/json",
        ctx -> {
          Integer limit = Params.integer(ctx, "limit");
          json(
              ctx,
              200,
              locked(
                  () ->
                      engine
                          .containers()
                          .list(
                              Params.bool(ctx, "all"),
                              limit == null ? 0 : limit,
                              Params.bool(ctx, "size"),
                              Params.filters(ctx, JSON))));
        });
    route(r, HandlerType.POST, "/containers/create", this::createContainer);
    route(
        r,
        HandlerType.GET,
        "/containers/{id}/json",
        ctx -> json(ctx, 200, locked(() -> engine.containers().inspect(ctx.pathParam("id")))));
    route(
        r,
        HandlerType.POST,
        "/containers/{id}/start",
        ctx -> noContent(ctx, () -> engine.containers().start(ctx.pathParam("id"))));
    route(r, HandlerType.POST, "/containers/{id}/stop", ctx -> stopLike(ctx, false));
    route(r, HandlerType.POST, "/containers/{id}/restart", ctx -> stopLike(ctx, true));
    route(
        r,
        HandlerType.POST,
        "/containers/{id}/kill",
        ctx ->
            noContent(
                ctx,
                () -> engine.containers().kill(ctx.pathParam("id"), Params.str(ctx, "signal"))));
    route(
        r,
        HandlerType.POST,
        "/containers/{id}/pause",
        ctx -> noContent(ctx, () -> engine.containers().pause(ctx.pathParam("id"))));
    route(
        r,
        HandlerType.POST,
        "/containers/{id}/unpause",
        ctx -> noContent(ctx, () -> engine.containers().unpause(ctx.pathParam("id"))));
    route(
        r,
        HandlerType.POST,
        "/containers/{id}/rename",
        ctx ->
            noContent(
                ctx,
                () -> engine.containers().rename(ctx.pathParam("id"), Params.str(ctx, "name"))));
    route(
        r,
        HandlerType.POST,
        "/containers/{id}/update",
        ctx -> {
          UpdateRequest req = body(ctx, UpdateRequest.class);
          List<String> warnings =
              locked(() -> engine.containers().update(ctx.pathParam("id"), req));
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("Warnings", warnings);
          json(ctx, 200, answer);
        });
    route(r, HandlerType.POST, "/containers/{id}/resize", ctx -> ctx.status(200));
    route(r, HandlerType.POST, "/containers/{id}/wait", this::waitContainer);
    route(
        r,
        HandlerType.DELETE,
        "/containers/{id}",
        ctx ->
            noContent(
                ctx,
                () ->
                    engine
                        .containers()
                        .remove(
                            ctx.pathParam("id"),
                            Params.bool(ctx, "force"),
                            Params.bool(ctx, "v"))));
    route(r, HandlerType.GET, "/containers/{id}/logs", this::logs);
    route(
        r,
        HandlerType.GET,
        "/containers/{id}/top",
        ctx ->
            json(
                ctx,
                200,
                locked(
                    () ->
                        engine.containers().top(ctx.pathParam("id"), Params.str(ctx, "ps_args")))));
    route(
        r,
        HandlerType.GET,
        "/containers/{id}/changes",
        ctx -> json(ctx, 200, locked(() -> engine.containers().changes(ctx.pathParam("id")))));
    route(
        r,
        HandlerType.GET,
        "/containers/{id}/archive",
        ctx -> {
          byte[] tar =
              locked(
                  () ->
                      engine.containers().getArchive(ctx.pathParam("id"), Params.str(ctx, "path")));
          ctx.contentType("application/x-tar");
          ctx.result(tar);
        });
    route(
        r,
        HandlerType.PUT,
        "/containers/{id}/archive",
        ctx -> {
          byte[] tar = ctx.bodyAsBytes();
          locked(
              () ->
                  engine
                      .containers()
                      .putArchive(ctx.pathParam("id"), Params.str(ctx, "path"), tar));
          ctx.status(200);
        });
    route(
        r,
        HandlerType.POST,
        "/containers/prune",
        ctx -> json(ctx, 200, locked(() -> engine.containers().prune(Params.filters(ctx, JSON)))));
    route(r, HandlerType.POST, "/containers/{id}/attach", this::attach);
  }

  private void createContainer(Context ctx) {
    JsonNode body = bodyTree(ctx);
    ContainerConfig config;
    HostConfig host;
    NetworkingConfig net;
    try {
      config = JSON.treeToValue(body, ContainerConfig.class);
      host =
          body.hasNonNull("HostConfig")
              ? JSON.treeToValue(body.get("HostConfig"), HostConfig.class)
              : null;
      net =
          body.hasNonNull("NetworkingConfig")
              ? JSON.treeToValue(body.get("NetworkingConfig"), NetworkingConfig.class)
              : null;
    } catch (IOException e) {
      throw EngineException.badRequest("invalid JSON: " + e.getMessage());
    }
    json(
        ctx,
        201,
        locked(
            () ->
                engine
                    .containers()
                    .create(
                        Params.str(ctx, "name"), config, host, net, Params.str(ctx, "platform"))));
  }

  private void stopLike(Context ctx, boolean restart) {
    Integer t = Params.integer(ctx, "t");
    String signal = Params.str(ctx, "signal");
    String id = ctx.pathParam("id");
    // a stop takes (virtual) seconds: run it without holding the lock for that long is not
    // possible through the Engine seam, so it holds the lock like any other call
    noContent(
        ctx,
        () -> {
          if (restart) {
            engine.containers().restart(id, signal, t);
          } else {
            engine.containers().stop(id, signal, t);
          }
        });
  }

  /**
   * POST /containers/{id}/wait, answered when the engine's wait request is: "not-running"
   * (default), "next-exit" or "removed". Polls under the lock so other requests (the start that
   * will make it exit) and the ticker get through.
   */
  private void waitContainer(Context ctx) throws InterruptedException, IOException {
    String id = ctx.pathParam("id");
    String condition = Params.str(ctx, "condition");
    Pending<WaitResponse> wait = locked(() -> engine.containers().waitAsync(id, condition));
    try {
      // like dockerd, answer the headers at once: clients wait for them before starting the
      // container
      ctx.status(200);
      ctx.contentType("application/json");
      OutputStream out = ctx.res().getOutputStream();
      out.flush();
      while (!locked(wait::isDone)) {
        Thread.sleep(POLL.toMillis());
      }
      WaitResponse answer = locked(wait::get);
      out.write(JSON.writeValueAsBytes(answer));
      out.write('\n');
      out.flush();
    } finally {
      if (!locked(wait::isDone)) {
        locked(wait::cancel);
      }
    }
  }

  private void logs(Context ctx) throws IOException, InterruptedException {
    String id = ctx.pathParam("id");
    boolean follow = Params.bool(ctx, "follow");
    boolean timestamps = Params.bool(ctx, "timestamps");
    LogsOptions opts =
        new LogsOptions(
            Params.bool(ctx, "stdout"),
            Params.bool(ctx, "stderr"),
            Params.str(ctx, "since"),
            Params.str(ctx, "until"),
            timestamps,
            Params.str(ctx, "tail") == null ? "all" : Params.str(ctx, "tail"));
    ContainerInspect c = locked(() -> engine.containers().inspect(id));
    boolean tty = c.config() != null && c.config().tty();
    List<LogFrame> frames = locked(() -> engine.containers().logs(id, opts));
    ctx.status(200);
    ctx.contentType(
        tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream");
    OutputStream out = ctx.res().getOutputStream();
    writeFrames(out, frames, tty, timestamps);
    out.flush();
    if (!follow) {
      return;
    }
    // the Engine seam has no follow: poll for new lines (with tail=all) until the container stops
    LogsOptions all = new LogsOptions(opts.stdout(), opts.stderr(), null, null, timestamps, "all");
    int seen = locked(() -> engine.containers().logs(id, all)).size();
    try {
      while (true) {
        List<LogFrame> now = locked(() -> engine.containers().logs(id, all));
        if (now.size() > seen) {
          writeFrames(out, now.subList(seen, now.size()), tty, timestamps);
          seen = now.size();
        }
        out.flush();
        boolean running = locked(() -> engine.containers().inspect(id)).state().running();
        if (!running) {
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

  /** POST /containers/{id}/attach: hijacked when the client asks to upgrade, streamed if not. */
  private void attach(Context ctx) throws Exception {
    String id = ctx.pathParam("id");
    boolean stdin = Params.bool(ctx, "stdin");
    ContainerInspect c = locked(() -> engine.containers().inspect(id));
    boolean tty = c.config() != null && c.config().tty();
    Attachment a = locked(() -> engine.containers().attach(id, stdin));
    stream(ctx, a, tty);
  }

  private static String streamType(boolean tty) {
    return tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream";
  }

  private static final Pattern HIJACKED =
      Pattern.compile("^(?:/v1\\.\\d+)?/(?:containers/([^/]+)/attach|exec/([^/]+)/start)/?$");

  /**
   * Attach or exec start asking to upgrade the connection: opens the attachment and answers "101
   * UPGRADED", after which {@link Hijack} pumps the raw connection.
   *
   * @return false when the request is not one to hijack
   */
  private boolean hijack(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String upgrade = req.getHeader("Upgrade");
    Matcher m = HIJACKED.matcher(req.getRequestURI());
    if (!"POST".equals(req.getMethod())
        || upgrade == null
        || !upgrade.equalsIgnoreCase("tcp")
        || !m.matches()) {
      return false;
    }
    res.setHeader("Api-Version", apiVersion());
    Attachment a;
    boolean tty;
    try {
      if (m.group(1) != null) {
        String id = java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        boolean stdin =
            "1".equals(req.getParameter("stdin"))
                || "true".equalsIgnoreCase(req.getParameter("stdin"));
        synchronized (lock) {
          ContainerInspect c = engine.containers().inspect(id);
          tty = c.config() != null && c.config().tty();
          a = engine.containers().attach(id, stdin);
        }
      } else {
        String execId = m.group(2);
        JsonNode body = JSON.readTree(req.getInputStream().readAllBytes());
        tty = body != null && body.path("Tty").asBoolean(false);
        boolean ttyFinal = tty;
        a = locked(() -> engine.containers().execStart(execId, false, ttyFinal));
      }
    } catch (EngineException e) {
      res.setStatus(e.status() == EngineException.NOT_CONNECTED ? 500 : e.status());
      res.setContentType("application/json");
      res.getOutputStream().write(JSON.writeValueAsBytes(Map.of("message", e.getMessage())));
      return true;
    }
    res.setStatus(101);
    res.setHeader("Content-Type", streamType(tty));
    res.setHeader("Connection", "Upgrade");
    res.setHeader("Upgrade", "tcp");
    try {
      req.upgrade(Hijack.class).pump(new AttachPump(a, lock, !tty));
    } catch (jakarta.servlet.ServletException e) {
      throw new IOException(e);
    }
    return true;
  }

  private void stream(Context ctx, Attachment a, boolean tty) throws Exception {
    String type = streamType(tty);
    AttachPump pump = new AttachPump(a, lock, !tty);
    ctx.status(200);
    ctx.contentType(type);
    OutputStream out = ctx.res().getOutputStream();
    out.flush();
    pump.run(null, out);
  }

  private void execRoutes(RoutesConfig r) {
    route(
        r,
        HandlerType.POST,
        "/containers/{id}/exec",
        ctx -> {
          ExecConfig config = body(ctx, ExecConfig.class);
          if (config == null || config.cmd() == null || config.cmd().isEmpty()) {
            throw EngineException.badRequest("No exec command specified");
          }
          String execId = locked(() -> engine.containers().execCreate(ctx.pathParam("id"), config));
          json(ctx, 201, Map.of("Id", execId));
        });
    route(
        r,
        HandlerType.POST,
        "/exec/{id}/start",
        ctx -> {
          JsonNode body = bodyTree(ctx);
          boolean detach = body.path("Detach").asBoolean(false);
          boolean tty = body.path("Tty").asBoolean(false);
          Attachment a =
              locked(() -> engine.containers().execStart(ctx.pathParam("id"), detach, tty));
          if (detach) {
            ctx.status(200);
            return;
          }
          stream(ctx, a, tty);
        });
    route(
        r,
        HandlerType.GET,
        "/exec/{id}/json",
        ctx -> json(ctx, 200, locked(() -> engine.containers().execInspect(ctx.pathParam("id")))));
    route(r, HandlerType.POST, "/exec/{id}/resize", ctx -> ctx.status(200));
  }

  private void imageRoutes(RoutesConfig r) {
    route(
        r,
        HandlerType.GET,
        "/images/json",
        ctx ->
            json(
                ctx,
                200,
                locked(
                    () ->
                        engine.images().list(Params.bool(ctx, "all"), Params.filters(ctx, JSON)))));
    route(r, HandlerType.POST, "/images/create", this::pull);
    route(
        r,
        HandlerType.GET,
        "/images/search",
        ctx -> {
          Integer limit = Params.integer(ctx, "limit");
          json(
              ctx,
              200,
              locked(
                  () ->
                      engine
                          .images()
                          .search(
                              Params.str(ctx, "term"),
                              limit == null ? 0 : limit,
                              Params.filters(ctx, JSON))));
        });
    route(r, HandlerType.GET, "/images/get", ctx -> save(ctx, ctx.queryParams("names")));
    route(r, HandlerType.POST, "/images/load", this::load);
    route(
        r,
        HandlerType.POST,
        "/images/prune",
        ctx -> json(ctx, 200, locked(() -> engine.images().prune(Params.filters(ctx, JSON)))));
    route(
        r,
        HandlerType.GET,
        "/images/<name>/json",
        ctx -> json(ctx, 200, locked(() -> engine.images().inspect(ctx.pathParam("name")))));
    route(
        r,
        HandlerType.GET,
        "/images/<name>/history",
        ctx -> json(ctx, 200, locked(() -> engine.images().history(ctx.pathParam("name")))));
    route(
        r, HandlerType.GET, "/images/<name>/get", ctx -> save(ctx, List.of(ctx.pathParam("name"))));
    route(
        r,
        HandlerType.POST,
        "/images/<name>/tag",
        ctx -> {
          locked(
              () ->
                  engine
                      .images()
                      .tag(ctx.pathParam("name"), Params.str(ctx, "repo"), Params.str(ctx, "tag")));
          ctx.status(201);
        });
    route(
        r,
        HandlerType.DELETE,
        "/images/<name>",
        ctx ->
            json(
                ctx,
                200,
                locked(
                    () ->
                        engine
                            .images()
                            .remove(
                                ctx.pathParam("name"),
                                Params.bool(ctx, "force"),
                                Params.bool(ctx, "noprune")))));
    route(
        r,
        HandlerType.POST,
        "/commit",
        ctx -> {
          List<String> changes = ctx.queryParams("changes");
          CommitRequest req =
              new CommitRequest(
                  Params.str(ctx, "container"),
                  Params.str(ctx, "repo"),
                  Params.str(ctx, "tag"),
                  Params.str(ctx, "comment"),
                  Params.str(ctx, "author"),
                  ctx.queryParam("pause") == null || Params.bool(ctx, "pause"),
                  changes.isEmpty() ? null : changes);
          json(ctx, 201, locked(() -> engine.images().commit(req)));
        });
  }

  /**
   * POST /images/create?fromImage=&tag=: the pull's JSON progress stream. An error before any
   * progress is an ordinary error answer; after that it is an error message in the stream.
   */
  private void pull(Context ctx) throws IOException {
    String from = Params.str(ctx, "fromImage");
    if (from == null) {
      throw EngineException.badRequest("docker import is not supported by this engine");
    }
    String tag = Params.str(ctx, "tag");
    String ref =
        tag == null ? from : tag.startsWith("sha256:") ? from + "@" + tag : from + ":" + tag;
    boolean allTags = tag == null;
    ByteArrayOutputStream buffered = new ByteArrayOutputStream();
    try {
      locked(
          () ->
              engine
                  .images()
                  .pull(
                      ref,
                      Params.str(ctx, "platform"),
                      allTags,
                      m -> {
                        try {
                          buffered.write(JSON.writeValueAsBytes(m));
                          buffered.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        } catch (IOException e) {
                          throw new IllegalStateException(e);
                        }
                      }));
    } catch (EngineException e) {
      if (buffered.size() == 0) {
        throw e;
      }
      ObjectNode err = JSON.createObjectNode();
      err.putObject("errorDetail").put("message", e.getMessage());
      err.put("error", e.getMessage());
      buffered.write(JSON.writeValueAsBytes(err));
      buffered.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    ctx.status(200);
    ctx.contentType("application/json");
    ctx.result(buffered.toByteArray());
  }

  private void save(Context ctx, List<String> names) {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    locked(() -> engine.images().save(names, tar));
    ctx.contentType("application/x-tar");
    ctx.result(tar.toByteArray());
  }

  private void load(Context ctx) throws IOException {
    byte[] tar = ctx.bodyAsBytes();
    List<String> lines = new ArrayList<>();
    locked(
        () ->
            engine
                .images()
                .load(
                    new ByteArrayInputStream(tar),
                    m -> lines.add(m.status() == null ? "" : m.status())));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : lines) {
      out.write(JSON.writeValueAsBytes(Map.of("stream", line + "\n")));
      out.write('\n');
    }
    ctx.contentType("application/json");
    ctx.result(out.toByteArray());
  }

  private void networkRoutes(RoutesConfig r) {
    route(
        r,
        HandlerType.GET,
        "/networks",
        ctx -> json(ctx, 200, locked(() -> engine.networks().list(Params.filters(ctx, JSON)))));
    route(
        r,
        HandlerType.POST,
        "/networks/create",
        ctx -> {
          NetworkCreateRequest req = body(ctx, NetworkCreateRequest.class);
          if (req == null || req.name() == null || req.name().isEmpty()) {
            throw EngineException.badRequest("network name is required");
          }
          json(ctx, 201, locked(() -> engine.networks().create(req)));
        });
    route(
        r,
        HandlerType.POST,
        "/networks/prune",
        ctx -> json(ctx, 200, locked(() -> engine.networks().prune(Params.filters(ctx, JSON)))));
    route(
        r,
        HandlerType.GET,
        "/networks/{id}",
        ctx -> json(ctx, 200, locked(() -> engine.networks().inspect(ctx.pathParam("id")))));
    route(
        r,
        HandlerType.DELETE,
        "/networks/{id}",
        ctx -> noContent(ctx, () -> engine.networks().remove(ctx.pathParam("id"))));
    route(
        r,
        HandlerType.POST,
        "/networks/{id}/connect",
        ctx -> {
          JsonNode body = bodyTree(ctx);
          EndpointSettings endpoint =
              body.hasNonNull("EndpointConfig")
                  ? JSON.treeToValue(body.get("EndpointConfig"), EndpointSettings.class)
                  : null;
          locked(
              () ->
                  engine
                      .networks()
                      .connect(ctx.pathParam("id"), body.path("Container").asText(), endpoint));
          ctx.status(200);
        });
    route(
        r,
        HandlerType.POST,
        "/networks/{id}/disconnect",
        ctx -> {
          JsonNode body = bodyTree(ctx);
          locked(
              () ->
                  engine
                      .networks()
                      .disconnect(
                          ctx.pathParam("id"),
                          body.path("Container").asText(),
                          body.path("Force").asBoolean(false)));
          ctx.status(200);
        });
  }

  private void volumeRoutes(RoutesConfig r) {
    route(
        r,
        HandlerType.GET,
        "/volumes",
        ctx -> {
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("Volumes", locked(() -> engine.volumes().list(Params.filters(ctx, JSON))));
          answer.put("Warnings", null);
          json(ctx, 200, answer);
        });
    route(
        r,
        HandlerType.POST,
        "/volumes/create",
        ctx -> {
          VolumeCreateRequest req = body(ctx, VolumeCreateRequest.class);
          VolumeCreateRequest effective =
              req == null ? new VolumeCreateRequest(null, null, null, null) : req;
          json(ctx, 201, locked(() -> engine.volumes().create(effective)));
        });
    route(
        r,
        HandlerType.POST,
        "/volumes/prune",
        ctx -> json(ctx, 200, locked(() -> engine.volumes().prune(Params.filters(ctx, JSON)))));
    route(
        r,
        HandlerType.GET,
        "/volumes/{name}",
        ctx -> json(ctx, 200, locked(() -> engine.volumes().inspect(ctx.pathParam("name")))));
    route(
        r,
        HandlerType.DELETE,
        "/volumes/{name}",
        ctx ->
            noContent(
                ctx,
                () -> engine.volumes().remove(ctx.pathParam("name"), Params.bool(ctx, "force"))));
  }
}
