package dev.ddlab.bridge.api;

import dev.ddlab.engine.dto.EventMessage;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;

/** /_ping, /version, /info, /system/df, /events (moby {@code api/server/router/system}). */
final class SystemRouter implements Router {
  private final Backend backend;

  SystemRouter(Backend backend) {
    this.backend = backend;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/_ping", this::ping),
        Route.head("/_ping", this::ping),
        Route.get("/version", ctx -> Json.write(ctx, 200, backend.call(e -> e.system().version()))),
        Route.get("/info", ctx -> Json.write(ctx, 200, backend.call(e -> e.system().info()))),
        Route.get("/system/df", ctx -> Json.write(ctx, 200, backend.call(e -> e.system().df()))),
        Route.get("/events", this::events),
        Route.post("/auth", this::auth));
  }

  private void ping(Context ctx) {
    ctx.header("Cache-Control", "no-cache, no-store, must-revalidate");
    ctx.header("Pragma", "no-cache");
    ctx.contentType("text/plain; charset=utf-8");
    String ok = backend.call(e -> e.system().ping());
    ctx.result(ok);
  }

  /**
   * GET /events: the past events of since/until at once; without until, the stream follows the
   * engine's subscription until the client goes away.
   */
  private void events(Context ctx) throws IOException, InterruptedException {
    Map<String, List<String>> filters = Params.filters(ctx);
    long skew = clockSkewNanos();
    String since = shift(Params.str(ctx, "since"), skew);
    String until = shift(Params.str(ctx, "until"), skew);
    ctx.contentType("application/json");
    OutputStream out = ctx.res().getOutputStream();
    if (until != null) {
      for (EventMessage e : backend.call(e -> e.system().events(since, until, filters))) {
        writeLine(out, e);
      }
      out.flush();
      return;
    }
    LinkedBlockingQueue<EventMessage> queue = new LinkedBlockingQueue<>();
    AutoCloseable sub;
    List<EventMessage> past;
    synchronized (backend.lock()) {
      past = backend.call(e -> since == null ? List.of() : e.system().events(since, null, filters));
      sub = backend.call(e -> e.system().subscribe(filters, queue::add));
    }
    try (sub) {
      ctx.res().setStatus(200);
      out.flush();
      for (EventMessage e : past) {
        writeLine(out, e);
      }
      out.flush();
      Json.follow(out, queue);
    } catch (IOException clientGone) {
      // the client stopped following
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private static void writeLine(OutputStream out, EventMessage e) throws IOException {
    out.write(Json.bytes(e));
    out.write('\n');
  }

  /**
   * How far the engine's clock is ahead of this machine's: a simulator's virtual time jumps ahead
   * (a stop waits 10 s at once), while clients compute since/until from wall time.
   */
  private long clockSkewNanos() {
    Instant now = Instant.now();
    long wall = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    return backend.call(e -> e.system().nowNanos()) - wall;
  }

  /** A since/until of the API (Unix seconds, maybe fractional) moved by {@code skew}. */
  static String shift(String unixSeconds, long skewNanos) {
    if (unixSeconds == null || skewNanos == 0) {
      return unixSeconds;
    }
    try {
      BigDecimal t = new BigDecimal(unixSeconds).add(BigDecimal.valueOf(skewNanos, 9));
      return t.max(BigDecimal.ZERO).toPlainString();
    } catch (NumberFormatException e) {
      return unixSeconds; // an RFC 3339 time or a duration: the engine reads it as it is
    }
  }

  /** POST /auth: the registry's answer to the credentials in the body. */
  private void auth(Context ctx) throws java.io.IOException {
    dev.ddlab.engine.dto.AuthConfig config =
        Json.MAPPER.readValue(ctx.body(), dev.ddlab.engine.dto.AuthConfig.class);
    Json.write(ctx, 200, backend.call(e -> e.system().auth(config)));
  }
}
