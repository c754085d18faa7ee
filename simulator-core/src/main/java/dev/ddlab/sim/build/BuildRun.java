package dev.ddlab.sim.build;

import dev.ddlab.dockerfile.Dockerfile;
import dev.ddlab.dockerfile.DockerfileException;
import dev.ddlab.dockerfile.Instruction;
import dev.ddlab.dockerfile.ShellLex;
import dev.ddlab.dockerfile.Stage;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.BuildMessage;
import dev.ddlab.engine.dto.BuildRequest;
import dev.ddlab.engine.dto.BuildTrace;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.fs.Entry;
import dev.ddlab.fs.Paths;
import dev.ddlab.go.GoPath;
import dev.ddlab.go.GoUnits;
import dev.ddlab.introspect.BuildsView;
import dev.ddlab.sim.fs.Digests;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.UnionFs;
import dev.ddlab.sim.image.Image;
import dev.ddlab.sim.image.ImageConfig;
import dev.ddlab.sim.image.ImageLayer;
import dev.ddlab.sim.image.Platform;
import dev.ddlab.sim.image.Reference;
import dev.ddlab.sim.image.Registry;
import dev.ddlab.sim.image.RunConfig;
import dev.ddlab.sim.runtime.Executables;
import dev.ddlab.sim.runtime.Kernel;
import dev.ddlab.sim.runtime.Namespaces;
import dev.ddlab.sim.runtime.NetNamespace;
import dev.ddlab.sim.runtime.PidNamespace;
import dev.ddlab.sim.runtime.ProcContext;
import dev.ddlab.sim.runtime.Signal;
import dev.ddlab.sim.runtime.SimProc;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/** One {@code docker build}: the stages it needs, their steps on virtual time, the image. */
final class BuildRun {
  private static final long MS = 1_000_000L;
  private static final String COMMENT = "buildkit.dockerfile.v0";
  private static final ContainerConfig EMPTY =
      new ContainerConfig(
          "", "", "", false, false, false, null, false, false, false, null, null, "", null, "",
          null, null, null, null, null);

  private final Builder b;
  private final BuildRequest req;
  private final Layer ctx;
  private final Consumer<BuildMessage> progress;
  private final String buildId;
  private final long t0;
  private final List<Vertex> vertices = new ArrayList<>();
  private final Map<Integer, StageState> done = new LinkedHashMap<>();
  private final Map<String, Vertex> metadata = new LinkedHashMap<>();
  private final Map<String, Resolved> bases = new HashMap<>();
  private Dockerfile df;
  private ShellLex lex = new ShellLex('\\');
  private final Map<String, String> meta = new LinkedHashMap<>();
  private long preludeEnd;
  private Vertex contextVertex;
  private boolean multi;

  /** A step as BuildKit's progress shows it. */
  static final class Vertex {
    final String digest;
    final String name;
    long started;
    long completed;
    boolean cached;
    String error;
    final List<String[]> statuses = new ArrayList<>(); // {text, started, completed}
    final List<BuildTrace.Log> logs = new ArrayList<>();
    String stage = "";
    int index;
    String diffId = "";

    Vertex(String digest, String name) {
      this.digest = digest;
      this.name = name;
    }
  }

  /** A base image: where it came from and what the FROM line shows. */
  record Resolved(Image image, String shown, boolean pulled) {}

  /** A stage while it is built. */
  final class StageState {
    final Stage stage;
    final String label;
    final int total;
    int step;
    final List<ImageLayer> layers = new ArrayList<>();
    final List<ImageConfig.History> history = new ArrayList<>();
    RunConfig config;
    Platform platform;
    String osVersion;
    final Map<String, String> args = new LinkedHashMap<>();
    List<String> shell = List.of("/bin/sh", "-c");
    String key;
    long time;
    long lastCreated;

    StageState(Stage stage, String label, int total) {
      this.stage = stage;
      this.label = label;
      this.total = total;
    }

    /** What variables see: the stage's ARGs, overridden by its ENV. */
    Map<String, String> env() {
      Map<String, String> env = new LinkedHashMap<>();
      args.forEach(
          (k, v) -> {
            if (v != null) {
              env.put(k, v);
            }
          });
      for (String e : config.env()) {
        int eq = e.indexOf('=');
        env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
      }
      return env;
    }

    List<Layer> fsLayers() {
      List<Layer> out = new ArrayList<>();
      layers.forEach(l -> out.add(l.layer()));
      return out;
    }
  }

  BuildRun(Builder b, BuildRequest req, Layer ctx, Consumer<BuildMessage> progress) {
    this.b = b;
    this.req = req;
    this.ctx = ctx;
    this.progress = progress;
    this.t0 = b.clock().nowNanos();
    this.buildId = b.random().alnum(25);
  }

  void run() {
    BuildsView.Build started =
        new BuildsView.Build(buildId, req.tags(), BuildsView.Status.RUNNING, List.of(), "");
    b.record(started);
    b.bus().publish(new BuildEvent(t0, b.node(), buildId, "build-start", null, started));
    String imageId = "";
    BuildFailure failure = null;
    try {
      imageId = execute();
    } catch (BuildFailure f) {
      failure = f;
    }
    long end = t0;
    for (Vertex v : vertices) {
      end = Math.max(end, Math.max(v.completed, v.started));
    }
    emit(imageId, failure);
    List<BuildsView.Step> steps = steps();
    BuildsView.Build finished =
        new BuildsView.Build(
            buildId,
            req.tags(),
            failure == null ? BuildsView.Status.DONE : BuildsView.Status.FAILED,
            steps,
            imageId);
    b.record(finished);
    for (BuildsView.Step s : steps) {
      b.bus()
          .publish(
              new BuildEvent(
                  Math.max(s.startedNanos(), t0), b.node(), buildId, "step", s, finished));
    }
    if (b.clock().nowNanos() < end) {
      b.clock().advanceTo(end);
    }
    b.bus()
        .publish(
            new BuildEvent(b.clock().nowNanos(), b.node(), buildId, "build-end", null, finished));
  }

  // ---- the build ---------------------------------------------------------------------------

  private String execute() {
    long t = t0;
    String dfName = Paths.name("/" + req.dockerfile());
    Vertex def = vertex("[internal] load build definition from " + dfName, t);
    Vertex ignore = vertex("[internal] load .dockerignore", t + 2 * MS);
    Entry ig = ctx.get("/.dockerignore");
    long igSize = ig != null && ig.isFile() ? ig.content().size() : 2;
    status(ignore, "transferring context: " + GoUnits.humanSize(igSize), t + 2 * MS, t + 12 * MS);
    ignore.completed = t + 24 * MS;
    String dfPath = Paths.normalize("/" + req.dockerfile());
    Entry dfEntry = ctx.get(dfPath);
    if (dfEntry == null || !dfEntry.isFile()) {
      status(def, "transferring dockerfile: 2B", t, t + 10 * MS);
      def.completed = t + 12 * MS;
      throw new BuildFailure(
          "failed to read dockerfile: open /var/lib/docker/tmp/buildkit-mount"
              + b.nextMount()
              + "/"
              + dfName
              + ": no such file or directory");
    }
    String text = new String(dfEntry.content().bytes(), StandardCharsets.UTF_8);
    status(def, "transferring dockerfile: " + GoUnits.humanSize(text.length()), t, t + 10 * MS);
    def.completed = t + 21 * MS;
    t += 30 * MS;
    try {
      df = Dockerfile.parse(text);
    } catch (DockerfileException e) {
      throw new BuildFailure(e.getMessage(), e.startLine(), e.endLine());
    }
    lex = new ShellLex(df.escape());
    for (Instruction.Arg a : df.metaArgs()) {
      for (Instruction.ArgPair p : a.args()) {
        String v =
            req.buildArgs().containsKey(p.key())
                ? req.buildArgs().get(p.key())
                : p.value() == null ? null : word(p.value(), meta, a);
        meta.put(p.key(), v);
      }
    }
    multi = df.stages().size() > 1;
    Stage target;
    if (req.target().isEmpty()) {
      target = df.stages().get(df.stages().size() - 1);
    } else {
      target =
          df.stage(req.target())
              .orElseThrow(
                  () -> new BuildFailure("target stage " + req.target() + " could not be found"));
    }
    List<Stage> needed = needed(target);
    // Metadata of every base image, then the build context, side by side.
    long metaStart = t;
    preludeEnd = t;
    for (Stage s : needed) {
      String base = baseName(s);
      if (stageNamed(base, s.index()) == null && !base.equals("scratch")) {
        resolve(base, s.platform(), metaStart, s);
      }
      for (Instruction i : s.commands()) {
        if (i instanceof Instruction.Copy c && !c.from().isEmpty()) {
          String from = word(c.from(), meta, c);
          if (stageNamed(from, s.index()) == null) {
            resolve(from, "", metaStart, s);
          }
        }
      }
    }
    boolean usesContext = false;
    for (Stage s : needed) {
      for (Instruction i : s.commands()) {
        usesContext |=
            i instanceof Instruction.Add || i instanceof Instruction.Copy c && c.from().isEmpty();
      }
    }
    if (usesContext) {
      long size = 0;
      for (Map.Entry<String, Entry> e : ctx.entries().entrySet()) {
        size += e.getValue().isFile() ? e.getValue().content().size() : 0;
      }
      contextVertex = vertex("[internal] load build context", preludeEnd);
      long ct = preludeEnd + 3 * MS + size / 2000;
      status(contextVertex, "transferring context: " + GoUnits.humanSize(size), preludeEnd, ct);
      contextVertex.completed = ct + 2 * MS;
    }
    for (Stage s : needed) {
      buildStage(s);
    }
    return export(done.get(target.index()));
  }

  /** The stages the target needs (its base stage and COPY --from stages), in file order. */
  private List<Stage> needed(Stage target) {
    Set<Integer> seen = new java.util.TreeSet<>();
    List<Stage> todo = new ArrayList<>(List.of(target));
    while (!todo.isEmpty()) {
      Stage s = todo.remove(todo.size() - 1);
      if (!seen.add(s.index())) {
        continue;
      }
      for (Stage d : deps(s)) {
        todo.add(d);
      }
    }
    List<Stage> out = new ArrayList<>();
    for (int i : seen) {
      out.add(df.stages().get(i));
    }
    return out;
  }

  private List<Stage> deps(Stage s) {
    List<Stage> out = new ArrayList<>();
    Stage base = stageNamed(baseName(s), s.index());
    if (base != null) {
      out.add(base);
    }
    for (Instruction i : s.commands()) {
      if (i instanceof Instruction.Copy c && !c.from().isEmpty()) {
        Stage from = stageNamed(word(c.from(), meta, c), s.index());
        if (from != null) {
          out.add(from);
        }
      }
    }
    return out;
  }

  /** A stage before {@code before} with this name (or index), else null. */
  private Stage stageNamed(String name, int before) {
    Optional<Stage> s = df.stage(name);
    return s.isPresent() && s.get().index() < before ? s.get() : null;
  }

  private String baseName(Stage s) {
    return word(s.baseName(), meta, null);
  }

  private String word(String text, Map<String, String> env, Instruction at) {
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

  private Platform platformFor(String platform) {
    String p = platform.isEmpty() ? req.platform() : word(platform, meta, null);
    return p.isEmpty() ? b.images().platform() : Platform.parse(p);
  }

  /** Resolves a base image: the local store first (unless --pull), else the registry. */
  private Resolved resolve(String name, String platform, long start, Stage at) {
    Resolved known = bases.get(name);
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
    Vertex v = metadata.get(shownRef);
    if (v == null) {
      v = vertex("[internal] load metadata for " + shownRef, start);
      v.completed = start + (b.resolvedBases().contains(shownRef) ? 310 : 1_180) * MS;
      metadata.put(shownRef, v);
      preludeEnd = Math.max(preludeEnd, v.completed);
    }
    Platform p = platformFor(platform);
    Resolved r = null;
    if (!req.pull()) {
      try {
        Image local = b.images().image(name);
        r = new Resolved(local, ref.name() + (ref.tag() != null ? ":" + ref.tag() : ""), false);
      } catch (EngineException e) {
        r = null;
      }
    }
    if (r == null) {
      Registry registry = b.images().registry();
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
    b.resolvedBases().add(shownRef);
    bases.put(name, r);
    return r;
  }

  // ---- stages ------------------------------------------------------------------------------

  private void buildStage(Stage s) {
    String base = baseName(s);
    Stage baseStage = stageNamed(base, s.index());
    int fileSteps = 0;
    for (Instruction i : s.commands()) {
      if (i instanceof Instruction.Run
          || i instanceof Instruction.Copy
          || i instanceof Instruction.Add
          || i instanceof Instruction.Workdir) {
        fileSteps++;
      }
    }
    boolean imageBase = baseStage == null && !base.equals("scratch");
    String label = multi ? (s.name().isEmpty() ? "stage-" + s.index() : s.name()) : "";
    StageState st = new StageState(s, label, fileSteps + (imageBase ? 1 : 0));
    if (baseStage != null) {
      StageState parent = done.get(baseStage.index());
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
      st.platform = platformFor(s.platform());
      st.key = Digests.sha256("scratch");
      st.time = preludeEnd;
      st.lastCreated = t0;
    } else {
      Resolved r = bases.get(base);
      Image img = r.image();
      ImageConfig c = img.config();
      st.layers.addAll(img.layers());
      st.history.addAll(c.history());
      st.config = new RunConfig(c.config() == null ? EMPTY : c.config());
      st.platform = new Platform(c.os(), c.architecture(), c.variant(), c.osVersion());
      st.osVersion = c.osVersion();
      st.key = Digests.sha256("FROM " + img.id());
      Vertex from = stepVertex(st, "FROM " + r.shown(), s.node().startLine());
      from.started = metadata.get(Reference.parse(base).withDefaultTag().toString()).completed;
      long pull = 0;
      if (r.pulled() && !b.cache().get(st.key).isPresent()) {
        for (ImageLayer l : img.layers()) {
          String blob = Digests.hex(l.digest().blobDigest()).substring(0, 12);
          long dl = 40 * MS + l.size() / 30_000; // ~30 MB/s in virtual time
          status(
              from,
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
        b.cache()
            .put(
                new BuildCache.Record(
                    b.random().alnum(25), st.key, null, from.started, "pulled from " + r.shown()));
      }
      status(from, "resolve " + r.shown(), from.started, from.started + 10 * MS);
      from.completed = from.started + 20 * MS + pull;
      st.time = from.completed;
      st.lastCreated = c.createdNanos();
    }
    if (req.labels() != null) {
      req.labels().forEach(st.config::label);
    }
    // Stage ARGs start from the meta args that the stage declares again.
    for (Instruction i : s.commands()) {
      dispatch(st, i);
    }
    done.put(s.index(), st);
  }

  private void meta(StageState st, String createdBy) {
    st.history.add(new ImageConfig.History(st.lastCreated, createdBy, COMMENT, "", true));
  }

  private void dispatch(StageState st, Instruction i) {
    if (i instanceof Instruction.Arg a) {
      for (Instruction.ArgPair p : a.args()) {
        String v;
        if (req.buildArgs().containsKey(p.key())) {
          v = req.buildArgs().get(p.key());
        } else if (p.value() != null) {
          v = word(p.value(), st.env(), i);
        } else {
          v = meta.get(p.key());
        }
        st.args.put(p.key(), v);
        meta(st, "ARG " + p.key() + (v == null ? "" : "=" + v));
      }
    } else if (i instanceof Instruction.Env e) {
      StringBuilder sb = new StringBuilder("ENV");
      for (Instruction.KeyValue kv : e.pairs()) {
        String v = word(kv.value(), st.env(), i);
        String k = word(kv.key(), st.env(), i);
        st.config.env(k, v);
        sb.append(' ').append(k).append('=').append(v);
      }
      meta(st, sb.toString());
    } else if (i instanceof Instruction.Label l) {
      StringBuilder sb = new StringBuilder("LABEL");
      for (Instruction.KeyValue kv : l.pairs()) {
        String k = word(kv.key(), st.env(), i);
        String v = word(kv.value(), st.env(), i);
        st.config.label(k, v);
        sb.append(' ').append(k).append('=').append(v);
      }
      meta(st, sb.toString());
    } else if (i instanceof Instruction.Expose x) {
      List<String> ports = new ArrayList<>();
      for (String p : x.ports()) {
        for (String w : lex.words(p, st.env())) {
          ports.add(st.config.expose(w));
        }
      }
      ports.sort(null);
      StringBuilder sb = new StringBuilder("EXPOSE map[");
      for (int k = 0; k < ports.size(); k++) {
        sb.append(k == 0 ? "" : " ").append(ports.get(k)).append(":{}");
      }
      meta(st, sb.append(']').toString());
    } else if (i instanceof Instruction.User u) {
      String user = word(u.user(), st.env(), i);
      st.config.user(user);
      meta(st, "USER " + user);
    } else if (i instanceof Instruction.Volume v) {
      List<String> vols = new ArrayList<>();
      for (String p : v.volumes()) {
        String w = word(p, st.env(), i);
        st.config.volume(w);
        vols.add(w);
      }
      meta(st, "VOLUME [" + String.join(" ", vols) + "]");
    } else if (i instanceof Instruction.StopSignal s) {
      String sig = word(s.signal(), st.env(), i);
      st.config.stopSignal(sig);
      meta(st, "STOPSIGNAL " + sig);
    } else if (i instanceof Instruction.Shell s) {
      st.shell = s.shell();
      meta(st, "SHELL [" + String.join(" ", s.shell()) + "]");
    } else if (i instanceof Instruction.Cmd c) {
      List<String> cmd = commandLine(st, c.command(), c.json());
      st.config.cmd(cmd);
      meta(st, "CMD " + goList(cmd));
    } else if (i instanceof Instruction.Entrypoint e) {
      List<String> cmd = e.command() == null ? List.of() : commandLine(st, e.command(), e.json());
      st.config.entrypoint(cmd);
      meta(st, "ENTRYPOINT " + goList(cmd));
    } else if (i instanceof Instruction.Healthcheck h) {
      meta(st, "HEALTHCHECK " + goList(h.test()));
    } else if (i instanceof Instruction.Onbuild o) {
      st.config.onBuild(o.expression());
      meta(st, "ONBUILD " + o.expression());
    } else if (i instanceof Instruction.Maintainer m) {
      meta(st, "MAINTAINER " + m.maintainer());
    } else if (i instanceof Instruction.Workdir w) {
      workdir(st, w);
    } else if (i instanceof Instruction.Run r) {
      runStep(st, r);
    } else if (i instanceof Instruction.Copy c) {
      copyStep(st, c.sources(), c.dest(), c.from(), c.chmod(), c, "COPY");
    } else if (i instanceof Instruction.Add a) {
      copyStep(st, a.sources(), a.dest(), "", a.chmod(), a, "ADD");
    }
  }

  private List<String> commandLine(StageState st, List<String> args, boolean json) {
    if (json) {
      return args;
    }
    List<String> out = new ArrayList<>(st.shell);
    out.add(String.join(" ", args));
    return out;
  }

  /** Go's %v of a quoted string slice, as BuildKit writes CMD in history: ["node" "./app.js"]. */
  private static String goList(List<String> args) {
    StringBuilder sb = new StringBuilder("[");
    for (int k = 0; k < args.size(); k++) {
      sb.append(k == 0 ? "" : " ").append('"').append(args.get(k)).append('"');
    }
    return sb.append(']').toString();
  }

  /** The text of a step as its vertex shows it ("RUN apk add …", "COPY . /src"). */
  private static String shown(Instruction i) {
    String o = i.node().original().strip();
    int sp = o.indexOf(' ');
    String rest = sp < 0 ? "" : o.substring(sp + 1).strip();
    return i.name() + (rest.isEmpty() ? "" : " " + rest.replaceAll("\\s+", " "));
  }

  private Vertex stepVertex(StageState st, String text, int line) {
    st.step++;
    String prefix =
        "[" + (st.label.isEmpty() ? "" : st.label + " ") + st.step + "/" + st.total + "] ";
    Vertex v = vertex(prefix + text, st.time);
    v.stage = st.label.isEmpty() ? "" + st.stage.index() : st.label;
    v.index = st.step;
    return v;
  }

  /** A file step: cache hit or run {@code work}, then a layer and a history entry. */
  private void step(
      StageState st,
      Instruction i,
      String keyText,
      String createdBy,
      long notBefore,
      java.util.function.Function<Vertex, Work> work) {
    Vertex v = stepVertex(st, shown(i), i.node().startLine());
    v.started = Math.max(st.time, notBefore);
    String key = Digests.sha256(st.key + "\n" + keyText);
    Optional<BuildCache.Record> hit = req.noCache() ? Optional.empty() : b.cache().get(key);
    ImageLayer layer;
    long created;
    if (hit.isPresent()) {
      v.cached = true;
      v.completed = v.started;
      layer = hit.get().layer();
      created = hit.get().createdNanos();
    } else {
      Work w = work.apply(v);
      layer = w.layer;
      v.completed = v.started + w.nanos;
      created = v.completed;
      b.cache().put(new BuildCache.Record(b.random().alnum(25), key, layer, created, createdBy));
    }
    if (layer != null) {
      st.layers.add(layer);
      v.diffId = layer.diffId();
    }
    st.history.add(new ImageConfig.History(created, createdBy, COMMENT, "", layer == null));
    st.key = key;
    st.time = v.completed;
    st.lastCreated = created;
  }

  record Work(ImageLayer layer, long nanos) {}

  private void workdir(StageState st, Instruction.Workdir w) {
    String dir =
        Paths.resolve(
            st.config.toConfig().workingDir() == null || st.config.toConfig().workingDir().isEmpty()
                ? "/"
                : st.config.toConfig().workingDir(),
            word(w.path(), st.env(), w));
    st.config.workingDir(dir);
    step(
        st,
        w,
        "WORKDIR " + dir,
        "WORKDIR " + dir,
        0,
        v -> {
          UnionFs fs = new UnionFs(st.fsLayers(), 0, b.clock()::nowNanos);
          Map<String, Entry> entries = new TreeMap<>();
          String p = "";
          for (String part : dir.split("/")) {
            if (part.isEmpty()) {
              continue;
            }
            p = p + "/" + part;
            if (!fs.isDirectory(p)) {
              entries.put(p, Entry.dir(0755, v.started));
            }
          }
          return new Work(b.layer(Layer.of(entries)), 4 * MS);
        });
  }

  // ---- RUN ---------------------------------------------------------------------------------

  private void runStep(StageState st, Instruction.Run r) {
    List<String> argv = r.json() ? r.command() : commandLine(st, r.command(), false);
    Map<String, String> env = st.env();
    String cwd =
        st.config.toConfig().workingDir() == null || st.config.toConfig().workingDir().isEmpty()
            ? "/"
            : st.config.toConfig().workingDir();
    String createdBy = "RUN " + String.join(" ", argv) + " # buildkit";
    step(
        st,
        r,
        "RUN "
            + argv
            + "\nenv "
            + new TreeMap<>(env)
            + "\ncwd "
            + cwd
            + "\nuser "
            + st.config.toConfig().user(),
        createdBy,
        0,
        v -> {
          UnionFs fs = new UnionFs(st.fsLayers(), 0, b.clock()::nowNanos);
          PackageCatalogue packages = new PackageCatalogue(fs, b.declared(), v.started);
          long nanos = 0;
          int exit = 0;
          List<String> log = new ArrayList<>();
          List<String> parts = r.json() ? null : PackageCatalogue.split(r.command().get(0));
          boolean anyKnown = false;
          if (parts != null) {
            for (String p : parts) {
              anyKnown |= PackageCatalogue.knows(List.of(p.split("\\s+")));
            }
          }
          if (anyKnown) {
            String dir = cwd;
            for (String p : parts) {
              List<String> words = List.of(p.split("\\s+"));
              if (words.get(0).equals("cd") && words.size() == 2) {
                dir = Paths.resolve(dir, words.get(1));
                continue;
              }
              long at = v.started + nanos;
              List<String> out = new ArrayList<>();
              if (PackageCatalogue.knows(words)) {
                PackageCatalogue.Outcome o = packages.run(words, dir, archName(st.platform));
                out.addAll(o.log());
                exit = o.exitCode();
                nanos += o.nanos();
              } else {
                List<String> sh = new ArrayList<>(st.shell);
                sh.add(p);
                long before = b.clock().nowNanos();
                exit = shell(fs, sh, env, dir, st.config.toConfig().user(), out);
                nanos += Math.max(40 * MS, b.clock().nowNanos() - before);
              }
              logs(v, out, at);
              if (exit != 0) {
                break;
              }
            }
          } else {
            long before = b.clock().nowNanos();
            exit = shell(fs, argv, env, cwd, st.config.toConfig().user(), log);
            nanos += Math.max(60 * MS, b.clock().nowNanos() - before);
            logs(v, log, v.started);
          }
          if (exit != 0) {
            v.completed = v.started + nanos;
            v.error = "exit code: " + exit;
            String how =
                exit < 0 ? failedToStart : "did not complete successfully: exit code: " + exit;
            // The classic builder words it as Docker 20.10 does.
            String message =
                req.buildkit()
                    ? "process \"" + String.join(" ", argv) + "\" " + how
                    : "The command '"
                        + String.join(" ", argv)
                        + "' returned a non-zero code: "
                        + Math.max(exit, 1);
            throw new BuildFailure(message, r.node().startLine(), r.node().endLine());
          }
          return new Work(b.layer(fs.upperLayer()), nanos);
        });
  }

  private String failedToStart = "";

  private static String archName(Platform p) {
    return switch (p.architecture()) {
      case "amd64" -> "x86_64";
      case "arm64" -> "aarch64";
      case "arm" -> "armv7";
      default -> p.architecture();
    };
  }

  private void logs(Vertex v, List<String> lines, long at) {
    long t = at + 120 * MS;
    for (String l : lines) {
      v.logs.add(new BuildTrace.Log(v.digest, 1, l + "\n", t));
      t += 17 * MS;
    }
  }

  /** Runs argv in the step's container (the image's real shell); its exit status, or -1. */
  private int shell(
      UnionFs fs,
      List<String> argv,
      Map<String, String> env,
      String cwd,
      String user,
      List<String> out) {
    Kernel kernel = b.kernel();
    Executables.Resolution r = Executables.resolve(fs, argv, env, cwd, kernel.programs());
    if (!r.ok()) {
      failedToStart =
          "did not complete successfully: runc run failed: unable to start container process: "
              + r.runcMessage();
      return -1;
    }
    PidNamespace pidNs = kernel.newPidNamespace();
    NetNamespace netNs = kernel.newNetNamespace();
    Namespaces ns =
        new Namespaces(
            pidNs.inode(),
            netNs.inode(),
            kernel.newInode(),
            kernel.newInode(),
            kernel.newInode(),
            Kernel.HOST_NAMESPACES.user(),
            kernel.newInode());
    ProcContext pc =
        kernel.newContext("buildkit-" + buildId, fs, "buildkitsandbox", pidNs, netNs, ns);
    int[] exit = {Integer.MIN_VALUE};
    StringBuilder text = new StringBuilder();
    SimProc p =
        kernel.start(
            pc,
            null,
            r,
            env,
            cwd,
            user == null || user.isEmpty() ? "root" : user,
            false,
            text::append,
            text::append,
            st -> exit[0] = st,
            kernel.reserveHostPid());
    p.closeInput();
    b.clock().advanceUntil(() -> exit[0] != Integer.MIN_VALUE, Duration.ofMinutes(10));
    if (exit[0] == Integer.MIN_VALUE) {
      p.signal(Signal.SIGKILL);
      exit[0] = 137;
    }
    for (String line : text.toString().split("\n")) {
      if (!line.isEmpty()) {
        out.add(line);
      }
    }
    return exit[0];
  }

  // ---- COPY and ADD ------------------------------------------------------------------------

  private void copyStep(
      StageState st,
      List<String> rawSources,
      String rawDest,
      String rawFrom,
      String chmod,
      Instruction i,
      String kind) {
    Map<String, String> env = st.env();
    String from = rawFrom.isEmpty() ? "" : word(rawFrom, meta, i);
    List<String> sources = new ArrayList<>();
    for (String s : rawSources) {
      sources.add(word(s, env, i));
    }
    String destWord = word(rawDest, env, i);
    String wd =
        st.config.toConfig().workingDir() == null || st.config.toConfig().workingDir().isEmpty()
            ? "/"
            : st.config.toConfig().workingDir();
    String dest = Paths.resolve(wd, destWord);
    boolean destIsDir = destWord.endsWith("/") || destWord.equals(".") || sources.size() > 1;
    if (sources.size() > 1 && !(destWord.endsWith("/") || destWord.equals("."))) {
      throw new BuildFailure(
          "When using "
              + kind
              + " with more than one source file, the destination must be a"
              + " directory and end with a /",
          i.node().startLine(),
          i.node().endLine());
    }
    // Where the files come from: the context, an earlier stage or an image.
    java.util.NavigableMap<String, Entry> source;
    long notBefore = 0;
    String ref;
    if (from.isEmpty()) {
      source = ctx.entries();
      notBefore = contextVertex == null ? 0 : contextVertex.completed;
      ref = b.random().uuid() + "::" + b.random().alnum(25);
    } else {
      Stage s = stageNamed(from, st.stage.index());
      List<Layer> layers = new ArrayList<>();
      if (s != null) {
        StageState other = done.get(s.index());
        layers.addAll(other.fsLayers());
        notBefore = other.time;
      } else {
        bases.get(from).image().layers().forEach(l -> layers.add(l.layer()));
      }
      source = flatten(layers);
      ref = b.random().alnum(25);
    }
    // Match the sources.
    Map<String, Entry> files = new TreeMap<>();
    boolean copiesDirectory = false;
    for (String src : sources) {
      String clean = Paths.normalize("/" + src);
      List<String> roots = match(source, clean);
      if (roots.isEmpty()) {
        throw new BuildFailure(
            "failed to compute cache key: failed to calculate checksum of ref "
                + ref
                + ": \""
                + clean
                + "\": not found",
            i.node().startLine(),
            i.node().endLine());
      }
      for (String root : roots) {
        Entry e = root.equals("/") ? Entry.dir(0755, 0) : source.get(root);
        if (e.isDirectory()) {
          copiesDirectory = true;
          String prefix = root.equals("/") ? "/" : root + "/";
          for (Map.Entry<String, Entry> f :
              source.subMap(prefix, prefix + Character.MAX_VALUE).entrySet()) {
            files.put(Paths.resolve(dest, f.getKey().substring(prefix.length())), f.getValue());
          }
        } else {
          String target =
              destIsDir || isDir(st, dest) ? Paths.resolve(dest, Paths.name(root)) : dest;
          files.put(target, e);
        }
      }
    }
    // Checksum of what is copied, for the cache key.
    StringBuilder sum = new StringBuilder();
    for (Map.Entry<String, Entry> f : files.entrySet()) {
      Entry e = f.getValue();
      sum.append(f.getKey()).append(' ').append(e.node().mode()).append(' ');
      if (e.isFile()) {
        sum.append(Digests.sha256(e.content().bytes()));
      } else if (e.node().linkTarget() != null) {
        sum.append(e.node().linkTarget());
      }
      sum.append('\n');
    }
    String keyText =
        kind
            + " "
            + sources
            + " "
            + dest
            + " chmod="
            + chmod
            + "\n"
            + Digests.sha256(sum.toString());
    boolean intoDir = destIsDir || copiesDirectory;
    String createdBy = kind + " " + String.join(" ", sources) + " " + destWord + " # buildkit";
    step(
        st,
        i,
        keyText,
        createdBy,
        notBefore,
        v -> {
          UnionFs fs = new UnionFs(st.fsLayers(), 0, b.clock()::nowNanos);
          Map<String, Entry> entries = new TreeMap<>();
          if (intoDir) {
            entries.put(dest, Entry.dir(0755, v.started));
          }
          for (String f : files.keySet()) {
            for (String p = Paths.parent(f); !p.equals("/"); p = Paths.parent(p)) {
              if (!entries.containsKey(p) && !fs.isDirectory(p)) {
                entries.put(p, Entry.dir(0755, v.started));
              }
            }
          }
          int mode = chmod.isEmpty() ? -1 : Integer.parseInt(chmod, 8);
          for (Map.Entry<String, Entry> f : files.entrySet()) {
            Entry e = f.getValue();
            entries.put(f.getKey(), mode >= 0 && !e.isDirectory() ? e.withMode(mode) : e);
          }
          long bytes = 0;
          for (Entry e : entries.values()) {
            bytes += e.isFile() ? e.content().size() : 0;
          }
          return new Work(b.layer(Layer.of(entries)), 9 * MS + bytes / 5000);
        });
  }

  private boolean isDir(StageState st, String path) {
    return new UnionFs(st.fsLayers(), 0, b.clock()::nowNanos).isDirectory(path);
  }

  /** The files of a stack of layers as one map (whiteouts applied), for COPY --from. */
  private static java.util.NavigableMap<String, Entry> flatten(List<Layer> layers) {
    TreeMap<String, Entry> out = new TreeMap<>();
    for (Layer l : layers) {
      for (Map.Entry<String, Entry> e : l.entries().entrySet()) {
        String path = e.getKey();
        if (e.getValue().whiteout()) {
          out.remove(path);
          out.subMap(path + "/", path + "/" + Character.MAX_VALUE).clear();
        } else {
          if (e.getValue().opaque()) {
            out.subMap(path + "/", path + "/" + Character.MAX_VALUE).clear();
          }
          out.put(path, e.getValue());
        }
      }
    }
    return out;
  }

  /** The paths a source names: itself, or what a pattern in its last element matches. */
  private static List<String> match(java.util.NavigableMap<String, Entry> source, String clean) {
    if (clean.equals("/")) {
      return List.of("/");
    }
    if (source.containsKey(clean)) {
      return List.of(clean);
    }
    String name = Paths.name(clean);
    if (!name.matches(".*[*?\\[].*")) {
      return List.of();
    }
    String dir = Paths.parent(clean);
    String prefix = dir.equals("/") ? "/" : dir + "/";
    List<String> out = new ArrayList<>();
    for (String p : source.subMap(prefix, prefix + Character.MAX_VALUE).keySet()) {
      String rest = p.substring(prefix.length());
      if (!rest.contains("/") && GoPath.match(name, rest)) {
        out.add(p);
      }
    }
    return out;
  }

  // ---- export ------------------------------------------------------------------------------

  private String export(StageState st) {
    long start = st.time;
    for (Vertex v : vertices) {
      start = Math.max(start, v.completed);
    }
    Vertex v = vertex("exporting to image", start);
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
    boolean fresh = !b.images().store().contains(img.id());
    long layersDone = start + (fresh ? 180 * MS : 2 * MS);
    status(v, "exporting layers", start, layersDone);
    status(v, "writing image " + img.id(), layersDone, layersDone + 3 * MS);
    long t = layersDone + 3 * MS;
    if (fresh) {
      b.images().store().add(img, "");
    }
    for (String tag : req.tags()) {
      Reference r;
      try {
        r = Reference.parse(tag).withDefaultTag();
      } catch (EngineException e) {
        throw new BuildFailure("invalid reference format: repository name must be lowercase");
      }
      status(v, "naming to " + r, t, t + 1 * MS);
      t += 1 * MS;
      b.images().tag(img.id(), tag, null);
    }
    v.completed = t + 1 * MS;
    return img.id();
  }

  // ---- progress ----------------------------------------------------------------------------

  private Vertex vertex(String name, long started) {
    Vertex v = new Vertex(Digests.sha256(buildId + " " + vertices.size() + " " + name), name);
    v.started = started;
    v.completed = started;
    vertices.add(v);
    return v;
  }

  private static void status(Vertex v, String text, long started, long completed) {
    v.statuses.add(new String[] {text, Long.toString(started), Long.toString(completed)});
  }

  private List<BuildsView.Step> steps() {
    List<BuildsView.Step> out = new ArrayList<>();
    for (Vertex v : vertices) {
      if (v.index == 0) {
        continue;
      }
      BuildsView.Status s =
          v.error != null
              ? BuildsView.Status.FAILED
              : v.cached ? BuildsView.Status.CACHED : BuildsView.Status.DONE;
      out.add(
          new BuildsView.Step(
              v.stage,
              v.index,
              v.name.substring(v.name.indexOf("] ") + 2),
              s,
              v.cached,
              v.diffId,
              v.started,
              v.completed));
    }
    return out;
  }

  private List<Vertex> ordered() {
    List<Vertex> sorted = new ArrayList<>(vertices);
    sorted.sort(Comparator.comparingLong((Vertex v) -> v.started));
    return sorted;
  }

  /** Sends the progress: BuildKit's vertices, or the classic builder's stream. */
  private void emit(String imageId, BuildFailure failure) {
    if (req.buildkit()) {
      for (Vertex v : ordered()) {
        List<BuildTrace.Status> statuses = new ArrayList<>();
        for (String[] s : v.statuses) {
          statuses.add(
              new BuildTrace.Status(s[0], v.digest, Long.parseLong(s[1]), Long.parseLong(s[2])));
        }
        progress.accept(
            BuildMessage.trace(
                new BuildTrace(
                    List.of(
                        new BuildTrace.Vertex(
                            v.digest,
                            List.of(),
                            v.name,
                            v.started,
                            v.completed,
                            v.cached,
                            v.error)),
                    statuses,
                    v.logs)));
      }
    } else {
      classic();
    }
    if (failure != null) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("message", failure.getMessage());
      if (failure.startLine > 0) {
        detail.put("startLine", failure.startLine);
        detail.put("endLine", failure.endLine);
      }
      progress.accept(new BuildMessage(null, null, null, failure.getMessage(), detail, null));
      return;
    }
    if (req.buildkit()) {
      progress.accept(
          new BuildMessage(null, "moby.image.id", Map.of("ID", imageId), null, null, null));
      return;
    }
    // The classic builder: the ID as aux, then its last lines.
    progress.accept(BuildMessage.imageId(imageId));
    progress.accept(
        BuildMessage.stream("Successfully built " + Digests.hex(imageId).substring(0, 12) + "\n"));
    for (String tag : req.tags()) {
      progress.accept(
          BuildMessage.stream(
              "Successfully tagged "
                  + Reference.parse(tag).withDefaultTag().familiarString()
                  + "\n"));
    }
  }

  /** The classic builder's stream ("Step 2/8 : RUN …", " ---> Using cache"). */
  private void classic() {
    int total = 0;
    for (StageState st : done.values()) {
      total += 1 + st.stage.commands().size();
    }
    int n = 0;
    long size = 0;
    for (Map.Entry<String, Entry> e : ctx.entries().entrySet()) {
      size += e.getValue().isFile() ? e.getValue().content().size() : 0;
    }
    progress.accept(
        BuildMessage.stream(
            "Sending build context to Docker daemon  " + GoUnits.humanSize(size) + "\r\r\n"));
    for (StageState st : done.values()) {
      progress.accept(
          BuildMessage.stream("Step " + ++n + "/" + total + " : " + shown(st.stage.node()) + "\n"));
      Resolved base = bases.get(baseName(st.stage));
      String baseId =
          base != null ? base.image().id() : Digests.sha256(buildId + st.stage.baseName());
      progress.accept(BuildMessage.stream(" ---> " + Digests.hex(baseId).substring(0, 12) + "\n"));
      for (Instruction i : st.stage.commands()) {
        progress.accept(BuildMessage.stream("Step " + ++n + "/" + total + " : " + shown(i) + "\n"));
        Vertex v = null;
        for (Vertex c : vertices) {
          if (c.index > 0
              && c.name.endsWith("] " + shown(i))
              && (c.stage.equals(st.label) || c.stage.equals("" + st.stage.index()))) {
            v = c;
          }
        }
        String id = Digests.hex(Digests.sha256(buildId + n)).substring(0, 12);
        if (v != null && v.cached) {
          progress.accept(BuildMessage.stream(" ---> Using cache\n"));
        } else {
          String c = Digests.hex(Digests.sha256("container" + buildId + n)).substring(0, 12);
          progress.accept(BuildMessage.stream(" ---> Running in " + c + "\n"));
          if (v != null) {
            for (BuildTrace.Log l : v.logs) {
              progress.accept(BuildMessage.stream(l.data()));
            }
          }
          progress.accept(BuildMessage.stream("Removing intermediate container " + c + "\n"));
        }
        progress.accept(BuildMessage.stream(" ---> " + id + "\n"));
        if (v != null && v.error != null) {
          return;
        }
      }
    }
  }

  private static String shown(dev.ddlab.dockerfile.Node n) {
    String o = n.original().strip();
    int sp = o.indexOf(' ');
    return n.instruction().toUpperCase(java.util.Locale.ROOT)
        + (sp < 0 ? "" : " " + o.substring(sp + 1).strip());
  }
}
