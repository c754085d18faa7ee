package dev.ddlab.bridge.api;

import dev.ddlab.engine.dto.swarm.ConfigSpec;
import dev.ddlab.engine.dto.swarm.NodeSpec;
import dev.ddlab.engine.dto.swarm.SecretSpec;
import dev.ddlab.engine.dto.swarm.ServiceSpec;
import dev.ddlab.engine.dto.swarm.ServiceUpdateOptions;
import dev.ddlab.engine.dto.swarm.SwarmInitRequest;
import dev.ddlab.engine.dto.swarm.SwarmJoinRequest;
import dev.ddlab.engine.dto.swarm.SwarmSpec;
import dev.ddlab.engine.dto.swarm.SwarmUpdateFlags;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * /swarm, /nodes, /services, /tasks, /secrets and /configs (moby {@code api/server/router/swarm}),
 * so real docker CLIs drive a simulated manager.
 */
final class SwarmRouter implements Router {
  private final Backend backend;

  SwarmRouter(Backend backend) {
    this.backend = backend;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/swarm", ctx -> Json.write(ctx, 200, backend.call(e -> e.swarm().inspect()))),
        Route.post("/swarm/init", this::init),
        Route.post("/swarm/join", this::join),
        Route.post("/swarm/leave", this::leave),
        Route.post("/swarm/update", this::update),
        Route.get(
            "/swarm/unlockkey",
            ctx -> Json.write(ctx, 200, backend.call(e -> e.swarm().unlockKey()))),
        Route.post("/swarm/unlock", this::unlock),
        Route.get("/nodes", this::nodes),
        Route.get(
            "/nodes/{id}",
            ctx -> Json.write(ctx, 200, backend.call(e -> e.nodes().inspect(id(ctx))))),
        Route.post("/nodes/{id}/update", this::updateNode),
        Route.delete("/nodes/{id}", this::removeNode),
        Route.get("/services", this::services),
        Route.post("/services/create", this::createService),
        Route.get(
            "/services/{id}",
            ctx ->
                Json.write(
                    ctx,
                    200,
                    backend.call(
                        e -> e.services().inspect(id(ctx), Params.bool(ctx, "insertDefaults"))))),
        Route.post("/services/{id}/update", this::updateService),
        Route.delete("/services/{id}", this::removeService),
        Route.get("/tasks", this::tasks),
        Route.get(
            "/tasks/{id}",
            ctx -> Json.write(ctx, 200, backend.call(e -> e.tasks().inspect(id(ctx))))),
        Route.get(
            "/secrets",
            ctx -> {
              Map<String, List<String>> filters = Params.filters(ctx);
              Json.write(ctx, 200, backend.call(e -> e.secrets().list(filters)));
            }),
        Route.post(
            "/secrets/create",
            ctx -> {
              SecretSpec spec = Json.read(ctx, SecretSpec.class);
              created(ctx, backend.call(e -> e.secrets().create(spec)).id());
            }),
        Route.get(
            "/secrets/{id}",
            ctx -> Json.write(ctx, 200, backend.call(e -> e.secrets().inspect(id(ctx))))),
        Route.post(
            "/secrets/{id}/update",
            ctx -> {
              SecretSpec spec = Json.read(ctx, SecretSpec.class);
              long v = version(ctx);
              backend.run(e -> e.secrets().update(id(ctx), v, spec));
              ctx.status(200);
            }),
        Route.delete(
            "/secrets/{id}",
            ctx -> {
              backend.run(e -> e.secrets().remove(id(ctx)));
              ctx.status(204);
            }),
        Route.get(
            "/configs",
            ctx -> {
              Map<String, List<String>> filters = Params.filters(ctx);
              Json.write(ctx, 200, backend.call(e -> e.configs().list(filters)));
            }),
        Route.post(
            "/configs/create",
            ctx -> {
              ConfigSpec spec = Json.read(ctx, ConfigSpec.class);
              created(ctx, backend.call(e -> e.configs().create(spec)).id());
            }),
        Route.get(
            "/configs/{id}",
            ctx -> Json.write(ctx, 200, backend.call(e -> e.configs().inspect(id(ctx))))),
        Route.post(
            "/configs/{id}/update",
            ctx -> {
              ConfigSpec spec = Json.read(ctx, ConfigSpec.class);
              long v = version(ctx);
              backend.run(e -> e.configs().update(id(ctx), v, spec));
              ctx.status(200);
            }),
        Route.delete(
            "/configs/{id}",
            ctx -> {
              backend.run(e -> e.configs().remove(id(ctx)));
              ctx.status(204);
            }));
  }

  /** POST /secrets/create and /configs/create answer 201 {"ID": …} (types.SecretCreateResponse). */
  private static void created(Context ctx, String id) {
    Json.write(ctx, 201, Map.of("ID", id));
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }

  private static long version(Context ctx) {
    Integer v = Params.integer(ctx, "version");
    return v == null ? 0 : v;
  }

  private void init(Context ctx) {
    SwarmInitRequest req = Json.read(ctx, SwarmInitRequest.class);
    Json.write(ctx, 200, backend.call(e -> e.swarm().init(req)));
  }

  private void join(Context ctx) {
    SwarmJoinRequest req = Json.read(ctx, SwarmJoinRequest.class);
    backend.run(e -> e.swarm().join(req));
    ctx.status(200);
  }

  private void leave(Context ctx) {
    boolean force = Params.bool(ctx, "force");
    backend.run(e -> e.swarm().leave(force));
    ctx.status(200);
  }

  private void update(Context ctx) {
    SwarmSpec spec = Json.read(ctx, SwarmSpec.class);
    SwarmUpdateFlags flags =
        new SwarmUpdateFlags(
            version(ctx),
            Params.bool(ctx, "rotateWorkerToken"),
            Params.bool(ctx, "rotateManagerToken"),
            Params.bool(ctx, "rotateManagerUnlockKey"));
    backend.run(e -> e.swarm().update(spec, flags));
    ctx.status(200);
  }

  private void unlock(Context ctx) {
    String key = Json.member(Json.tree(ctx), "UnlockKey", String.class);
    backend.run(e -> e.swarm().unlock(key));
    ctx.status(200);
  }

  private void nodes(Context ctx) {
    Map<String, List<String>> filters = Params.filters(ctx);
    Json.write(ctx, 200, backend.call(e -> e.nodes().list(filters)));
  }

  private void updateNode(Context ctx) {
    NodeSpec spec = Json.read(ctx, NodeSpec.class);
    long v = version(ctx);
    backend.run(e -> e.nodes().update(id(ctx), v, spec));
    ctx.status(200);
  }

  private void removeNode(Context ctx) {
    boolean force = Params.bool(ctx, "force");
    backend.run(e -> e.nodes().remove(id(ctx), force));
    ctx.status(200);
  }

  private void services(Context ctx) {
    Map<String, List<String>> filters = Params.filters(ctx);
    boolean status = Params.bool(ctx, "status");
    Json.write(ctx, 200, backend.call(e -> e.services().list(filters, status)));
  }

  private void createService(Context ctx) {
    ServiceSpec spec = Json.read(ctx, ServiceSpec.class);
    Json.write(ctx, 201, backend.call(e -> e.services().create(spec)));
  }

  private void updateService(Context ctx) {
    ServiceSpec spec = Json.read(ctx, ServiceSpec.class);
    ServiceUpdateOptions options =
        new ServiceUpdateOptions(
            version(ctx), Params.str(ctx, "registryAuthFrom"), Params.str(ctx, "rollback"));
    Json.write(ctx, 200, backend.call(e -> e.services().update(id(ctx), spec, options)));
  }

  private void removeService(Context ctx) {
    backend.run(e -> e.services().remove(id(ctx)));
    ctx.status(200);
  }

  private void tasks(Context ctx) {
    Map<String, List<String>> filters = Params.filters(ctx);
    Json.write(ctx, 200, backend.call(e -> e.tasks().list(filters)));
  }
}
