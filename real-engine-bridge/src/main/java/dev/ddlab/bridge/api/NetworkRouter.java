package dev.ddlab.bridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** /networks/… (moby {@code api/server/router/network}). */
final class NetworkRouter implements Router {
  private final Backend backend;

  NetworkRouter(Backend backend) {
    this.backend = backend;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/networks", this::list),
        Route.post("/networks/create", this::create),
        Route.post("/networks/prune", this::prune),
        Route.get("/networks/{id}", this::inspect),
        Route.delete("/networks/{id}", this::remove),
        Route.post("/networks/{id}/connect", this::connect),
        Route.post("/networks/{id}/disconnect", this::disconnect));
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }

  private void list(Context ctx) {
    Map<String, List<String>> filters = Params.filters(ctx);
    Json.write(ctx, 200, backend.call(e -> e.networks().list(filters)));
  }

  private void create(Context ctx) {
    NetworkCreateRequest req = Json.read(ctx, NetworkCreateRequest.class);
    if (req == null || req.name() == null || req.name().isEmpty()) {
      throw EngineException.badRequest("network name is required");
    }
    Json.write(ctx, 201, backend.call(e -> e.networks().create(req)));
  }

  private void prune(Context ctx) {
    Map<String, List<String>> filters = Params.filters(ctx);
    Json.write(ctx, 200, backend.call(e -> e.networks().prune(filters)));
  }

  private void inspect(Context ctx) {
    Json.write(ctx, 200, backend.call(e -> e.networks().inspect(id(ctx))));
  }

  private void remove(Context ctx) {
    backend.run(e -> e.networks().remove(id(ctx)));
    ctx.status(204);
  }

  private void connect(Context ctx) {
    JsonNode body = Json.tree(ctx);
    EndpointSettings endpoint = Json.member(body, "EndpointConfig", EndpointSettings.class);
    String container = body.path("Container").asText();
    backend.run(e -> e.networks().connect(id(ctx), container, endpoint));
    ctx.status(200);
  }

  private void disconnect(Context ctx) {
    JsonNode body = Json.tree(ctx);
    String container = body.path("Container").asText();
    boolean force = body.path("Force").asBoolean(false);
    backend.run(e -> e.networks().disconnect(id(ctx), container, force));
    ctx.status(200);
  }
}
