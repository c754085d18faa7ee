package dev.ddlab.bridge.real;

import static dev.ddlab.bridge.real.ApiClient.seg;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.ddlab.bridge.real.ApiClient.Query;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.ImagesApi;
import dev.ddlab.engine.dto.CommitRequest;
import dev.ddlab.engine.dto.HistoryItem;
import dev.ddlab.engine.dto.IdResponse;
import dev.ddlab.engine.dto.ImageDeleteItem;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.engine.dto.ImagePruneResponse;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.ProgressMessage;
import dev.ddlab.engine.dto.SearchResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** /images/…, /commit of a real daemon. */
final class RealImages implements ImagesApi {
  private final ApiClient api;

  RealImages(ApiClient api) {
    this.api = api;
  }

  @Override
  public List<ImageSummary> list(boolean all, Map<String, List<String>> filters) {
    return api.get(
        "/images/json",
        Query.of().flag("all", all).filters(filters),
        new TypeReference<List<ImageSummary>>() {});
  }

  @Override
  public ImageInspect inspect(String nameOrId) {
    return api.get("/images/" + seg(nameOrId) + "/json", null, ImageInspect.class);
  }

  @Override
  public void pull(
      String reference, String platform, boolean allTags, Consumer<ProgressMessage> progress) {
    String[] nameTag = splitReference(reference);
    String tag = allTags ? null : nameTag[1] == null ? "latest" : nameTag[1];
    Query q = Query.of().add("fromImage", nameTag[0]).add("tag", tag).add("platform", platform);
    try (DockerHttpClient.Response r = api.send("POST", "/images/create", q, null, null)) {
      readProgress(r.getBody(), progress);
    }
  }

  @Override
  public void push(String reference, String registryAuth, Consumer<ProgressMessage> progress) {
    String[] nameTag = splitReference(reference);
    Query q = Query.of().add("tag", nameTag[1]);
    try (DockerHttpClient.Response r =
        api.send(
            "POST",
            "/images/" + seg(nameTag[0]) + "/push",
            q,
            Map.of("X-Registry-Auth", registryAuth == null ? "" : registryAuth))) {
      readProgress(r.getBody(), progress);
    }
  }

  /**
   * Name and tag (or digest) of a reference as the CLI sends them: the tag is after the last ':'
   * that follows the last '/', a digest after '@'.
   */
  static String[] splitReference(String reference) {
    int at = reference.indexOf('@');
    if (at >= 0) {
      return new String[] {reference.substring(0, at), reference.substring(at + 1)};
    }
    int colon = reference.lastIndexOf(':');
    if (colon > reference.lastIndexOf('/')) {
      return new String[] {reference.substring(0, colon), reference.substring(colon + 1)};
    }
    return new String[] {reference, null};
  }

  /**
   * Reads a JSON message stream (pull, load, import): {"stream": …} lines become status messages,
   * an {"error": …} message ends it as an EngineException with the daemon's text.
   */
  static void readProgress(InputStream body, Consumer<ProgressMessage> progress) {
    try (MappingIterator<JsonNode> it = ApiClient.JSON.readerFor(JsonNode.class).readValues(body)) {
      while (it.hasNextValue()) {
        JsonNode m = it.nextValue();
        if (m.hasNonNull("error")) {
          throw EngineException.serverError(m.get("error").asText());
        }
        if (m.hasNonNull("stream")) {
          String text = m.get("stream").asText().strip();
          if (!text.isEmpty() && progress != null) {
            progress.accept(ProgressMessage.status(text));
          }
          continue;
        }
        if (progress != null) {
          progress.accept(ApiClient.JSON.treeToValue(m, ProgressMessage.class));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void tag(String source, String repository, String tag) {
    api.exchange(
        "POST",
        "/images/" + seg(source) + "/tag",
        Query.of().add("repo", repository).add("tag", tag),
        null);
  }

  @Override
  public List<ImageDeleteItem> remove(String nameOrId, boolean force, boolean noPrune) {
    try (DockerHttpClient.Response r =
        api.send(
            "DELETE",
            "/images/" + seg(nameOrId),
            Query.of().flag("force", force).flag("noprune", noPrune),
            null,
            null)) {
      return ApiClient.JSON.readValue(r.getBody(), new TypeReference<List<ImageDeleteItem>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<HistoryItem> history(String nameOrId) {
    return api.get(
        "/images/" + seg(nameOrId) + "/history", null, new TypeReference<List<HistoryItem>>() {});
  }

  @Override
  public ImagePruneResponse prune(Map<String, List<String>> filters) {
    ImagePruneResponse r =
        api.post("/images/prune", Query.of().filters(filters), null, ImagePruneResponse.class);
    return r.imagesDeleted() == null ? new ImagePruneResponse(List.of(), r.spaceReclaimed()) : r;
  }

  @Override
  public List<SearchResult> search(String term, int limit, Map<String, List<String>> filters) {
    return api.get(
        "/images/search",
        Query.of().add("term", term).add("limit", limit > 0 ? limit : null).filters(filters),
        new TypeReference<List<SearchResult>>() {});
  }

  @Override
  public void save(List<String> names, OutputStream out) {
    try (DockerHttpClient.Response r =
        api.send("GET", "/images/get", Query.of().addAll("names", names), null, null)) {
      r.getBody().transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void load(InputStream tarball, Consumer<ProgressMessage> progress) {
    try (DockerHttpClient.Response r =
        api.send(
            "POST", "/images/load", Query.of().add("quiet", "0"), tarball, "application/x-tar")) {
      readProgress(r.getBody(), progress);
    }
  }

  /**
   * POST /images/create?fromSrc=-: a root filesystem tarball becomes an image (docker import), with
   * Dockerfile-style {@code changes} such as {@code CMD ["/bin/sh"]}.
   */
  public void importImage(
      InputStream tarball,
      String repository,
      String tag,
      List<String> changes,
      Consumer<ProgressMessage> progress) {
    Query q =
        Query.of()
            .add("fromSrc", "-")
            .add("repo", repository)
            .add("tag", tag)
            .addAll("changes", changes);
    try (DockerHttpClient.Response r =
        api.send("POST", "/images/create", q, tarball, "application/x-tar")) {
      readProgress(r.getBody(), progress);
    }
  }

  @Override
  public IdResponse commit(CommitRequest request) {
    Query q =
        Query.of()
            .add("container", request.container())
            .add("repo", request.repo())
            .add("tag", request.tag())
            .add("comment", request.comment())
            .add("author", request.author())
            .add("pause", request.pause() ? "1" : "0")
            .addAll("changes", request.changes());
    return api.post("/commit", q, null, IdResponse.class);
  }

  /**
   * Real Docker's CLI asks the registry itself for a manifest; ddlab's bridge only speaks to the
   * daemon, which has no such endpoint, so this is answered like a registry that cannot be reached.
   */
  @Override
  public String manifestInspect(String reference, boolean verbose) {
    throw EngineException.serverError(
        "docker manifest inspect talks to the registry directly; the real-engine bridge only talks"
            + " to the daemon at "
            + api.host());
  }
}
