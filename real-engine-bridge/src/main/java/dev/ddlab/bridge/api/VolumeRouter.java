package dev.ddlab.bridge.api;

import dev.ddlab.engine.dto.VolumeCreateRequest;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /volumes/… (moby {@code api/server/router/volume}). */
final class VolumeRouter implements Router {
  private final Backend backend;

  VolumeRouter(Backend backend) {
    this.backend = backend;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/volumes", this::list),
        Route.post("/volumes/create", this::create),
        Route.post("/volumes/prune", this::prune),
        Route.get("/volumes/{name}", this::inspect),
        Route.delete("/volumes/{name}", this::remove));
  }

  private static String name(Context ctx) {
    return ctx.pathParam("name");
  }

  private void list(Context ctx) {
    Map<String, List<String>> filters = Params.filters(ctx);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("Volumes", backend.call(e -> e.volumes().list(filters)));
    answer.put("Warnings", null);
    Json.write(ctx, 200, answer);
  }

  private void create(Context ctx) {
    VolumeCreateRequest req = Json.read(ctx, VolumeCreateRequest.class);
    VolumeCreateRequest effective =
        req == null ? new VolumeCreateRequest(null, null, null, null) : req;
    Json.write(ctx, 201, backend.call(e -> e.volumes().create(effective)));
  }

  private void prune(Context ctx) {
    Map<String, List<String>> filters = Params.filters(ctx);
    Json.write(ctx, 200, backend.call(e -> e.volumes().prune(filters)));
  }

  private void inspect(Context ctx) {
    Json.write(ctx, 200, backend.call(e -> e.volumes().inspect(name(ctx))));
  }

  private void remove(Context ctx) {
    boolean force = Params.bool(ctx, "force");
    backend.run(e -> e.volumes().remove(name(ctx), force));
    ctx.status(204);
  }
}
