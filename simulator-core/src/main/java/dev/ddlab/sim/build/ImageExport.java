package dev.ddlab.sim.build;

import static dev.ddlab.sim.build.BuildState.MS;

import dev.ddlab.engine.EngineException;
import dev.ddlab.sim.image.Image;
import dev.ddlab.sim.image.ImageConfig;
import dev.ddlab.sim.image.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * "exporting to image": the target stage's image config (no parent, {@code created} = the last
 * step's time) stored in the node's image store, then each {@code -t} tagged.
 */
final class ImageExport {
  private ImageExport() {}

  /** Exports the stage; the image ID. */
  static String export(BuildState s, StageState st) {
    long start = s.progress.lastCompleted(st.time);
    Vertex v = s.progress.vertex("exporting to image", start);
    Image img = image(st);
    boolean fresh = !s.b.images().store().contains(img.id());
    long layersDone = start + (fresh ? 180 * MS : 2 * MS);
    v.status("exporting layers", start, layersDone);
    v.status("writing image " + img.id(), layersDone, layersDone + 3 * MS);
    v.completed = store(s, v, img, layersDone + 3 * MS);
    return img.id();
  }

  /**
   * Puts the image in the node's store (when it is not there yet) and tags it with each {@code -t},
   * a "naming to" status each from {@code t}; when the last one ended.
   */
  static long store(BuildState s, Vertex v, Image img, long t) {
    if (!s.b.images().store().contains(img.id())) {
      s.b.images().store().add(img, "");
    }
    for (String tag : s.req.tags()) {
      v.status("naming to " + name(tag), t, t + 1 * MS);
      t += 1 * MS;
      s.b.images().tag(img.id(), tag, null);
    }
    return t + 1 * MS;
  }

  /** A {@code -t} name, normalised ("docker.io/library/web:latest"). */
  static Reference name(String tag) {
    try {
      return Reference.parse(tag).withDefaultTag();
    } catch (EngineException e) {
      throw new BuildFailure("invalid reference format: repository name must be lowercase");
    }
  }

  /** The stage as an image: its config (no parent, created at its last step) and layers. */
  static Image image(StageState st) {
    List<String> diffIds = new ArrayList<>();
    st.layers.forEach(l -> diffIds.add(l.diffId()));
    ImageConfig cfg =
        new ImageConfig(
            st.platform.architecture(),
            st.platform.variant(),
            st.platform.os(),
            st.osVersion,
            st.lastCreated,
            "",
            "",
            "",
            "",
            st.config.toConfig(),
            null,
            List.copyOf(st.history),
            diffIds);
    return new Image(cfg.toJson(), st.layers);
  }
}
