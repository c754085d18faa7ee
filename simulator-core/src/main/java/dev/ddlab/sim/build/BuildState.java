package dev.ddlab.sim.build;

import dev.ddlab.dockerfile.Dockerfile;
import dev.ddlab.dockerfile.DockerfileException;
import dev.ddlab.dockerfile.Instruction;
import dev.ddlab.dockerfile.ShellLex;
import dev.ddlab.dockerfile.Stage;
import dev.ddlab.engine.dto.BuildRequest;
import dev.ddlab.fs.Entry;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.image.Image;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One build's state, shared by its parts: the request and context, the parsed Dockerfile and its
 * meta ARGs, the base images, the stages built so far and the progress vertices.
 */
final class BuildState {
  static final long MS = 1_000_000L;
  static final String COMMENT = "buildkit.dockerfile.v0";

  final Builder b;
  final BuildRequest req;
  final Layer ctx;
  final String buildId;
  final long t0;
  final Progress progress;

  /** The stages built, by index, in the order they were built. */
  final Map<Integer, StageState> done = new LinkedHashMap<>();

  /** The "load metadata for" vertex of each base reference. */
  final Map<String, Vertex> metadata = new LinkedHashMap<>();

  /** The base images, by the name the Dockerfile uses. */
  final Map<String, Resolved> bases = new HashMap<>();

  /** The meta ARGs (before the first FROM). */
  final Map<String, String> meta = new LinkedHashMap<>();

  /** The platform built for, as the request (or the list of several) names it; "" the node's. */
  final String platform;

  /** "linux/arm64 " when several platforms are built: what the vertices' names start with. */
  final String prefix;

  Dockerfile df;

  /** The Dockerfile's text (provenance in max mode carries it). */
  String dockerfileText = "";

  ShellLex lex = new ShellLex('\\');

  /** When the metadata and context loads end: where stages on images start. */
  long preludeEnd;

  /** "[internal] load build context", when a needed stage copies from it. */
  Vertex contextVertex;

  /** More than one stage in the file: vertices show the stage's name. */
  boolean multi;

  /** A base image: where it came from and what the FROM line shows. */
  record Resolved(Image image, String shown, boolean pulled) {}

  BuildState(Builder b, BuildRequest req, Layer ctx) {
    this.b = b;
    this.req = req;
    this.ctx = ctx;
    this.t0 = b.clock().nowNanos();
    this.buildId = b.random().alnum(25);
    this.progress = new Progress(buildId);
    this.platform = req.platforms().size() == 1 ? req.platforms().get(0) : "";
    this.prefix = "";
  }

  /**
   * One platform's part of a multi-platform build: the same request, context, Dockerfile, meta ARGs
   * and progress; its own base images, stages and times.
   */
  BuildState(BuildState shared, String platform) {
    this.b = shared.b;
    this.req = shared.req;
    this.ctx = shared.ctx;
    this.t0 = shared.t0;
    this.buildId = shared.buildId;
    this.progress = shared.progress;
    this.platform = platform;
    this.prefix = dev.ddlab.sim.image.Platform.parse(platform) + " ";
    this.df = shared.df;
    this.dockerfileText = shared.dockerfileText;
    this.lex = shared.lex;
    this.meta.putAll(shared.meta);
    this.multi = shared.multi;
    this.preludeEnd = shared.preludeEnd;
  }

  /**
   * How much slower a RUN for {@code p} is than on the node: a foreign architecture runs under
   * QEMU's user-mode emulation (binfmt_misc), as a docker-container BuildKit runs it.
   */
  long emulation(dev.ddlab.sim.image.Platform p) {
    return p.architecture().equals(b.images().platform().architecture()) ? 1 : EMULATION;
  }

  /** The slowdown of emulated RUN steps (QEMU user mode: a few times slower for such work). */
  static final long EMULATION = 4;

  /** A word after variable substitution; a bad substitution fails the build at {@code at}. */
  String word(String text, Map<String, String> env, Instruction at) {
    Map<String, String> e = new HashMap<>();
    env.forEach(
        (k, v) -> {
          if (v != null) {
            e.put(k, v);
          }
        });
    try {
      return lex.word(text, e);
    } catch (DockerfileException ex) {
      throw at == null
          ? new BuildFailure(ex.getMessage())
          : new BuildFailure(ex.getMessage(), at.node().startLine(), at.node().endLine());
    }
  }

  /** A stage before {@code before} with this name (or index), else null. */
  Stage stageNamed(String name, int before) {
    Optional<Stage> s = df.stage(name);
    return s.isPresent() && s.get().index() < before ? s.get() : null;
  }

  /** The FROM word of a stage, meta ARGs substituted. */
  String baseName(Stage s) {
    return word(s.baseName(), meta, null);
  }

  /** The size of the files of the build context. */
  long contextSize() {
    long size = 0;
    for (Map.Entry<String, Entry> e : ctx.entries().entrySet()) {
      size += e.getValue().isFile() ? e.getValue().content().size() : 0;
    }
    return size;
  }
}
