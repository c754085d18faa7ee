package dev.ddlab.sim.build;

import dev.ddlab.engine.BuildsApi;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.BuildCachePruneResponse;
import dev.ddlab.engine.dto.BuildMessage;
import dev.ddlab.engine.dto.BuildRequest;
import dev.ddlab.events.EventBus;
import dev.ddlab.fs.Content;
import dev.ddlab.fs.Entry;
import dev.ddlab.introspect.BuildsView;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.TarCodec;
import dev.ddlab.sim.image.ImageLayer;
import dev.ddlab.sim.image.ImageService;
import dev.ddlab.sim.runtime.Kernel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The node's builder, shaped as BuildKit in dockerd (Docker 24): the Dockerfile's stages form a
 * graph from the target back (unused stages are skipped, independent ones run side by side in
 * virtual time), every RUN, COPY, ADD and WORKDIR is a step with a cache key, the image goes to the
 * node's image store with content-addressed layers, and the progress is BuildKit's vertices (or,
 * for the classic builder's API version, its "Step 1/8 : …" stream). See docs/design/build.md.
 */
public final class Builder implements BuildsApi {
  private final VirtualClock clock;
  private final EventBus bus;
  private final String node;
  private final ImageService images;
  private final Kernel kernel;
  private final SeededRandom random;
  private final BuildCache cache = new BuildCache();
  private final List<BuildsView.Build> builds;
  private final Set<String> resolvedBases = new HashSet<>();
  private final Set<String> exported = new HashSet<>();
  private final Map<Content, Long> declared;
  private int mounts = 1000;

  /** The daemon's own builder for a BuildKit in a container; null for the daemon's own. */
  private final Builder daemon;

  /** The BuildKits in containers (buildx's docker-container builders), by node name. */
  private final Map<String, Builder> instances = new java.util.TreeMap<>();

  public Builder(
      VirtualClock clock,
      EventBus bus,
      String node,
      ImageService images,
      Kernel kernel,
      SeededRandom random) {
    this.clock = clock;
    this.bus = bus;
    this.node = node;
    this.images = images;
    this.kernel = kernel;
    this.random = random;
    this.builds = new ArrayList<>();
    this.declared = new HashMap<>();
    this.daemon = null;
  }

  /** A BuildKit in a container on the daemon's node: its own cache, the node's kernel and store. */
  private Builder(Builder daemon) {
    this.clock = daemon.clock;
    this.bus = daemon.bus;
    this.node = daemon.node;
    this.images = daemon.images;
    this.kernel = daemon.kernel;
    this.random = daemon.random;
    this.builds = daemon.builds;
    this.declared = daemon.declared;
    this.daemon = daemon;
  }

  @Override
  public BuildsApi instance(String name) {
    if (daemon != null) {
      return daemon.instance(name);
    }
    return instances.computeIfAbsent(name, n -> new Builder(this));
  }

  /**
   * Whether this is the daemon's own BuildKit (Docker 24's docker driver): it resolves base images
   * in the image store first and exports into it; a BuildKit in a container does neither.
   */
  boolean isDaemon() {
    return daemon == null;
  }

  /** The node's builds, oldest first (the introspection's build view). */
  public List<BuildsView.Build> builds() {
    return List.copyOf(builds);
  }

  VirtualClock clock() {
    return clock;
  }

  EventBus bus() {
    return bus;
  }

  String node() {
    return node;
  }

  ImageService images() {
    return images;
  }

  Kernel kernel() {
    return kernel;
  }

  SeededRandom random() {
    return random;
  }

  BuildCache cache() {
    return cache;
  }

  /** The sizes that scaled-down contents written by package steps stand for. */
  Map<Content, Long> declared() {
    return declared;
  }

  /** A layer with the size it reports: files count their declared size where they have one. */
  ImageLayer layer(Layer layer) {
    long size = 0;
    for (Entry e : layer.entries().values()) {
      if (e.isFile()) {
        size += declared.getOrDefault(e.content(), e.content().size());
      }
    }
    ImageLayer l = ImageLayer.of(layer);
    return new ImageLayer(l.layer(), l.digest(), size);
  }

  /** The image IDs this builder exported before (their layers are already in its content store). */
  Set<String> exported() {
    return exported;
  }

  Set<String> resolvedBases() {
    return resolvedBases;
  }

  void record(BuildsView.Build build) {
    // builds run one at a time: a build is recorded when it starts (a new last entry) and again
    // when it ends (the last entry), so only the last entry can be the same build
    int last = builds.size() - 1;
    if (last >= 0 && builds.get(last).id().equals(build.id())) {
      builds.set(last, build);
    } else {
      builds.add(build);
    }
  }

  /** A name BuildKit's mounts would have ("buildkit-mount1234"). */
  int nextMount() {
    return mounts += 1 + random.nextInt(0, 900);
  }

  @Override
  public void build(BuildRequest request, InputStream context, Consumer<BuildMessage> progress) {
    Layer ctx;
    try {
      ctx = TarCodec.read(context);
    } catch (IOException | RuntimeException e) {
      throw EngineException.badRequest("failed to read build context: " + e.getMessage());
    }
    new BuildRun(this, request, ctx, progress).run();
  }

  @Override
  public BuildCachePruneResponse prune(
      boolean all, long keepStorage, Map<String, List<String>> filters) {
    // Without --all the records of base images stay (BuildKit keeps what images still share).
    List<BuildCache.Record> removed =
        cache.remove(r -> all || !r.description().startsWith("pulled from"));
    List<String> ids = new ArrayList<>();
    long space = 0;
    for (BuildCache.Record r : removed) {
      ids.add(r.id());
      space += r.size();
    }
    return new BuildCachePruneResponse(ids, space);
  }
}
