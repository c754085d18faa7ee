package dev.ddlab.bridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.bridge.api.ContainerRouter.Opened;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ExecConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** /containers/{id}/exec and /exec/… (moby {@code api/server/router/container}, exec.go). */
final class ExecRouter implements Router {
  private final Backend backend;

  ExecRouter(Backend backend) {
    this.backend = backend;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.post("/containers/{id}/exec", this::create),
        Route.post("/exec/{id}/start", this::start),
        Route.get("/exec/{id}/json", this::inspect),
        Route.post("/exec/{id}/resize", ctx -> ctx.status(200)));
  }

  private void create(Context ctx) {
    ExecConfig config = Json.read(ctx, ExecConfig.class);
    if (config == null || config.cmd() == null || config.cmd().isEmpty()) {
      throw EngineException.badRequest("No exec command specified");
    }
    String execId = backend.call(e -> e.containers().execCreate(ctx.pathParam("id"), config));
    Json.write(ctx, 201, Map.of("Id", execId));
  }

  /** POST /exec/{id}/start without an upgrade: detached, or the stream as a plain body. */
  private void start(Context ctx) throws IOException {
    JsonNode body = Json.tree(ctx);
    boolean detach = body.path("Detach").asBoolean(false);
    boolean tty = body.path("Tty").asBoolean(false);
    Attachment a = backend.call(e -> e.containers().execStart(ctx.pathParam("id"), detach, tty));
    if (detach) {
      ctx.status(200);
      return;
    }
    AttachPump.serve(ctx, a, tty, backend.lock());
  }

  private void inspect(Context ctx) {
    Json.write(ctx, 200, backend.call(e -> e.containers().execInspect(ctx.pathParam("id"))));
  }

  /** Starts the exec attached (for a hijacked start, whose body says whether it has a TTY). */
  Opened openStart(String execId, JsonNode body) {
    boolean tty = body != null && body.path("Tty").asBoolean(false);
    return new Opened(backend.call(e -> e.containers().execStart(execId, false, tty)), tty);
  }
}
