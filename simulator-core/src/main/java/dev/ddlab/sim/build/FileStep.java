package dev.ddlab.sim.build;

import dev.ddlab.sim.image.ImageLayer;
import java.util.function.Function;

/**
 * A step that makes a layer (RUN, COPY, ADD, WORKDIR), as its instruction's dispatch prepares it:
 * the text of its cache key, its history line, the earliest time it may start and the work that
 * makes the layer on a cache miss.
 */
record FileStep(String keyText, String createdBy, long notBefore, Function<Vertex, Work> work) {

  /** What a step did on a cache miss: its layer and how long it took. */
  record Work(ImageLayer layer, long nanos) {}
}
