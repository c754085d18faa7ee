package dev.ddlab.sim.build;

import dev.ddlab.sim.image.ImageLayer;
import java.util.function.Function;

/**
 * A step that makes a layer (RUN, COPY, ADD, WORKDIR), as its instruction's dispatch prepares it:
 * the text of its cache key, its history line, the earliest time it may start and the work that
 * makes the layer on a cache miss.
 */
record FileStep(
    String keyText,
    String createdBy,
    long notBefore,
    Function<Vertex, Work> work,
    String shown,
    int inlineDocuments) {

  /**
   * A step shown by its instruction's text, without inline documents.
   *
   * <p>{@code shown} (else null) replaces the instruction's text in the step's name, as a {@code
   * RUN <<EOF} is shown with its summary; {@code inlineDocuments} is how many here-documents the
   * step writes first (BuildKit's "[internal] preparing inline document" vertices).
   */
  FileStep(String keyText, String createdBy, long notBefore, Function<Vertex, Work> work) {
    this(keyText, createdBy, notBefore, work, null, 0);
  }

  /** What a step did on a cache miss: its layer and how long it took. */
  record Work(ImageLayer layer, long nanos) {}
}
