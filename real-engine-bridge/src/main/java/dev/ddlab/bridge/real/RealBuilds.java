package dev.ddlab.bridge.real;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.ddlab.engine.BuildsApi;
import dev.ddlab.engine.dto.BuildCachePruneResponse;
import dev.ddlab.engine.dto.BuildMessage;
import dev.ddlab.engine.dto.BuildRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * /build on a real daemon: the context tar is uploaded as the CLI uploads it and the daemon's JSON
 * messages come back as they are. The request asks for the classic builder ({@code version=1}):
 * BuildKit through the API needs a client session (gRPC over {@code /session}) that this transport
 * does not open, so a real daemon answers with its "Step 1/5 : …" stream.
 */
final class RealBuilds implements BuildsApi {
  private final ApiClient api;

  RealBuilds(ApiClient api) {
    this.api = api;
  }

  @Override
  public void build(BuildRequest req, InputStream context, Consumer<BuildMessage> progress) {
    if (!req.outputs().isEmpty()) {
      // BuildKit's exporters need its /session, which this transport does not open (see
      // real-engine-bridge.md, "Builds"): build, then docker push.
      throw new dev.ddlab.engine.EngineException(
          501, "build outputs (--push, --load, --output) are not supported by this engine");
    }
    ApiClient.Query q =
        ApiClient.Query.of()
            .addAll("t", req.tags())
            .add("dockerfile", req.dockerfile())
            .add("target", req.target().isEmpty() ? null : req.target())
            .add("buildargs", req.buildArgs().isEmpty() ? null : json(req.buildArgs()))
            .add("labels", req.labels().isEmpty() ? null : json(req.labels()))
            .flag("nocache", req.noCache())
            .flag("pull", req.pull())
            .add("platform", req.platform().isEmpty() ? null : req.platform())
            .add("networkmode", req.networkMode().equals("default") ? null : req.networkMode())
            .flag("q", req.quiet())
            .add("rm", req.remove() ? "1" : "0")
            .flag("forcerm", req.forceRemove())
            .add("version", "1");
    try (DockerHttpClient.Response r = api.send("POST", "/build", q, context, "application/x-tar");
        MappingIterator<JsonNode> it =
            ApiClient.JSON.readerFor(JsonNode.class).readValues(r.getBody())) {
      while (it.hasNextValue()) {
        progress.accept(ApiClient.JSON.treeToValue(it.nextValue(), BuildMessage.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public BuildCachePruneResponse prune(
      boolean all, long keepStorage, Map<String, List<String>> filters) {
    BuildCachePruneResponse r =
        api.post(
            "/build/prune",
            ApiClient.Query.of()
                .flag("all", all)
                .add("keep-storage", keepStorage > 0 ? keepStorage : null)
                .filters(filters),
            null,
            BuildCachePruneResponse.class);
    return r == null ? new BuildCachePruneResponse(List.of(), 0) : r;
  }

  private static String json(Object value) {
    try {
      return ApiClient.JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
