package dev.ddlab.sim.build;

import dev.ddlab.engine.dto.BuildMessage;
import dev.ddlab.engine.dto.BuildTrace;
import dev.ddlab.introspect.BuildsView;
import dev.ddlab.sim.fs.Digests;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A build's progress: its vertices in the order they were made, as BuildKit's status stream
 * (vertices, statuses, logs) and as the introspection's steps.
 */
final class Progress {
  private final String buildId;
  final List<Vertex> vertices = new ArrayList<>();

  Progress(String buildId) {
    this.buildId = buildId;
  }

  Vertex vertex(String name, long started) {
    Vertex v = new Vertex(Digests.sha256(buildId + " " + vertices.size() + " " + name), name);
    v.started = started;
    v.completed = started;
    vertices.add(v);
    return v;
  }

  /**
   * The stage's next step: "[2/5] RUN …", "[base 3/5] COPY …" in a multi-stage file, "[linux/arm64
   * 2/5] RUN …" in a multi-platform build; the number is padded to the total's width ("[ 2/10]"),
   * as dockerfile2llb's prefixCommand pads it.
   */
  Vertex step(StageState st, String text) {
    st.step++;
    String number = Integer.toString(st.step);
    number = " ".repeat(Integer.toString(st.total).length() - number.length()) + number;
    String prefix =
        "["
            + st.prefix
            + (st.label.isEmpty() ? "" : st.label + " ")
            + number
            + "/"
            + st.total
            + "] ";
    Vertex v = vertex(prefix + text, st.time);
    String stage = st.label.isEmpty() ? "" + st.stage.index() : st.label;
    v.stage = stage;
    v.platform = st.prefix.strip();
    v.index = st.step;
    return v;
  }

  /** The latest of {@code from} and every vertex's end. */
  long lastCompleted(long from) {
    long end = from;
    for (Vertex v : vertices) {
      end = Math.max(end, v.completed);
    }
    return end;
  }

  /** When the last vertex started or ended, not before {@code from}. */
  long end(long from) {
    long end = from;
    for (Vertex v : vertices) {
      end = Math.max(end, Math.max(v.completed, v.started));
    }
    return end;
  }

  /** The steps (vertices of a stage) as the introspection shows them. */
  List<BuildsView.Step> steps() {
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
              v.completed,
              v.platform));
    }
    return out;
  }

  /** BuildKit's status: one trace message per vertex, in the order they started. */
  void trace(Consumer<BuildMessage> out) {
    List<Vertex> sorted = new ArrayList<>(vertices);
    sorted.sort(Comparator.comparingLong((Vertex v) -> v.started));
    for (Vertex v : sorted) {
      List<BuildTrace.Status> statuses = new ArrayList<>();
      for (String[] s : v.statuses) {
        statuses.add(
            new BuildTrace.Status(s[0], v.digest, Long.parseLong(s[1]), Long.parseLong(s[2])));
      }
      out.accept(
          BuildMessage.trace(
              new BuildTrace(
                  List.of(
                      new BuildTrace.Vertex(
                          v.digest, List.of(), v.name, v.started, v.completed, v.cached, v.error)),
                  statuses,
                  v.logs)));
    }
  }
}
