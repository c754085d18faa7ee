package dev.ddlab.cli.command;

import dev.ddlab.engine.dto.BuildMessage;
import dev.ddlab.engine.dto.BuildTrace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BuildKit's progress as docker/buildx prints it (its {@code progressui}): on a terminal the final
 * frame of the in-place display ("[+] Building 16.2s (10/10) FINISHED", one "=>" line per step with
 * its time, "=> =>" for a step's sub-lines, CACHED and ERROR marks), piped or with {@code
 * --progress plain} the numbered "#N …" blocks; then, for a failed build, the failed step's last
 * output and the Dockerfile lines it points at. Times are the engine's (virtual on a simulated
 * node).
 */
public final class BuildProgress {
  private final String target;
  private final Map<String, BuildTrace.Vertex> vertices = new LinkedHashMap<>();
  private final Map<String, List<BuildTrace.Status>> statuses = new LinkedHashMap<>();
  private final Map<String, List<BuildTrace.Log>> logs = new LinkedHashMap<>();
  private final StringBuilder classic = new StringBuilder();
  private String imageId;
  private String error;
  private Map<String, Object> errorDetail;

  /** The progress of {@code docker build}. */
  public BuildProgress() {
    this(null);
  }

  /**
   * The progress of one target of several (compose's services): each step's name carries the
   * target, {@code [web internal] load …}, {@code [web 1/5] FROM …}, {@code [web] exporting …}.
   */
  public BuildProgress(String target) {
    this.target = target;
  }

  private String name(BuildTrace.Vertex v) {
    if (target == null) {
      return v.name();
    }
    return v.name().startsWith("[")
        ? "[" + target + " " + v.name().substring(1)
        : "[" + target + "] " + v.name();
  }

  public void accept(BuildMessage m) {
    if (m.trace() != null) {
      for (BuildTrace.Vertex v : m.trace().vertexes()) {
        vertices.put(v.digest(), v);
      }
      for (BuildTrace.Status s : m.trace().statuses()) {
        List<BuildTrace.Status> list = statuses.computeIfAbsent(s.vertex(), k -> new ArrayList<>());
        list.removeIf(o -> o.id().equals(s.id()));
        list.add(s);
      }
      for (BuildTrace.Log l : m.trace().logs()) {
        logs.computeIfAbsent(l.vertex(), k -> new ArrayList<>()).add(l);
      }
    }
    if (m.stream() != null) {
      classic.append(m.stream());
    }
    if (m.aux() != null && m.aux().get("ID") instanceof String id) {
      imageId = id;
    }
    if (m.error() != null) {
      error = m.error();
      errorDetail = m.errorDetail();
    }
  }

  public boolean buildkit() {
    return !vertices.isEmpty();
  }

  public String classicText() {
    return classic.toString();
  }

  String imageId() {
    return imageId;
  }

  public String error() {
    return error;
  }

  private static String secs(long nanos) {
    return String.format(Locale.ROOT, "%.1fs", Math.max(0, nanos) / 1e9);
  }

  private long start() {
    long s = Long.MAX_VALUE;
    for (BuildTrace.Vertex v : vertices.values()) {
      s = Math.min(s, v.started());
    }
    return s == Long.MAX_VALUE ? 0 : s;
  }

  private long end() {
    long e = 0;
    for (BuildTrace.Vertex v : vertices.values()) {
      e = Math.max(e, v.completed());
    }
    return e;
  }

  /** The terminal display's last frame, lines fitted to {@code width} columns. */
  public String tty(int width) {
    int w = width <= 0 ? 80 : width;
    StringBuilder sb = new StringBuilder();
    int done = 0;
    for (BuildTrace.Vertex v : vertices.values()) {
      if (v.completed() > 0) {
        done++;
      }
    }
    sb.append(
        fit(
            "[+] Building "
                + secs(end() - start())
                + " ("
                + done
                + "/"
                + vertices.size()
                + ") FINISHED",
            "docker:default",
            w));
    for (BuildTrace.Vertex v : vertices.values()) {
      String mark = v.error() != null ? "ERROR " : v.cached() ? "CACHED " : "";
      sb.append(fit(" => " + mark + name(v), secs(v.completed() - v.started()), w));
      for (BuildTrace.Status s : statuses.getOrDefault(v.digest(), List.of())) {
        sb.append(fit(" => => " + s.id(), secs(s.completed() - s.started()), w));
      }
    }
    return sb.toString();
  }

  private static String fit(String left, String right, int width) {
    int room = width - right.length() - 1;
    if (left.length() > room) {
      left = left.substring(0, Math.max(0, room));
    }
    return left + " ".repeat(Math.max(1, width - left.length() - right.length())) + right + "\n";
  }

  /** --progress plain: "#N name", its sub-lines and output, "#N DONE 1.2s" or "#N CACHED". */
  public String plain() {
    StringBuilder sb =
        new StringBuilder("#0 building with \"default\" instance using docker driver\n\n");
    int n = 0;
    for (BuildTrace.Vertex v : vertices.values()) {
      n++;
      sb.append('#').append(n).append(' ').append(name(v)).append('\n');
      for (BuildTrace.Status s : statuses.getOrDefault(v.digest(), List.of())) {
        long d = s.completed() - s.started();
        sb.append('#').append(n).append(' ').append(s.id());
        sb.append(d >= 100_000_000L ? " " + secs(d) + " done\n" : " done\n");
      }
      for (BuildTrace.Log l : logs.getOrDefault(v.digest(), List.of())) {
        for (String line : l.data().split("\n", -1)) {
          if (!line.isEmpty()) {
            sb.append('#').append(n).append(' ');
            sb.append(String.format(Locale.ROOT, "%.3f ", (l.timestamp() - v.started()) / 1e9));
            sb.append(line).append('\n');
          }
        }
      }
      if (v.cached()) {
        sb.append('#').append(n).append(" CACHED\n\n");
      } else if (v.error() != null) {
        sb.append('#')
            .append(n)
            .append(" ERROR: ")
            .append(error == null ? v.error() : error)
            .append("\n\n");
      } else {
        sb.append('#')
            .append(n)
            .append(" DONE ")
            .append(secs(v.completed() - v.started()))
            .append("\n\n");
      }
    }
    return sb.toString();
  }

  /**
   * What follows a failed build: the failed step's last output lines, the Dockerfile excerpt (two
   * lines around the ones the error names) and "ERROR: failed to solve: …".
   */
  public String failure(String dockerfileName, String dockerfileText) {
    return excerpt(dockerfileName, dockerfileText) + "ERROR: failed to solve: " + error + "\n";
  }

  /** {@link #failure} without its last line (compose prints that as its own error). */
  public String excerpt(String dockerfileName, String dockerfileText) {
    StringBuilder sb = new StringBuilder();
    for (BuildTrace.Vertex v : vertices.values()) {
      if (v.error() != null && !v.name().startsWith("[internal]")) {
        sb.append("------\n > ").append(name(v)).append(":\n");
        List<BuildTrace.Log> ls = logs.getOrDefault(v.digest(), List.of());
        List<String> lines = new ArrayList<>();
        for (BuildTrace.Log l : ls) {
          for (String line : l.data().split("\n")) {
            if (!line.isEmpty()) {
              lines.add(
                  String.format(Locale.ROOT, "%.3f ", (l.timestamp() - v.started()) / 1e9) + line);
            }
          }
        }
        for (String line : lines.subList(Math.max(0, lines.size() - 10), lines.size())) {
          sb.append(line).append('\n');
        }
        sb.append("------\n");
      }
    }
    int start = number("startLine");
    int end = number("endLine");
    if (start > 0 && dockerfileText != null) {
      String[] lines = dockerfileText.split("\n", -1);
      int total = dockerfileText.endsWith("\n") ? lines.length - 1 : lines.length;
      sb.append(dockerfileName).append(':').append(start).append('\n');
      sb.append("--------------------\n");
      for (int i = Math.max(1, start - 2); i <= Math.min(total, Math.max(end, start) + 2); i++) {
        boolean at = i >= start && i <= Math.max(end, start);
        sb.append(String.format(Locale.ROOT, "%4d | ", i)).append(at ? ">>> " : "    ");
        sb.append(lines[i - 1]).append('\n');
      }
      sb.append("--------------------\n");
    }
    return sb.toString();
  }

  private int number(String key) {
    if (errorDetail == null || !(errorDetail.get(key) instanceof Number n)) {
      return 0;
    }
    return n.intValue();
  }
}
