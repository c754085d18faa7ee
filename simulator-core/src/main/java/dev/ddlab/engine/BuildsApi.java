package dev.ddlab.engine;

import dev.ddlab.engine.dto.BuildCachePruneResponse;
import dev.ddlab.engine.dto.BuildMessage;
import dev.ddlab.engine.dto.BuildRequest;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Engine API: {@code POST /build} and {@code POST /build/prune} (moby {@code
 * api/server/router/build}). The default is an engine that cannot build: every call answers 501
 * with "not supported", so engines without a builder keep compiling and say so.
 */
public interface BuildsApi {
  /** An engine without a builder. */
  BuildsApi UNSUPPORTED = new BuildsApi() {};

  /**
   * POST /build with the build context as a tar stream (the Dockerfile inside it, at {@code
   * request.dockerfile()}). The JSON message stream goes to {@code progress}: the classic builder's
   * {@code stream} lines and {@code aux} ID (version "1"), or BuildKit's status traces (version
   * "2"). A build that fails after it started ends the stream with an {@code error} message, as the
   * API does (HTTP 200); a request the daemon refuses up front throws {@link EngineException}.
   */
  default void build(BuildRequest request, InputStream context, Consumer<BuildMessage> progress) {
    throw notSupported();
  }

  /**
   * POST /build/prune?all=&keep-storage=&filters=: removes build cache records (the unused ones, or
   * all of them with {@code all}).
   */
  default BuildCachePruneResponse prune(
      boolean all, long keepStorage, Map<String, List<String>> filters) {
    throw notSupported();
  }

  /**
   * Another BuildKit on this engine's host: the one buildx's {@code docker-container} driver runs
   * in the container {@code buildx_buildkit_NODE} (buildx reaches it through that container, not
   * through {@code /build}). It has its own cache and pulls its base images itself; its builds
   * export only where the request's {@code outputs} say (none: the build cache only), may cover
   * several platforms (one manifest list) and push with the request's credentials.
   *
   * @param node the builder's node ("container0")
   */
  default BuildsApi instance(String node) {
    throw new EngineException(
        501, "BuildKit in a container (docker-container driver) is not supported by this engine");
  }

  private static EngineException notSupported() {
    return new EngineException(501, "build is not supported by this engine");
  }
}
