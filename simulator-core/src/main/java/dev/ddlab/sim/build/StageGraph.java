package dev.ddlab.sim.build;

import static dev.ddlab.sim.build.BuildState.MS;

import dev.ddlab.dockerfile.Instruction;
import dev.ddlab.dockerfile.Stage;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.go.GoUnits;
import dev.ddlab.sim.build.BuildState.Resolved;
import dev.ddlab.sim.fs.Digests;
import dev.ddlab.sim.image.Image;
import dev.ddlab.sim.image.ImageConfig;
import dev.ddlab.sim.image.ImageLayer;
import dev.ddlab.sim.image.Platform;
import dev.ddlab.sim.image.Reference;
import dev.ddlab.sim.image.Registry;
import dev.ddlab.sim.image.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stages a build needs and where each starts: the target and its base and {@code COPY --from}
 * stages, the base images ("load metadata for"), a stage's state from its base (a stage, scratch,
 * or an image with its FROM vertex).
 */
final class StageGraph {
  private static final ContainerConfig EMPTY =
      new ContainerConfig(
          "", "", "", false, false, false, null, false, false, false, null, null, null, "", null,
          "", null, null, null, null, null);

  private final BuildState s;

  StageGraph(BuildState s) {
    this.s = s;
  }

  /** The {@code --target} stage, else the last one. */
  Stage target() {
    List<Stage> stages = s.df.stages();
    if (s.req.target().isEmpty()) {
      return stages.get(stages.size() - 1);
    }
    return s.df
        .stage(s.req.target())
        .orElseThrow(
            () -> new BuildFailure("target stage " + s.req.target() + " could not be found"));
  }

  /** The stages the target needs (its base stage and COPY --from stages), in file order. */
  List<Stage> needed(Stage target) {
    Set<Integer> seen = new TreeSet<>();
    List<Stage> todo = new ArrayList<>(List.of(target));
    while (!todo.isEmpty()) {
      Stage st = todo.remove(todo.size() - 1);
      if (!seen.add(st.index())) {
        continue;
      }
      todo.addAll(deps(st));
    }
    List<Stage> out = new ArrayList<>();
    for (int i : seen) {
      out.add(s.df.stages().get(i));
    }
    return out;
  }

  private List<Stage> deps(Stage st) {
    List<Stage> out = new ArrayList<>();
    Stage base = s.stageNamed(s.baseName(st), st.index());
    if (base != null) {
      out.add(base);
    }
    for (Instruction i : st.commands()) {
      if (i instanceof Instruction.Copy c && !c.from().isEmpty()) {
        Stage from = s.stageNamed(s.word(c.from(), s.meta, c), st.index());
        if (from != null) {
          out.add(from);
        }
      }
    }
    return out;
  }

  /**
   * Resolves every base image and {@code COPY --from} image of the needed stages from {@code t}.
   */
  void resolveBases(List<Stage> needed, long t) {
    for (Stage st : needed) {
      String base = s.baseName(st);
      if (s.stageNamed(base, st.index()) == null && !base.equals("scratch")) {
        resolve(base, st.platform(), t, st);
      }
      for (Instruction i : st.commands()) {
        if (i instanceof Instruction.Copy c && !c.from().isEmpty()) {
          String from = s.word(c.from(), s.meta, c);
          if (s.stageNamed(from, st.index()) == null) {
            resolve(from, "", t, st);
          }
        }
      }
    }
  }

  /**
   * Whether a needed stage copies from the build context (COPY without --from, ADD, with a path:
   * one that copies only here-documents does not).
   */
  static boolean usesContext(List<Stage> needed) {
    boolean usesContext = false;
    for (Stage st : needed) {
      for (Instruction i : st.commands()) {
        usesContext |=
            i instanceof Instruction.Add a && !a.sources().isEmpty()
                || i instanceof Instruction.Copy c && c.from().isEmpty() && !c.sources().isEmpty();
      }
    }
    return usesContext;
  }

  private Platform platformFor(String platform) {
    String p = platform.isEmpty() ? s.platform : s.word(platform, s.meta, null);
    return p.isEmpty() ? s.b.images().platform() : Platform.parse(p);
  }

  /** Resolves a base image: the local store first (unless --pull), else the registry. */
  private Resolved resolve(String name, String platform, long start, Stage at) {
    Resolved known = s.bases.get(name);
    if (known != null) {
      return known;
    }
    Reference ref;
    try {
      ref = Reference.parse(name).withDefaultTag();
    } catch (EngineException e) {
      throw new BuildFailure(
          "failed to parse stage name \"" + name + "\": invalid reference format",
          at.node().startLine(),
          at.node().endLine());
    }
    String shownRef = ref.toString();
    Vertex v = s.metadata.get(shownRef);
    if (v == null) {
      v = s.progress.vertex("[" + s.prefix + "internal] load metadata for " + shownRef, start);
      v.completed = start + (s.b.resolvedBases().contains(s.prefix + shownRef) ? 310 : 1_180) * MS;
      s.metadata.put(shownRef, v);
      s.preludeEnd = Math.max(s.preludeEnd, v.completed);
      if (!s.b.isDaemon()) {
        pullToken(ref, start);
      }
    }
    Platform p = platformFor(platform);
    Resolved r = null;
    if (!s.req.pull() && s.b.isDaemon()) {
      try {
        Image local = s.b.images().image(name);
        r = new Resolved(local, ref.name() + (ref.tag() != null ? ":" + ref.tag() : ""), false);
      } catch (EngineException e) {
        r = null;
      }
    }
    if (r == null) {
      Registry registry = s.b.images().registry();
      try {
        Registry.Tagged tagged = registry.resolve(ref);
        Registry.Manifest m = registry.select(tagged, p);
        String digest = tagged instanceof Registry.ManifestList l ? l.digest() : m.digest();
        r = new Resolved(m.image(), ref.name() + "@" + digest, true);
      } catch (EngineException e) {
        v.error = e.getMessage();
        String msg = e.getMessage();
        if (msg.startsWith("pull access denied")) {
          msg =
              "pull access denied, repository does not exist or may require authorization:"
                  + " server message: insufficient_scope: authorization failed";
        }
        throw new BuildFailure(
            name + ": failed to resolve source metadata for " + shownRef + ": " + msg);
      }
    }
    s.b.resolvedBases().add(s.prefix + shownRef);
    s.bases.put(name, r);
    return r;
  }

  /**
   * A BuildKit of its own asks the client's session for a registry token once per repository and
   * build: "[auth] library/alpine:pull token for registry-1.docker.io" (the daemon's own BuildKit
   * resolves through dockerd, without such a step).
   */
  private void pullToken(Reference ref, long start) {
    String name = "[auth] " + ref.remoteName() + ":pull token for " + registryHost(ref);
    for (Vertex v : s.progress.vertices) {
      if (v.name.equals(name)) {
        return;
      }
    }
    s.progress.vertex(name, start).completed = start;
  }

  /** The host a reference's registry answers at (Docker Hub's is registry-1.docker.io). */
  static String registryHost(Reference ref) {
    return ref.domain().equals("docker.io") ? "registry-1.docker.io" : ref.domain();
  }

  /**
   * A stage's state before its instructions: a copy of its base stage's, an empty config on
   * scratch, or the base image's layers and config after its FROM vertex (with the layers'
   * downloads when it was pulled and is not cached yet).
   */
  StageState start(Stage stage) {
    String base = s.baseName(stage);
    Stage baseStage = s.stageNamed(base, stage.index());
    int fileSteps = 0;
    for (Instruction i : stage.commands()) {
      if (i instanceof Instruction.Run
          || i instanceof Instruction.Copy
          || i instanceof Instruction.Add
          || i instanceof Instruction.Workdir) {
        fileSteps++;
      }
    }
    boolean imageBase = baseStage == null && !base.equals("scratch");
    String label =
        s.multi ? (stage.name().isEmpty() ? "stage-" + stage.index() : stage.name()) : "";
    StageState st = new StageState(stage, label, fileSteps + (imageBase ? 1 : 0), s.prefix);
    if (baseStage != null) {
      StageState parent = s.done.get(baseStage.index());
      st.layers.addAll(parent.layers);
      st.history.addAll(parent.history);
      st.config = new RunConfig(parent.config.toConfig());
      st.platform = parent.platform;
      st.osVersion = parent.osVersion;
      st.key = parent.key;
      st.time = parent.time;
      st.lastCreated = parent.lastCreated;
      st.shell = parent.shell;
    } else if (base.equals("scratch")) {
      st.config = new RunConfig(EMPTY);
      st.platform = platformFor(stage.platform());
      st.key = Digests.sha256("scratch");
      st.time = s.preludeEnd;
      st.lastCreated = s.t0;
    } else {
      fromImage(st, base);
    }
    if (s.req.labels() != null) {
      s.req.labels().forEach(st.config::label);
    }
    return st;
  }

  private void fromImage(StageState st, String base) {
    Resolved r = s.bases.get(base);
    Image img = r.image();
    ImageConfig c = img.config();
    st.layers.addAll(img.layers());
    st.history.addAll(c.history());
    st.config = new RunConfig(c.config() == null ? EMPTY : c.config());
    // the image is for the platform asked for (normalised: arm64 without alpine's "v8")
    st.platform =
        s.platform.isEmpty()
            ? new Platform(c.os(), c.architecture(), c.variant(), c.osVersion())
            : Platform.parse(s.platform);
    st.osVersion = c.osVersion();
    st.key = Digests.sha256("FROM " + img.id());
    Vertex from = s.progress.step(st, "FROM " + r.shown());
    from.started = s.metadata.get(Reference.parse(base).withDefaultTag().toString()).completed;
    long pull = 0;
    if (r.pulled() && !s.b.cache().get(st.key).isPresent()) {
      for (ImageLayer l : img.layers()) {
        String blob = Digests.hex(l.digest().blobDigest()).substring(0, 12);
        long dl = 40 * MS + l.size() / 30_000; // ~30 MB/s in virtual time
        from.status(
            "sha256:"
                + blob
                + " "
                + GoUnits.humanSize(l.size())
                + " / "
                + GoUnits.humanSize(l.size()),
            from.started + pull,
            from.started + pull + dl);
        pull += dl;
      }
      s.b
          .cache()
          .put(
              new BuildCache.Record(
                  s.b.random().alnum(25), st.key, null, from.started, "pulled from " + r.shown()));
    }
    from.status("resolve " + r.shown(), from.started, from.started + 10 * MS);
    from.completed = from.started + 20 * MS + pull;
    st.time = from.completed;
    st.lastCreated = c.createdNanos();
  }
}
