package dev.ddlab.bridge.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.BuildRequest;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * /build and /build/prune (moby {@code api/server/router/build}): the context tar (plain or gzip,
 * as {@code docker build --compress} sends it) and the query parameters become a {@link
 * BuildRequest}; the engine's JSON messages are the answer's stream. Served engines build with the
 * classic builder's stream ({@code version=1}): a BuildKit client needs a {@code /session} this
 * server does not offer.
 */
final class BuildRouter implements Router {
  private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Backend backend;

  BuildRouter(Backend backend) {
    this.backend = backend;
  }

  @Override
  public List<Route> routes() {
    return List.of(Route.post("/build", this::build), Route.post("/build/prune", this::prune));
  }

  private static Map<String, String> jsonMap(Context ctx, String name) {
    String raw = Params.str(ctx, name);
    if (raw == null) {
      return Map.of();
    }
    try {
      return Json.MAPPER.readValue(raw, new TypeReference<Map<String, String>>() {});
    } catch (IOException e) {
      throw EngineException.badRequest("invalid " + name + ": " + raw);
    }
  }

  private void build(Context ctx) {
    BuildRequest req =
        BuildRequest.builder()
            .tags(ctx.queryParams("t"))
            .dockerfile(Params.str(ctx, "dockerfile"))
            .target(Params.str(ctx, "target"))
            .buildArgs(jsonMap(ctx, "buildargs"))
            .labels(jsonMap(ctx, "labels"))
            .noCache(Params.bool(ctx, "nocache"))
            .pull(Params.bool(ctx, "pull"))
            .platform(Params.str(ctx, "platform"))
            .networkMode(Params.str(ctx, "networkmode"))
            .quiet(Params.bool(ctx, "q"))
            .version("1")
            .remove(ctx.queryParam("rm") == null || Params.bool(ctx, "rm"))
            .forceRemove(Params.bool(ctx, "forcerm"))
            .extraHosts(ctx.queryParams("extrahosts"))
            .build();
    byte[] body = ctx.bodyAsBytes();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    backend.run(
        e ->
            e.builds()
                .build(
                    req,
                    context(body),
                    m -> {
                      out.writeBytes(Json.bytes(m));
                      out.writeBytes(CRLF);
                    }));
    ctx.status(200);
    ctx.contentType("application/json");
    ctx.result(out.toByteArray());
  }

  private static InputStream context(byte[] body) {
    if (body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
      try {
        return new GZIPInputStream(new ByteArrayInputStream(body));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ByteArrayInputStream(body);
  }

  private void prune(Context ctx) {
    boolean all = Params.bool(ctx, "all");
    String keep = Params.str(ctx, "keep-storage");
    long keepStorage;
    try {
      keepStorage = keep == null ? 0 : Long.parseLong(keep);
    } catch (NumberFormatException e) {
      throw EngineException.badRequest("invalid value for keep-storage: " + keep);
    }
    Map<String, List<String>> filters = Params.filters(ctx);
    Json.write(ctx, 200, backend.call(e -> e.builds().prune(all, keepStorage, filters)));
  }
}
