package dev.ddlab.sim.build;

import dev.ddlab.dockerfile.Instruction;
import dev.ddlab.engine.dto.BuildTrace;
import java.util.ArrayList;
import java.util.List;

/** A step as BuildKit's progress shows it: its name, times, statuses and output. */
final class Vertex {
  final String digest;
  final String name;
  long started;
  long completed;
  boolean cached;
  String error;
  final List<String[]> statuses = new ArrayList<>(); // {text, started, completed}
  final List<BuildTrace.Log> logs = new ArrayList<>();
  String stage = "";
  String platform = "";
  int index;
  String diffId = "";

  Vertex(String digest, String name) {
    this.digest = digest;
    this.name = name;
  }

  /** A status line under the vertex ("transferring context: 2B", "naming to …"). */
  void status(String text, long started, long completed) {
    statuses.add(new String[] {text, Long.toString(started), Long.toString(completed)});
  }

  /** The step's output lines, from {@code at} on. */
  void log(List<String> lines, long at) {
    long t = at + 120 * BuildState.MS;
    for (String l : lines) {
      logs.add(new BuildTrace.Log(digest, 1, l + "\n", t));
      t += 17 * BuildState.MS;
    }
  }

  /** The text of a step as its vertex shows it ("RUN apk add …", "COPY . /src"). */
  static String shown(Instruction i) {
    String o = i.node().original().strip();
    int sp = o.indexOf(' ');
    String rest = sp < 0 ? "" : o.substring(sp + 1).strip();
    return i.name() + (rest.isEmpty() ? "" : " " + rest.replaceAll("\\s+", " "));
  }
}
