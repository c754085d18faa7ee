package dev.ddlab.sim.build;

import static dev.ddlab.sim.build.BuildState.MS;

import dev.ddlab.dockerfile.Dockerfile;
import dev.ddlab.dockerfile.DockerfileException;
import dev.ddlab.dockerfile.Instruction;
import dev.ddlab.dockerfile.ShellLex;
import dev.ddlab.dockerfile.Stage;
import dev.ddlab.engine.dto.BuildMessage;
import dev.ddlab.engine.dto.BuildRequest;
import dev.ddlab.fs.Entry;
import dev.ddlab.fs.Paths;
import dev.ddlab.go.GoUnits;
import dev.ddlab.introspect.BuildEvent;
import dev.ddlab.introspect.BuildsView;
import dev.ddlab.sim.fs.Layer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One {@code docker build}: loads and parses the Dockerfile, plans the stages it needs ({@link
 * StageGraph}), dispatches their instructions on virtual time ({@link Dispatch}), exports the image
 * ({@link ImageExport}), then sends the progress (BuildKit's vertices or the {@link ClassicStream})
 * and publishes the build to the introspection.
 */
final class BuildRun {
  private static final java.util.regex.Pattern CLASSIC_UNKNOWN =
      java.util.regex.Pattern.compile(
          "dockerfile parse error on line (\\d+): unknown instruction: (\\S+)( \\(did you mean .*\\))?");
  private final BuildState s;
  private final Consumer<BuildMessage> progress;
  private final StageGraph graph;
  private final Dispatch dispatch;

  BuildRun(Builder b, BuildRequest req, Layer ctx, Consumer<BuildMessage> progress) {
    this.s = new BuildState(b, req, ctx);
    this.progress = progress;
    this.graph = new StageGraph(s);
    this.dispatch = new Dispatch(s);
  }

  void run() {
    Builder b = s.b;
    BuildsView.Build started =
        new BuildsView.Build(s.buildId, s.req.tags(), BuildsView.Status.RUNNING, List.of(), "");
    b.record(started);
    b.bus().publish(new BuildEvent(s.t0, b.node(), s.buildId, "build-start", null, started));
    String imageId = "";
    BuildFailure failure = null;
    try {
      imageId = execute();
    } catch (BuildFailure f) {
      failure = f;
    }
    long end = s.progress.end(s.t0);
    emit(imageId, failure);
    List<BuildsView.Step> steps = s.progress.steps();
    BuildsView.Build finished =
        new BuildsView.Build(
            s.buildId,
            s.req.tags(),
            failure == null ? BuildsView.Status.DONE : BuildsView.Status.FAILED,
            steps,
            imageId);
    b.record(finished);
    for (BuildsView.Step st : steps) {
      b.bus()
          .publish(
              new BuildEvent(
                  Math.max(st.startedNanos(), s.t0), b.node(), s.buildId, "step", st, finished));
    }
    if (b.clock().nowNanos() < end) {
      b.clock().advanceTo(end);
    }
    b.bus()
        .publish(
            new BuildEvent(b.clock().nowNanos(), b.node(), s.buildId, "build-end", null, finished));
  }

  /** The build itself; the image ID. */
  private String execute() {
    long t = s.t0;
    String dfName = Paths.name("/" + s.req.dockerfile());
    Vertex def = s.progress.vertex("[internal] load build definition from " + dfName, t);
    Vertex ignore = s.progress.vertex("[internal] load .dockerignore", t + 2 * MS);
    Entry ig = s.ctx.get("/.dockerignore");
    long igSize = ig != null && ig.isFile() ? ig.content().size() : 2;
    ignore.status("transferring context: " + GoUnits.humanSize(igSize), t + 2 * MS, t + 12 * MS);
    ignore.completed = t + 24 * MS;
    String dfPath = Paths.normalize("/" + s.req.dockerfile());
    Entry dfEntry = s.ctx.get(dfPath);
    if (dfEntry == null || !dfEntry.isFile()) {
      def.status("transferring dockerfile: 2B", t, t + 10 * MS);
      def.completed = t + 12 * MS;
      throw new BuildFailure(
          "failed to read dockerfile: open /var/lib/docker/tmp/buildkit-mount"
              + s.b.nextMount()
              + "/"
              + dfName
              + ": no such file or directory");
    }
    String text = new String(dfEntry.content().bytes(), StandardCharsets.UTF_8);
    s.dockerfileText = text;
    def.status("transferring dockerfile: " + GoUnits.humanSize(text.length()), t, t + 10 * MS);
    def.completed = t + 21 * MS;
    t += 30 * MS;
    try {
      // Docker 20.10's classic builder (the private dockerd) parses no here-documents
      s.df = Dockerfile.parse(text, s.req.buildkit());
    } catch (DockerfileException e) {
      String m = e.getMessage();
      if (!s.req.buildkit()) { // 20.10's parser: no "on", the word in upper case, no suggestion
        java.util.regex.Matcher u = CLASSIC_UNKNOWN.matcher(m);
        if (u.matches()) {
          m =
              "dockerfile parse error line "
                  + u.group(1)
                  + ": unknown instruction: "
                  + u.group(2).toUpperCase(java.util.Locale.ROOT);
        }
      }
      throw new BuildFailure(m, e.startLine(), e.endLine());
    }
    s.lex = new ShellLex(s.df.escape());
    for (Instruction.Arg a : s.df.metaArgs()) {
      for (Instruction.ArgPair p : a.args()) {
        String v =
            s.req.buildArgs().containsKey(p.key())
                ? s.req.buildArgs().get(p.key())
                : p.value() == null ? null : s.word(p.value(), s.meta, a);
        s.meta.put(p.key(), v);
      }
    }
    s.multi = s.df.stages().size() > 1;
    Stage target = graph.target();
    List<Stage> needed = graph.needed(target);
    List<BuildState> parts = parts();
    // Metadata of every base image (per platform), then the build context, side by side.
    long prelude = Long.MAX_VALUE; // the context loads once the first metadata is there
    for (BuildState p : parts) {
      p.preludeEnd = t;
      (p == s ? graph : new StageGraph(p)).resolveBases(needed, t);
      prelude = Math.min(prelude, p.preludeEnd);
    }
    if (StageGraph.usesContext(needed)) {
      long size = s.contextSize();
      Vertex cv = s.progress.vertex("[internal] load build context", prelude);
      long ct = prelude + 3 * MS + size / 2000;
      cv.status("transferring context: " + GoUnits.humanSize(size), prelude, ct);
      cv.completed = ct + 2 * MS;
      parts.forEach(p -> p.contextVertex = cv);
    }
    // Each platform's stages on their own time cursors: BuildKit solves them side by side.
    for (BuildState p : parts) {
      StageGraph g = p == s ? graph : new StageGraph(p);
      Dispatch d = p == s ? dispatch : new Dispatch(p);
      for (Stage stage : needed) {
        StageState st = g.start(stage);
        for (Instruction i : stage.commands()) {
          d.dispatch(st, i);
        }
        p.done.put(stage.index(), st);
      }
    }
    return OutputExport.export(s, parts, target.index());
  }

  /**
   * The build's parts: itself for one platform; one per platform when several are asked for (each
   * step's name then starts with its platform, "[linux/arm64 2/5] RUN …").
   */
  private List<BuildState> parts() {
    List<String> platforms = s.req.platforms();
    if (platforms.size() <= 1) {
      return List.of(s);
    }
    if (s.b.isDaemon()) {
      throw new BuildFailure("docker exporter does not currently support exporting manifest lists");
    }
    List<BuildState> out = new java.util.ArrayList<>();
    for (String p : platforms) {
      try {
        out.add(new BuildState(s, p));
      } catch (dev.ddlab.engine.EngineException e) {
        throw new BuildFailure(e.getMessage());
      }
    }
    return out;
  }

  /** Sends the progress: BuildKit's vertices, or the classic builder's stream; then the end. */
  private void emit(String imageId, BuildFailure failure) {
    ClassicStream classic = new ClassicStream(s, progress);
    if (s.req.buildkit()) {
      s.progress.trace(progress);
    } else {
      classic.steps();
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
    if (s.req.buildkit()) {
      if (!imageId.isEmpty()) { // nothing in the node's store: the cache or a registry has it
        progress.accept(
            new BuildMessage(null, "moby.image.id", Map.of("ID", imageId), null, null, null));
      }
      return;
    }
    classic.succeeded(imageId);
  }
}
