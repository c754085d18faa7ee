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
    Image img = new Image(cfg.toJson(), st.layers);
    boolean fresh = !s.b.images().store().contains(img.id());
    long layersDone = start + (fresh ? 180 * MS : 2 * MS);
    v.status("exporting layers", start, layersDone);
    v.status("writing image " + img.id(), layersDone, layersDone + 3 * MS);
    long t = layersDone + 3 * MS;
    if (fresh) {
      s.b.images().store().add(img, "");
    }
    for (String tag : s.req.tags()) {
      Reference r;
      try {
        r = Reference.parse(tag).withDefaultTag();
      } catch (EngineException e) {
        throw new BuildFailure("invalid reference format: repository name must be lowercase");
      }
      v.status("naming to " + r, t, t + 1 * MS);
      t += 1 * MS;
      s.b.images().tag(img.id(), tag, null);
    }
    v.completed = t + 1 * MS;
    return img.id();
  }
}
