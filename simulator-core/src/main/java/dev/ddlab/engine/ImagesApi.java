package dev.ddlab.engine;

import dev.ddlab.engine.dto.CommitRequest;
import dev.ddlab.engine.dto.HistoryItem;
import dev.ddlab.engine.dto.IdResponse;
import dev.ddlab.engine.dto.ImageDeleteItem;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.engine.dto.ImagePruneResponse;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.ProgressMessage;
import dev.ddlab.engine.dto.SearchResult;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Engine API: /images/…, /commit, /distribution. */
public interface ImagesApi {
  /** GET /images/json?all=&filters= (filters as the API's map of lists). */
  List<ImageSummary> list(boolean all, Map<String, List<String>> filters);

  /** GET /images/{name}/json; 404 "No such image: name". */
  ImageInspect inspect(String nameOrId);

  /**
   * POST /images/create?fromImage=&tag=&platform=. {@code reference} is as typed (normalised by the
   * engine); {@code allTags} pulls every tag of the repository. Progress messages are those of the
   * API stream; the CLI renders them.
   */
  void pull(String reference, String platform, boolean allTags, Consumer<ProgressMessage> progress);

  /** POST /images/{name}/tag?repo=&tag=. */
  void tag(String source, String repository, String tag);

  /** DELETE /images/{name}?force=&noprune=. */
  List<ImageDeleteItem> remove(String nameOrId, boolean force, boolean noPrune);

  /** GET /images/{name}/history. */
  List<HistoryItem> history(String nameOrId);

  /** POST /images/prune?filters= (dangling=false for -a). */
  ImagePruneResponse prune(Map<String, List<String>> filters);

  /** GET /images/search?term=&limit=. */
  List<SearchResult> search(String term, int limit, Map<String, List<String>> filters);

  /** GET /images/get?names=: a docker save tarball. */
  void save(List<String> names, OutputStream out);

  /** POST /images/load: reads a docker save tarball; progress carries "Loaded image: …". */
  void load(InputStream tarball, Consumer<ProgressMessage> progress);

  /** POST /commit. */
  IdResponse commit(CommitRequest request);

  /**
   * What {@code docker manifest inspect} prints: the registry's manifest (or manifest list) of the
   * reference, as JSON text. Real Docker asks the registry, not the daemon.
   */
  String manifestInspect(String reference, boolean verbose);

  /**
   * GET /distribution/{name}/json: the descriptor of what the registry serves for the reference
   * (media type, digest and size of the manifest or manifest list) and its platforms. An engine
   * without registry access refuses as a daemon that cannot reach one.
   */
  default dev.ddlab.engine.dto.DistributionInspect distributionInspect(String reference) {
    throw EngineException.serverError(
        "Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such"
            + " host");
  }

  /**
   * What the registry serves under a reference, byte for byte, as a client that asks it directly
   * (buildx's imagetools) reads it: a manifest, manifest list or index by tag or digest, or a blob
   * (a config, an attestation's in-toto layer) by {@code name@sha256:…}. Not an Engine API
   * endpoint: real clients fetch it from the registry; an engine without registry access refuses.
   */
  default byte[] registryContent(String reference) {
    throw new EngineException(501, "registry content is not supported by this engine");
  }

  /**
   * POST /images/{name}/push?tag= with X-Registry-Auth ({@link
   * dev.ddlab.engine.dto.AuthConfig#header}): the progress stream of the push ("The push refers to
   * repository …", per layer "Preparing", "Pushed" or "Layer already exists", "TAG: digest:
   * sha256:… size: N"); a failure after the first message (no such local image, the registry's
   * "denied") is thrown after that progress, as an error of the stream. An engine without registry
   * access refuses as a daemon that cannot reach one.
   */
  default void push(
      String reference,
      String registryAuth,
      java.util.function.Consumer<ProgressMessage> progress) {
    throw EngineException.serverError(
        "Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such"
            + " host");
  }
}
