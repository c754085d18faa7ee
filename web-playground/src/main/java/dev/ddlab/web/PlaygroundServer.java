package dev.ddlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.web.lesson.LessonLibrary;
import dev.ddlab.web.session.CapacityException;
import dev.ddlab.web.session.Client;
import dev.ddlab.web.session.LimitException;
import dev.ddlab.web.session.SessionManager;
import dev.ddlab.web.session.SessionTemplate;
import dev.ddlab.web.session.WebSession;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.javalin.http.staticfiles.Location;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The playground's HTTP and WebSocket server: built from a {@link SessionManager}, exposes the
 * {@link Javalin} app. Routes are listed in {@code docs/design/web-playground.md}.
 */
public final class PlaygroundServer implements AutoCloseable {
  static final String COOKIE = "ddlab_session";
  private static final long TICK_MILLIS = 250;

  private final SessionManager sessions;
  private final LessonLibrary lessons;
  private final Javalin app;
  private final String playPage;
  private final Map<WsContext, WsClient> clients = new ConcurrentHashMap<>();
  private ScheduledExecutorService ticker;

  public PlaygroundServer(SessionManager sessions, LessonLibrary lessons) {
    this.sessions = sessions;
    this.lessons = lessons;
    this.playPage = resource("/web/play.html");
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jetty.host = sessions.config().host();
              config.jetty.port = sessions.config().port();
              config.http.maxRequestSize = sessions.config().maxUploadBytes() + 64 * 1024L;
              config.staticFiles.enableWebjars();
              config.staticFiles.add(
                  sf -> {
                    sf.hostedPath = "/static";
                    sf.directory = "/web";
                    sf.location = Location.CLASSPATH;
                  });
              config.staticFiles.add(
                  sf -> {
                    sf.hostedPath = "/panels";
                    sf.directory = "/web/panels";
                    sf.location = Location.CLASSPATH;
                  });
              routes(config.routes);
            });
  }

  public Javalin app() {
    return app;
  }

  public SessionManager sessions() {
    return sessions;
  }

  /** Starts listening (port 0 picks a free port) and the ticker that drives virtual time. */
  public PlaygroundServer start() {
    app.start();
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ddlab-ticker");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(
        () -> sessions.tick(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS)),
        TICK_MILLIS,
        TICK_MILLIS,
        TimeUnit.MILLISECONDS);
    return this;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    sessions.close();
    app.stop();
  }

  private void routes(io.javalin.config.RoutesConfig r) {
    r.get("/", this::home);
    // browsers ask for it on pages without an icon link (a port chip's error page)
    r.get("/favicon.ico", ctx -> ctx.redirect("/static/favicon.svg"));
    r.post("/session", this::createSession);
    r.post("/session/end", this::endSession);
    r.get("/api/session", ctx -> ctx.json(sessionInfo(current(ctx))));
    r.post("/api/nodes", this::addNode);
    r.delete("/api/nodes/{node}", this::removeNode);
    new NodeRoutes(sessions, this::current).register(r);
    r.get("/api/lessons", ctx -> ctx.json(lessons.index()));
    r.get(
        "/api/lessons/{name}",
        ctx ->
            ctx.html(
                lessons
                    .render(ctx.pathParam("name"))
                    .orElseThrow(() -> new NoSuchElementException("Không có bài học này."))));
    r.ws(
        "/ws",
        ws -> {
          ws.onConnect(
              ctx -> {
                Optional<WebSession> s = sessions.bySecret(ctx.cookie(COOKIE));
                if (s.isEmpty() || s.get().isClosed()) {
                  ctx.send(
                      Json.write(
                          Json.message("closed")
                              .put(
                                  "reason",
                                  "Phiên không còn (hết hạn, bị giải phóng, hoặc máy chủ đã khởi"
                                      + " động lại). Tải lại trang để bắt đầu phiên mới.")));
                  ctx.closeSession(4404, "no session");
                  return;
                }
                ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
                WsClient c = new WsClient(ctx, s.get());
                clients.put(ctx, c);
                s.get().connect(c, sessions.now());
              });
          ws.onMessage(
              ctx -> {
                WsClient c = clients.get(ctx);
                if (c == null) {
                  return;
                }
                JsonNode msg;
                try {
                  msg = Json.read(ctx.message());
                } catch (IllegalArgumentException e) {
                  c.send(Json.write(Json.message("error").put("message", e.getMessage())));
                  return;
                }
                c.session.onMessage(c, msg, sessions.now());
              });
          ws.onClose(
              ctx -> {
                WsClient c = clients.remove(ctx);
                if (c != null) {
                  c.session.disconnect(c);
                }
              });
          ws.onError(
              ctx -> {
                WsClient c = clients.remove(ctx);
                if (c != null) {
                  c.session.disconnect(c);
                }
              });
        });
    r.exception(
        NoSuchSessionException.class,
        (e, ctx) ->
            ctx.status(HttpStatus.UNAUTHORIZED)
                .json(Map.of("error", "no-session", "message", e.getMessage())));
    r.exception(
        LimitException.class,
        (e, ctx) ->
            ctx.status(HttpStatus.CONFLICT)
                .json(Map.of("error", "limit", "message", e.getMessage())));
    r.exception(
        NoSuchElementException.class,
        (e, ctx) ->
            ctx.status(HttpStatus.NOT_FOUND)
                .json(Map.of("error", "not-found", "message", e.getMessage())));
  }

  private void home(Context ctx) {
    Optional<WebSession> s = sessions.bySecret(ctx.cookie(COOKIE));
    ctx.header("Cache-Control", "no-store");
    if (s.isPresent()) {
      ctx.html(playPage);
    } else {
      ctx.html(
          Pages.start(
              sessions.factory().templates(),
              sessions.factory().engineKind(),
              sessions.count(),
              sessions.config().maxSessions()));
    }
  }

  private void createSession(Context ctx) {
    Optional<WebSession> existing = sessions.bySecret(ctx.cookie(COOKIE));
    if (existing.isPresent()) {
      ctx.redirect("/", HttpStatus.SEE_OTHER);
      return;
    }
    String template = Optional.ofNullable(ctx.formParam("template")).orElse("single");
    try {
      WebSession s = sessions.create(template);
      Cookie cookie =
          new Cookie(
              COOKIE,
              sessions.cookieOf(s),
              "/",
              (int) sessions.config().sessionTtl().toSeconds(),
              false,
              true,
              null,
              SameSite.LAX);
      ctx.cookie(cookie);
      ctx.redirect("/", HttpStatus.SEE_OTHER);
    } catch (CapacityException e) {
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header("Retry-After", String.valueOf(Math.max(60, e.retryAfter().toSeconds())))
          .html(Pages.full(e.retryAfter(), sessions.now()));
    } catch (IllegalArgumentException e) {
      ctx.status(HttpStatus.BAD_REQUEST).html(Pages.problem("Không mở được phiên", e.getMessage()));
    } catch (dev.ddlab.engine.EngineException e) {
      // --engine real and the daemon does not answer: say so, keep serving everyone else.
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
          .html(Pages.problem("Không kết nối được Docker Engine", e.getMessage()));
    }
  }

  private void endSession(Context ctx) {
    sessions.bySecret(ctx.cookie(COOKIE)).ifPresent(s -> sessions.end(s, "Bạn đã kết thúc phiên."));
    ctx.removeCookie(COOKIE, "/");
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  private void addNode(Context ctx) {
    WebSession s = current(ctx);
    String node = s.addNode();
    ctx.status(HttpStatus.CREATED).json(Map.of("node", node));
  }

  private void removeNode(Context ctx) {
    current(ctx).removeNode(ctx.pathParam("node"));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private WebSession current(Context ctx) {
    return sessions
        .bySecret(ctx.cookie(COOKIE))
        .orElseThrow(
            () ->
                new NoSuchSessionException("Phiên không còn. Tải lại trang để bắt đầu phiên mới."));
  }

  private ObjectNode sessionInfo(WebSession s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", s.id());
    o.put("template", s.session().template());
    o.put("engine", sessions.factory().engineKind());
    o.put("expiresAt", s.expiresAt().toString());
    ArrayNode nodes = o.putArray("nodes");
    for (String n : s.nodes()) {
      nodes.addObject().put("name", n).put("address", s.session().nodeAddress(n));
    }
    ArrayNode ts = o.putArray("templates");
    for (SessionTemplate t : sessions.factory().templates()) {
      ts.addObject()
          .put("name", t.name())
          .put("label", t.label())
          .put("available", t.available())
          .put("note", t.note());
    }
    return o;
  }

  private static String resource(String path) {
    try (InputStream in = PlaygroundServer.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A browser tab's socket. Sends are asynchronous and kept in order per socket. */
  private static final class WsClient implements Client {
    private final WsContext ctx;
    private final WebSession session;
    private final Set<String> panels = ConcurrentHashMap.newKeySet();

    WsClient(WsContext ctx, WebSession session) {
      this.ctx = ctx;
      this.session = session;
    }

    @Override
    public synchronized void send(String json) {
      if (ctx.session.isOpen()) {
        ctx.send(json);
      }
    }

    @Override
    public Set<String> panels() {
      return panels;
    }

    @Override
    public void close(int code, String reason) {
      ctx.closeSession(code, reason);
    }
  }

  /** The request has no live session cookie. */
  static final class NoSuchSessionException extends RuntimeException {
    NoSuchSessionException(String message) {
      super(message);
    }
  }
}
