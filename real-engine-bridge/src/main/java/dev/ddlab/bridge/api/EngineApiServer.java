package dev.ddlab.bridge.api;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;

/**
 * Any {@link Engine} served as the Docker Engine API, so that the real {@code docker} CLI (or any
 * client) can drive it: {@code DOCKER_HOST=tcp://127.0.0.1:2375 docker ps}. Each API group is a
 * {@link Router} (a table of routes); this class is moby's {@code api/server/server.go}: it
 * registers every route with and without the {@code /v1.xx} prefix, answers errors with the status
 * and {"message": …} the daemon sends, adds the daemon's headers, and lets attach and exec upgrade
 * the connection ("101 UPGRADED", {@link HijackFilter}).
 *
 * <p>Engines are not assumed to be thread-safe: every call goes through one lock ({@link Backend}).
 * A simulated engine's virtual time is driven by the optional ticker, so that waits, attach streams
 * and followed logs see time pass as in a real daemon.
 */
public final class EngineApiServer implements AutoCloseable {
  private static final Duration TICK = Duration.ofMillis(50);
  private static final Duration IDLE = Duration.ofHours(1);

  private final Backend backend;
  private final TimeDriver ticker;
  private final Javalin app;
  private ScheduledExecutorService tickerThread;
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
    this.backend = new Backend(engine, lock);
    this.ticker = ticker;
    ContainerRouter containers = new ContainerRouter(backend);
    ExecRouter exec = new ExecRouter(backend);
    List<Router> routers =
        List.of(
            new SystemRouter(backend),
            containers,
            exec,
            new ImageRouter(backend),
            new BuildRouter(backend),
            new NetworkRouter(backend),
            new VolumeRouter(backend),
            new SwarmRouter(backend));
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.router.ignoreTrailingSlashes = true;
              config.http.maxRequestSize = 512L * 1024 * 1024;
              config.jetty.modifyServletContextHandler(
                  handler ->
                      handler.addFilter(
                          new FilterHolder(new HijackFilter(backend, containers, exec)),
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
                    tcp.setIdleTimeout(IDLE.toMillis());
                    server.addConnector(tcp);
                    if (socket != null) {
                      UnixDomainServerConnector unix =
                          new UnixDomainServerConnector(server, new HttpConnectionFactory());
                      unix.setUnixDomainPath(socket);
                      unix.setIdleTimeout(IDLE.toMillis());
                      server.addConnector(unix);
                    }
                  });
              register(config.routes, routers);
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
      tickerThread.scheduleAtFixedRate(
          () -> backend.run(e -> ticker.advance(TICK)),
          TICK.toMillis(),
          TICK.toMillis(),
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

  /** The HTTP status of an engine error ("cannot connect" to an engine behind us is a 500). */
  static int httpStatus(EngineException e) {
    return e.status() == EngineException.NOT_CONNECTED ? 500 : e.status();
  }

  private void register(RoutesConfig r, List<Router> routers) {
    r.before(this::headers);
    r.exception(
        EngineException.class,
        (e, ctx) -> {
          int status = httpStatus(e);
          if (status == 304) {
            ctx.status(304);
            return;
          }
          Json.error(ctx, status, e.getMessage());
        });
    r.exception(IllegalArgumentException.class, (e, ctx) -> Json.error(ctx, 400, e.getMessage()));
    r.error(
        404,
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            Json.error(ctx, 404, "page not found");
          }
        });
    for (Router router : routers) {
      for (Route route : router.routes()) {
        r.addHttpHandler(route.method(), route.path(), route.handler());
        r.addHttpHandler(route.method(), "/{apiVersion}" + route.path(), versioned(route));
      }
    }
  }

  /** The route under a /v1.xx prefix; any other first segment is not a page. */
  private static Handler versioned(Route route) {
    return ctx -> {
      if (!ctx.pathParam("apiVersion").matches("v1\\.\\d+")) {
        throw new EngineException(404, "page not found");
      }
      route.handler().handle(ctx);
    };
  }

  private void headers(Context ctx) {
    ctx.header("Api-Version", backend.apiVersion());
    ctx.header("Docker-Experimental", "false");
    ctx.header("Ostype", "linux");
    ctx.header("Server", "Docker/ddlab (linux)");
  }
}
