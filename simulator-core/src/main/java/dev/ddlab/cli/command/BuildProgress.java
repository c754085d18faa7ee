package dev.ddlab.cli.command;

import dev.ddlab.cli.formatter.InPlace;
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
  private String instance = "default";
  private String driver = "docker";
  private Map<String, Object> errorDetail;
  private String bootNode;

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

  /**
   * The builder that builds, as buildx names it in the display ("docker-container:container" at the
   * right of the first line, {@code building with "container" instance using docker-container
   * driver} in plain mode); the default builder unless set.
   */
  public BuildProgress builder(String name, String driverName) {
    this.instance = name;
    this.driver = driverName;
    return this;
  }

  /** buildx's boot of a docker-container builder: BuildKit's image pulled, its container made. */
  private static final long BOOT_PULL = 7_500_000_000L;

  private static final long BOOT_CREATE = 700_000_000L;
  private static final String BOOT = "buildx-boot";

  /**
   * The build was preceded by the boot of its builder's BuildKit on {@code node} (the first build
   * on a docker-container builder): buildx shows it as the display's first step, "[internal]
   * booting buildkit" with "pulling image moby/buildkit:buildx-stable-1" and "creating container
   * buildx_buildkit_NODE", in the time before the build's first step. The boot is the client's: it
   * ends where the build starts.
   */
  public BuildProgress boot(String node) {
    this.bootNode = node;
    return this;
  }

  /** The boot's step and its sub-lines, put first once the build's start is known. */
  private void addBoot() {
    if (bootNode == null || vertices.containsKey(BOOT)) {
      return;
    }
    long end = vertices.isEmpty() ? BOOT_PULL + BOOT_CREATE : start(); // alone: inspect's
    long begin = end - BOOT_PULL - BOOT_CREATE;
    Map<String, BuildTrace.Vertex> rest = new LinkedHashMap<>(vertices);
    vertices.clear();
    vertices.put(
        BOOT,
        new BuildTrace.Vertex(
            BOOT, List.of(), "[internal] booting buildkit", begin, end, false, null));
    vertices.putAll(rest);
    statuses.put(
        BOOT,
        List.of(
            new BuildTrace.Status(
                "pulling image moby/buildkit:buildx-stable-1", BOOT, begin, begin + BOOT_PULL),
            new BuildTrace.Status(
                "creating container buildx_buildkit_" + bootNode, BOOT, begin + BOOT_PULL, end)));
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
    addBoot();
    return frame(width, Long.MAX_VALUE);
  }

  /**
   * On a terminal: the frames BuildKit's tty display draws while the build goes, each over the one
   * before it ({@link InPlace}): one whenever steps start or end (at most one per 100 ms of the
   * engine's clock, BuildKit's refresh), with the running steps' timers, then the finished frame.
   * The times are the engine's (virtual on a simulated node), so the frames come at once.
   */
  public String ttyFrames(int width) {
    addBoot();
    java.util.TreeSet<Long> times = new java.util.TreeSet<>();
    long start = start();
    long end = end();
    for (BuildTrace.Vertex v : vertices.values()) {
      for (long t : new long[] {v.started(), v.completed()}) {
        long refresh = start + ((t - start) / REFRESH + 1) * REFRESH; // the next redraw
        if (refresh < end) {
          times.add(refresh);
        }
      }
    }
    InPlace screen = new InPlace();
    StringBuilder sb = new StringBuilder();
    for (long t : times) {
      sb.append(screen.frame(frame(width, t)));
    }
    return sb.append(screen.frame(tty(width))).toString();
  }

  /** BuildKit's tty display refreshes every 100 ms. */
  private static final long REFRESH = 100_000_000L;

  /**
   * The display at engine time {@code at}: the steps started by then, the ones still running with
   * their time so far; {@code Long.MAX_VALUE} is the finished build.
   */
  private String frame(int width, long at) {
    int w = width <= 0 ? 80 : width;
    boolean finished = at == Long.MAX_VALUE;
    StringBuilder sb = new StringBuilder();
    int done = 0;
    int known = 0;
    for (BuildTrace.Vertex v : vertices.values()) {
      if (v.started() <= at) {
        known++;
        if (v.completed() > 0 && v.completed() <= at) {
          done++;
        }
      }
    }
    sb.append(
        fit(
            "[+] Building "
                + secs(Math.min(end(), at) - start())
                + " ("
                + done
                + "/"
                + known
                + ") "
                + (finished ? "FINISHED" : ""),
            instance == null ? "" : driver + ":" + instance,
            w));
    for (BuildTrace.Vertex v : vertices.values()) {
      if (v.started() > at) {
        continue;
      }
      boolean over = v.completed() <= at;
      String mark = !over ? "" : v.error() != null ? "ERROR " : v.cached() ? "CACHED " : "";
      sb.append(fit(" => " + mark + name(v), secs(Math.min(v.completed(), at) - v.started()), w));
      for (BuildTrace.Status s : statuses.getOrDefault(v.digest(), List.of())) {
        if (s.started() <= at) {
          sb.append(fit(" => => " + s.id(), secs(Math.min(s.completed(), at) - s.started()), w));
        }
      }
    }
    return sb.toString();
  }

  private static String fit(String left, String right, int width) {
    if (right.isEmpty()) {
      return left.strip() + "\n";
    }
    int room = width - right.length() - 1;
    if (left.length() > room) {
      left = left.substring(0, Math.max(0, room));
    }
    return left + " ".repeat(Math.max(1, width - left.length() - right.length())) + right + "\n";
  }

  /** --progress plain: "#N name", its sub-lines and output, "#N DONE 1.2s" or "#N CACHED". */
  public String plain() {
    addBoot();
    StringBuilder sb =
        new StringBuilder(
            "#0 building with \"" + instance + "\" instance using " + driver + " driver\n\n");
    int n = 0;
    for (BuildTrace.Vertex v : vertices.values()) {
      n++;
      sb.append('#').append(n).append(' ').append(name(v)).append('\n');
      for (BuildTrace.Status s : statuses.getOrDefault(v.digest(), List.of())) {
        long d = s.completed() - s.started();
        if (d >= REFRESH) { // still running at a refresh: shown once running, once done
          sb.append('#').append(n).append(' ').append(s.id()).append('\n');
        }
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
