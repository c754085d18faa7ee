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
  private final List<BuildsView.Build> builds = new ArrayList<>();
  private final Set<String> resolvedBases = new HashSet<>();
  private final Map<Content, Long> declared = new HashMap<>();
  private int mounts = 1000;

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

  Set<String> resolvedBases() {
    return resolvedBases;
  }

  void record(BuildsView.Build build) {
    for (int i = 0; i < builds.size(); i++) {
      if (builds.get(i).id().equals(build.id())) {
        builds.set(i, build);
        return;
      }
    }
    builds.add(build);
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
