package dev.ddlab.bridge.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.CommitRequest;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** /images/… and /commit (moby {@code api/server/router/image}). */
final class ImageRouter implements Router {
  private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Backend backend;

  ImageRouter(Backend backend) {
    this.backend = backend;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/images/json", this::list),
        Route.post("/images/create", this::pull),
        Route.get("/images/search", this::search),
        Route.get("/images/get", ctx -> save(ctx, ctx.queryParams("names"))),
        Route.post("/images/load", this::load),
        Route.post("/images/prune", this::prune),
        Route.get("/images/<name>/json", this::inspect),
        Route.get("/images/<name>/history", this::history),
        Route.get("/images/<name>/get", ctx -> save(ctx, List.of(ctx.pathParam("name")))),
        Route.post("/images/<name>/tag", this::tag),
        Route.post("/images/<name>/push", this::push),
        Route.delete("/images/<name>", this::remove),
        Route.post("/commit", this::commit));
  }

  private static String name(Context ctx) {
    return ctx.pathParam("name");
  }

  private void list(Context ctx) {
    boolean all = Params.bool(ctx, "all");
    Map<String, List<String>> filters = Params.filters(ctx);
    Json.write(ctx, 200, backend.call(e -> e.images().list(all, filters)));
  }

  private void search(Context ctx) {
    Integer limit = Params.integer(ctx, "limit");
    String term = Params.str(ctx, "term");
    Map<String, List<String>> filters = Params.filters(ctx);
    Json.write(
        ctx, 200, backend.call(e -> e.images().search(term, limit == null ? 0 : limit, filters)));
  }

  private void prune(Context ctx) {
    Map<String, List<String>> filters = Params.filters(ctx);
    Json.write(ctx, 200, backend.call(e -> e.images().prune(filters)));
  }

  private void inspect(Context ctx) {
    Json.write(ctx, 200, backend.call(e -> e.images().inspect(name(ctx))));
  }

  private void history(Context ctx) {
    Json.write(ctx, 200, backend.call(e -> e.images().history(name(ctx))));
  }

  private void tag(Context ctx) {
    String repo = Params.str(ctx, "repo");
    String tag = Params.str(ctx, "tag");
    backend.run(e -> e.images().tag(name(ctx), repo, tag));
    ctx.status(201);
  }

  private void remove(Context ctx) {
    boolean force = Params.bool(ctx, "force");
    boolean noPrune = Params.bool(ctx, "noprune");
    Json.write(ctx, 200, backend.call(e -> e.images().remove(name(ctx), force, noPrune)));
  }

  private void commit(Context ctx) {
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
    Json.write(ctx, 201, backend.call(e -> e.images().commit(req)));
  }

  /** POST /images/create?fromImage=&tag=: the pull's JSON progress stream. */
  private void pull(Context ctx) {
    String from = Params.str(ctx, "fromImage");
    if (from == null) {
      throw EngineException.badRequest("docker import is not supported by this engine");
    }
    String tag = Params.str(ctx, "tag");
    String ref =
        tag == null ? from : tag.startsWith("sha256:") ? from + "@" + tag : from + ":" + tag;
    boolean allTags = tag == null;
    String platform = Params.str(ctx, "platform");
    progressStream(ctx, (e, progress) -> e.images().pull(ref, platform, allTags, progress));
  }

  /**
   * POST /images/{name}/push?tag= with X-Registry-Auth: the push's JSON progress stream; a refusal
   * after the first message (the registry's "denied") is an error message in the stream.
   */
  private void push(Context ctx) {
    String tag = Params.str(ctx, "tag");
    String ref = tag == null || tag.isEmpty() ? name(ctx) : name(ctx) + ":" + tag;
    String auth = ctx.header("X-Registry-Auth");
    progressStream(ctx, (e, progress) -> e.images().push(ref, auth, progress));
  }

  /**
   * Answers with an operation's JSON progress stream (pull, push). An error before any progress is
   * an ordinary error answer; after that it is an error message ending the stream, as dockerd
   * writes it.
   */
  private void progressStream(
      Context ctx,
      java.util.function.BiConsumer<
              dev.ddlab.engine.Engine,
              java.util.function.Consumer<dev.ddlab.engine.dto.ProgressMessage>>
          operation) {
    ByteArrayOutputStream buffered = new ByteArrayOutputStream();
    try {
      backend.run(
          e ->
              operation.accept(
                  e,
                  m -> {
                    buffered.writeBytes(Json.bytes(m));
                    buffered.writeBytes(CRLF);
                  }));
    } catch (EngineException e) {
      if (buffered.size() == 0) {
        throw e;
      }
      ObjectNode err = Json.MAPPER.createObjectNode();
      err.putObject("errorDetail").put("message", e.getMessage());
      err.put("error", e.getMessage());
      buffered.writeBytes(Json.bytes(err));
      buffered.writeBytes(CRLF);
    }
    ctx.status(200);
    ctx.contentType("application/json");
    ctx.result(buffered.toByteArray());
  }

  private void save(Context ctx, List<String> names) {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    backend.run(e -> e.images().save(names, tar));
    ctx.contentType("application/x-tar");
    ctx.result(tar.toByteArray());
  }

  private void load(Context ctx) {
    byte[] tar = ctx.bodyAsBytes();
    List<String> lines = new ArrayList<>();
    backend.run(
        e ->
            e.images()
                .load(
                    new ByteArrayInputStream(tar),
                    m -> lines.add(m.status() == null ? "" : m.status())));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : lines) {
      out.writeBytes(Json.bytes(Map.of("stream", line + "\n")));
      out.write('\n');
    }
    ctx.contentType("application/json");
    ctx.result(out.toByteArray());
  }
}
