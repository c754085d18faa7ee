package dev.ddlab.sim.image;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.ImagesApi;
import dev.ddlab.engine.dto.CommitRequest;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.HistoryItem;
import dev.ddlab.engine.dto.IdResponse;
import dev.ddlab.engine.dto.ImageDeleteItem;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.engine.dto.ImagePruneResponse;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.ProgressMessage;
import dev.ddlab.engine.dto.SearchResult;
import dev.ddlab.events.EventBus;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.fs.ContainerRootFs;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.UnionFs;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One node's images behind the Engine API's image endpoints, and the {@link LocalImages} seam
 * through which containers get their root filesystems. A facade: each operation lives where moby
 * keeps it ({@link ImagePull}, {@link ImageDelete}, {@link ImageCommit}, {@link TarExport}, {@link
 * ImageQueries}), all working on one {@link ImageService} (store, references, events).
 */
public final class SimImagesApi implements ImagesApi, LocalImages {
  private final ImageService service;
  private final ImageQueries queries;
  private final ImagePull pulls;
  private final ImageDelete deletes;
  private final ImageCommit commits;
  private final TarExport tarExport;

  public SimImagesApi(
      VirtualClock clock,
      SeededRandom random,
      EventBus events,
      String platform,
      String node,
      Registry registry,
      ImageUsage usage) {
    this.service =
        new ImageService(
            clock,
            events,
            platform == null || platform.isEmpty()
                ? Platform.LINUX_AMD64
                : Platform.parse(platform),
            node,
            registry);
    this.service.usage(usage);
    this.queries = new ImageQueries(service);
    this.pulls = new ImagePull(service);
    this.deletes = new ImageDelete(service);
    this.commits = new ImageCommit(service);
    this.tarExport = new TarExport(service);
  }

  /** Sets the container side once it exists (the two stores are built in either order). */
  public void usage(ImageUsage usage) {
    service.usage(usage);
  }

  /** What the node's image operations share (for a builder that stores and tags its images). */
  public ImageService service() {
    return service;
  }

  public Registry registry() {
    return service.registry();
  }

  public Platform platform() {
    return service.platform();
  }

  // ---- LocalImages -------------------------------------------------------------------------

  @Override
  public Optional<LocalImage> find(String referenceOrId) {
    StoredImage s = service.lookup(referenceOrId);
    return s == null ? Optional.empty() : Optional.of(view(s.image()));
  }

  @Override
  public long version() {
    return service.store().changes() + service.references().changes();
  }

  @Override
  public ContainerRootFs newRootFs(LocalImage image) {
    Image img =
        service
            .store()
            .get(image.id())
            .orElseThrow(() -> EngineException.notFound("No such image: " + image.id()));
    List<Layer> layers = new ArrayList<>();
    img.layers().forEach(l -> layers.add(l.layer()));
    return new UnionFs(layers, img.size(), service.clock()::nowNanos);
  }

  /** The stored image content by ID (for save, build, the visualisers). */
  public Optional<Image> image(String id) {
    return service.store().get(id);
  }

  private LocalImage view(Image img) {
    ImageConfig c = img.config();
    return new View(
        img.id(),
        service.references().repoTags(img.id()),
        c.config(),
        c.os(),
        c.architecture(),
        img.size(),
        img.chainIds(),
        layerSizes(img));
  }

  private static Map<String, Long> layerSizes(Image img) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (int n = 0; n < img.layers().size(); n++) {
      sizes.putIfAbsent(img.chainIds().get(n), img.layers().get(n).size());
    }
    return sizes;
  }

  private record View(
      String id,
      List<String> repoTags,
      ContainerConfig config,
      String os,
      String architecture,
      long size,
      List<String> chainIds,
      Map<String, Long> layerSizes)
      implements LocalImage {}

  // ---- ImagesApi -----------------------------------------------------------------------------

  @Override
  public List<ImageSummary> list(boolean all, Map<String, List<String>> filters) {
    return queries.list(all, filters);
  }

  @Override
  public ImageInspect inspect(String nameOrId) {
    return queries.inspect(nameOrId);
  }

  @Override
  public List<HistoryItem> history(String nameOrId) {
    return queries.history(nameOrId);
  }

  @Override
  public List<SearchResult> search(String term, int limit, Map<String, List<String>> filters) {
    return queries.search(term, limit, filters);
  }

  @Override
  public void pull(
      String reference, String platformText, boolean allTags, Consumer<ProgressMessage> progress) {
    pulls.pull(reference, platformText, allTags, progress);
  }

  @Override
  public void tag(String source, String repository, String tag) {
    service.tag(source, repository, tag);
  }

  @Override
  public List<ImageDeleteItem> remove(String nameOrId, boolean force, boolean noPrune) {
    return deletes.remove(nameOrId, force, noPrune);
  }

  @Override
  public ImagePruneResponse prune(Map<String, List<String>> filters) {
    return deletes.prune(filters);
  }

  @Override
  public IdResponse commit(CommitRequest request) {
    return new IdResponse(commits.commit(request));
  }

  /**
   * A new image from a container: the parent's layers plus the container's writable layer (no layer
   * when nothing changed), the given config, and one history entry.
   *
   * @return the new image ID
   */
  public String commit(
      ContainerRootFs rootFs,
      String parentImageId,
      String containerId,
      ContainerConfig containerConfig,
      ContainerConfig config,
      String repo,
      String tag,
      String comment,
      String author) {
    return commits.commit(
        rootFs, parentImageId, containerId, containerConfig, config, repo, tag, comment, author);
  }

  @Override
  public void save(List<String> names, OutputStream out) {
    tarExport.save(names, out);
  }

  @Override
  public void load(InputStream tarball, Consumer<ProgressMessage> progress) {
    tarExport.load(tarball, progress);
  }

  @Override
  public void push(String reference, String registryAuth, Consumer<ProgressMessage> progress) {
    new ImagePush(service).push(reference, registryAuth, progress);
  }

  @Override
  public String manifestInspect(String reference, boolean verbose) {
    return Manifests.inspect(service.registry(), reference, verbose);
  }

  @Override
  public byte[] registryContent(String reference) {
    return Manifests.content(service.registry(), reference);
  }

  @Override
  public dev.ddlab.engine.dto.DistributionInspect distributionInspect(String reference) {
    return Manifests.distribution(service.registry(), reference);
  }
}
