package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.TopResponse;
import dev.ddlab.fs.UserDb;
import dev.ddlab.sim.runtime.Kernel;
import dev.ddlab.sim.runtime.Procps;
import dev.ddlab.sim.runtime.SimProc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * moby's daemon/top_unix.go: GET /containers/{id}/top. The host's ps ({@link Procps}) runs with the
 * options and {@code -q} the container's PIDs (again without {@code -q} when ps refuses the
 * combination); its output is parsed as parsePSOutput does, keeping only the container's rows.
 */
final class Top {
  private static final Pattern RENAMED_PID = Pattern.compile("\\s+(\\S*)=\\s*(PID\\S*)");

  private final Daemon daemon;

  Top(Daemon daemon) {
    this.daemon = daemon;
  }

  TopResponse top(String ref, String psArgs) {
    Container c = daemon.get(ref);
    if (c.status != Container.Status.RUNNING && c.status != Container.Status.PAUSED) {
      throw Errors.notRunning(c.id);
    }
    String args = psArgs == null || psArgs.isEmpty() ? "-ef" : psArgs;
    validatePsArgs(args);
    List<Integer> pids = new ArrayList<>();
    for (SimProc p : c.context.processes()) {
      pids.add(p.hostPid());
    }
    List<Procps.Task> table = hostProcessTable();
    long now = daemon.clock.nowNanos();
    List<String> argv = new ArrayList<>(List.of(args.split(" ", -1)));
    List<String> quick = new ArrayList<>(argv);
    quick.add("-q");
    quick.add(String.join(",", pids.stream().map(String::valueOf).toList()));
    Procps.Result ps = Procps.ps(quick, table, now, 0, "?");
    if (ps.status() != 0) {
      ps = Procps.ps(argv, table, now, 0, "?");
      if (ps.status() != 0) {
        String first = ps.err().split("\n", 2)[0];
        throw EngineException.serverError(
            "ps: " + (first.isEmpty() ? "exit status " + ps.status() : first));
      }
    }
    return parsePsOutput(ps.out(), pids);
  }

  /** validatePSArgs: only "pid=" may rename the PID column (the rows are found by it). */
  static void validatePsArgs(String psArgs) {
    Matcher m = RENAMED_PID.matcher(psArgs);
    while (m.find()) {
      if (!m.group(1).equals("pid")) {
        throw EngineException.serverError(
            "specifying \"" + m.group(1) + "=" + m.group(2) + "\" is not allowed");
      }
    }
  }

  /**
   * parsePSOutput: titles and rows split on blanks, the last column keeping the rest; rows of
   * {@code pids} only, with the thread rows ("-" as PID) that follow a kept row.
   */
  static TopResponse parsePsOutput(String output, List<Integer> pids) {
    String[] lines = output.split("\n");
    List<String> titles = fields(lines.length == 0 ? "" : lines[0]);
    int pidIndex = titles.indexOf("PID");
    if (pidIndex < 0) {
      throw EngineException.serverError("Couldn't find PID field in ps output");
    }
    List<List<String>> rows = new ArrayList<>();
    boolean previousKept = false;
    for (int i = 1; i < lines.length; i++) {
      List<String> f = fields(lines[i]);
      if (f.isEmpty()) {
        continue;
      }
      String pid = f.get(pidIndex);
      if (pid.equals("-")) {
        if (previousKept) {
          rows.add(row(f, titles.size()));
        }
        continue;
      }
      if (!pid.matches("\\d+")) {
        throw EngineException.serverError(
            "Unexpected pid '" + pid + "': strconv.Atoi: parsing \"" + pid + "\": invalid syntax");
      }
      previousKept = pids.contains(Integer.parseInt(pid));
      if (previousKept) {
        rows.add(row(f, titles.size()));
      }
    }
    return new TopResponse(titles, rows);
  }

  private static List<String> fields(String line) {
    String t = line.strip();
    return t.isEmpty() ? List.of() : List.of(t.split("[ \\t]+"));
  }

  private static List<String> row(List<String> fields, int titles) {
    List<String> row = new ArrayList<>(fields.subList(0, Math.min(titles - 1, fields.size())));
    row.add(String.join(" ", fields.subList(Math.min(titles - 1, fields.size()), fields.size())));
    return row;
  }

  /** /proc as the host's ps reads it: every process of the node, by host PID. */
  private List<Procps.Task> hostProcessTable() {
    Kernel kernel = daemon.kernel;
    Map<Integer, String> hostUsers = UserDb.names(kernel.host().fs(), "/etc/passwd");
    List<Procps.Task> out = new ArrayList<>();
    for (Container c : daemon.all()) {
      // containerd-shim-runc-v2, the parent of each container's PID 1 and docker exec processes
      if (c.context != null && c.shimPid > 0 && kernel.byHostPid(c.shimPid) == null) {
        long started =
            c.context.processes().stream().mapToLong(SimProc::startedNanos).min().orElse(0);
        out.add(
            new Procps.Task(
                c.shimPid,
                1,
                c.shimPid,
                0,
                "root",
                "containerd-shim",
                "/usr/bin/containerd-shim-runc-v2 -namespace moby -id "
                    + c.id
                    + " -address /run/containerd/containerd.sock",
                started,
                'S',
                "?",
                722_504,
                9_788,
                "futex_"));
      }
    }
    for (SimProc p : kernel.hostPids().processes()) {
      boolean host = p.context().isHost();
      int uid = UserDb.uid(p.fs(), p.user());
      if (uid < 0) {
        uid = 0;
      }
      String user = hostUsers.getOrDefault(uid, Integer.toString(uid));
      String argv0 = p.argv().isEmpty() ? "" : p.argv().get(0);
      String comm = argv0.substring(argv0.lastIndexOf('/') + 1);
      comm = comm.length() > 15 ? comm.substring(0, 15) : comm;
      // A container's init leads its session; docker exec'd processes lead their own.
      boolean leader = host ? p.hostPpid() <= 1 : p.pid() == 1 || p.ppid() == 0;
      int sid = leader ? p.hostPid() : sessionOf(p);
      long vsz = Procps.vszKib(p.command());
      out.add(
          new Procps.Task(
              p.hostPid(),
              p.hostPpid(),
              sid,
              uid,
              user,
              comm,
              p.command(),
              p.startedNanos(),
              p.state(),
              p.tty() ? "pts/0" : "?",
              vsz,
              Procps.rssKib(p.command()),
              Procps.wchan(comm)));
    }
    out.sort(Comparator.comparingInt(Procps.Task::pid));
    return out;
  }

  private int sessionOf(SimProc p) {
    SimProc cur = p;
    for (int guard = 0; guard < 64; guard++) {
      SimProc parent = daemon.kernel.byHostPid(cur.hostPpid());
      if (parent == null || parent.context() != p.context()) {
        return cur.hostPid();
      }
      if (parent.pid() == 1 || parent.ppid() == 0) {
        return parent.hostPid();
      }
      cur = parent;
    }
    return cur.hostPid();
  }
}
