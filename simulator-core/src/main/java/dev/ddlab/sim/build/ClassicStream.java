package dev.ddlab.sim.build;

import dev.ddlab.dockerfile.Instruction;
import dev.ddlab.dockerfile.Node;
import dev.ddlab.engine.dto.BuildMessage;
import dev.ddlab.engine.dto.BuildTrace;
import dev.ddlab.go.GoUnits;
import dev.ddlab.sim.build.BuildState.Resolved;
import dev.ddlab.sim.fs.Digests;
import dev.ddlab.sim.image.Reference;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The classic builder's stream of a build ({@code version=1}): "Step 2/8 : RUN …", " ---> Using
 * cache", " ---> Running in …" with the step's output, and its last lines.
 */
final class ClassicStream {
  private final BuildState s;
  private final Consumer<BuildMessage> out;

  ClassicStream(BuildState s, Consumer<BuildMessage> out) {
    this.s = s;
    this.out = out;
  }

  /** The steps of the stages built, up to the one that failed. */
  void steps() {
    int total = 0;
    for (StageState st : s.done.values()) {
      total += 1 + st.stage.commands().size();
    }
    int n = 0;
    out.accept(
        BuildMessage.stream(
            "Sending build context to Docker daemon  "
                + GoUnits.humanSize(s.contextSize())
                + "\r\r\n"));
    for (StageState st : s.done.values()) {
      out.accept(
          BuildMessage.stream("Step " + ++n + "/" + total + " : " + shown(st.stage.node()) + "\n"));
      Resolved base = s.bases.get(s.baseName(st.stage));
      String baseId =
          base != null ? base.image().id() : Digests.sha256(s.buildId + st.stage.baseName());
      out.accept(BuildMessage.stream(" ---> " + Digests.hex(baseId).substring(0, 12) + "\n"));
      for (Instruction i : st.stage.commands()) {
        String shown = Vertex.shown(i);
        out.accept(BuildMessage.stream("Step " + ++n + "/" + total + " : " + shown + "\n"));
        Vertex v = null;
        for (Vertex c : s.progress.vertices) {
          if (c.index > 0
              && c.name.endsWith("] " + shown)
              && (c.stage.equals(st.label) || c.stage.equals("" + st.stage.index()))) {
            v = c;
          }
        }
        String id = Digests.hex(Digests.sha256(s.buildId + n)).substring(0, 12);
        if (v != null && v.cached) {
          out.accept(BuildMessage.stream(" ---> Using cache\n"));
        } else {
          String c = Digests.hex(Digests.sha256("container" + s.buildId + n)).substring(0, 12);
          out.accept(BuildMessage.stream(" ---> Running in " + c + "\n"));
          if (v != null) {
            for (BuildTrace.Log l : v.logs) {
              out.accept(BuildMessage.stream(l.data()));
            }
          }
          out.accept(BuildMessage.stream("Removing intermediate container " + c + "\n"));
        }
        out.accept(BuildMessage.stream(" ---> " + id + "\n"));
        if (v != null && v.error != null) {
          return;
        }
      }
    }
  }

  /** The end of a build that succeeded: the ID as aux, then "Successfully built/tagged". */
  void succeeded(String imageId) {
    out.accept(BuildMessage.imageId(imageId));
    out.accept(
        BuildMessage.stream("Successfully built " + Digests.hex(imageId).substring(0, 12) + "\n"));
    for (String tag : s.req.tags()) {
      out.accept(
          BuildMessage.stream(
              "Successfully tagged "
                  + Reference.parse(tag).withDefaultTag().familiarString()
                  + "\n"));
    }
  }

  /** The FROM line as the classic builder shows it. */
  private static String shown(Node n) {
    String o = n.original().strip();
    int sp = o.indexOf(' ');
    return n.instruction().toUpperCase(Locale.ROOT)
        + (sp < 0 ? "" : " " + o.substring(sp + 1).strip());
  }
}
