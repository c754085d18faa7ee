package dev.ddlab.sim.build;

import static dev.ddlab.sim.build.BuildState.MS;

import dev.ddlab.dockerfile.Heredoc;
import dev.ddlab.dockerfile.Instruction;
import dev.ddlab.fs.Content;
import dev.ddlab.fs.Entry;
import dev.ddlab.fs.Paths;
import dev.ddlab.go.GoStrconv;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.UnionFs;
import dev.ddlab.sim.image.Platform;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * RUN: the package-manager commands the catalogue knows write their files and take their time;
 * anything else runs in the image's shell as a process of the node's kernel over the step's union
 * filesystem, whose writes are the layer. A non-zero exit fails the build.
 */
final class RunStep {
  private final BuildState s;

  /** Why the last command could not start (runc's message), for the failure. */
  private String failedToStart = "";

  RunStep(BuildState s) {
    this.s = s;
  }

  FileStep plan(StageState st, Instruction.Run r) {
    Command c = command(st, r);
    List<String> argv = c.argv;
    Map<String, String> env = st.env();
    String cwd = st.workdir();
    String createdBy = "RUN " + String.join(" ", argv) + " # buildkit";
    return new FileStep(
        "RUN "
            + argv
            + (c.script == null ? "" : "\nscript " + c.script.data())
            + "\nenv "
            + new TreeMap<>(env)
            + "\ncwd "
            + cwd
            + "\nuser "
            + st.config.toConfig().user(),
        createdBy,
        0,
        v -> {
          UnionFs fs = new UnionFs(lowers(st, c.script), 0, s.b.clock()::nowNanos);
          PackageCatalogue packages =
              new PackageCatalogue(fs, s.b.declared(), v.started, archName(st.platform));
          long nanos = 0;
          int exit = 0;
          List<String> log = new ArrayList<>();
          List<List<Part>> lines = c.lines;
          boolean anyKnown = false;
          if (lines != null) {
            for (List<Part> line : lines) {
              for (Part p : line) {
                anyKnown |= p.known();
              }
            }
          }
          if (anyKnown) {
            String dir = cwd;
            boolean errexit = false;
            for (List<Part> line : lines) {
              for (Part part : line) {
                String p = part.text;
                List<String> words = List.of(p.split("\\s+"));
                if (words.get(0).equals("cd") && words.size() == 2) {
                  dir = Paths.resolve(dir, words.get(1));
                  continue;
                }
                if (words.get(0).equals("set") && words.size() > 1) {
                  errexit = errexit(errexit, words);
                }
                long at = v.started + nanos;
                List<String> out = new ArrayList<>();
                if (part.known()) {
                  PackageCatalogue.Outcome o = packages.run(words, dir);
                  out.addAll(o.log());
                  exit = o.exitCode();
                  nanos += o.nanos();
                } else {
                  List<String> sh = new ArrayList<>(st.shell);
                  sh.add(p);
                  long before = s.b.clock().nowNanos();
                  exit = shell(fs, sh, env, dir, st.config.toConfig().user(), out);
                  nanos += Math.max(40 * MS, s.b.clock().nowNanos() - before);
                }
                v.log(out, at);
                if (exit != 0) {
                  break;
                }
              }
              // a script's next line runs after a failing one, unless set -e
              if (exit != 0 && (lines.size() == 1 || errexit)) {
                break;
              }
            }
          } else {
            long before = s.b.clock().nowNanos();
            exit = shell(fs, argv, env, cwd, st.config.toConfig().user(), log);
            nanos += Math.max(60 * MS, s.b.clock().nowNanos() - before);
            v.log(log, v.started);
          }
          nanos *= s.emulation(st.platform);
          if (exit != 0) {
            v.completed = v.started + nanos;
            v.error = "exit code: " + exit;
            String how =
                exit < 0 ? failedToStart : "did not complete successfully: exit code: " + exit;
            // The classic builder words it as Docker 20.10 does.
            String message =
                s.req.buildkit()
                    ? "process " + GoStrconv.quote(String.join(" ", argv)) + " " + how
                    : "The command '"
                        + String.join(" ", argv)
                        + "' returned a non-zero code: "
                        + Math.max(exit, 1);
            throw new BuildFailure(message, r.node().startLine(), r.node().endLine());
          }
          return new FileStep.Work(s.b.layer(fs.upperLayer()), nanos);
        },
        c.shown == null ? null : Vertex.shown(r) + " (" + c.shown + ")",
        c.script == null ? 0 : 1);
  }

  /** A part of a command line the catalogue may run; {@code known} when it runs it. */
  private record Part(String text, boolean known) {}

  /**
   * What a RUN runs: its argv, the lines of package-manager commands the catalogue may run (null
   * when the shell runs it whole), a here-document run as a file ({@code #!}), and the summary
   * BuildKit shows after a {@code RUN <<EOF}.
   */
  private record Command(List<String> argv, List<List<Part>> lines, Heredoc script, String shown) {}

  /**
   * dispatchRun: a RUN of one here-document ({@code RUN <<EOF}) runs its body as the shell's
   * command string, or, when it starts with {@code #!}, as the file /dev/pipes/EOF (0755, mounted
   * for the step, not in the layer); a RUN whose line opens here-documents elsewhere ({@code RUN
   * python3 <<EOF}, {@code RUN <<EOF bash}) gives the shell the line and the documents as written,
   * so the shell reads them. The delimiter's quotes change nothing here: the shell expands.
   */
  private static Command command(StageState st, Instruction.Run r) {
    if (r.json()) {
      return new Command(r.command(), null, null, null);
    }
    String line = r.command().isEmpty() ? "" : r.command().get(0);
    if (r.heredocs().isEmpty()) {
      List<String> parts = PackageCatalogue.split(line);
      return new Command(
          st.commandLine(r.command(), false),
          parts == null ? null : List.of(parts.stream().map(RunStep::part).toList()),
          null,
          null);
    }
    if (Heredoc.parse(line) == null) {
      StringBuilder full = new StringBuilder(line);
      for (Heredoc h : r.heredocs()) {
        full.append('\n').append(h.content()).append(h.name());
      }
      return new Command(st.commandLine(List.of(full.toString()), false), null, null, null);
    }
    Heredoc doc = r.heredocs().get(0);
    String data = doc.data();
    String shown = summary(doc.content());
    if (data.startsWith("#!")) {
      return new Command(
          st.commandLine(List.of("/dev/pipes/" + doc.name()), false), null, doc, shown);
    }
    List<List<Part>> lines = new ArrayList<>();
    for (String l : data.replace("\\\n", "").split("\n")) {
      String t = l.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      List<String> parts = PackageCatalogue.split(t);
      lines.add(
          parts == null ? List.of(new Part(t, false)) : parts.stream().map(RunStep::part).toList());
    }
    return new Command(st.commandLine(List.of(data), false), lines, null, shown);
  }

  private static Part part(String text) {
    return new Part(text, PackageCatalogue.knows(List.of(text.split("\\s+"))));
  }

  /** set -e / set -o errexit turn errexit on, set +e off (other options leave it). */
  private static boolean errexit(boolean on, List<String> words) {
    for (int k = 1; k < words.size(); k++) {
      String w = words.get(k);
      if (w.equals("-o") && k + 1 < words.size() && words.get(k + 1).equals("errexit")) {
        on = true;
      } else if (w.equals("+o") && k + 1 < words.size() && words.get(k + 1).equals("errexit")) {
        on = false;
      } else if (w.startsWith("-") && w.indexOf('e') > 0) {
        on = true;
      } else if (w.startsWith("+") && w.indexOf('e') > 0) {
        on = false;
      }
    }
    return on;
  }

  /** summarizeHeredoc: the body's first line, with "..." when it has more. */
  static String summary(String doc) {
    String[] lines = doc.strip().replace("\r\n", "\n").split("\n", -1);
    return lines[0] + (lines.length > 1 ? "..." : "");
  }

  /** The step's lower layers, with /dev/pipes/NAME (0755) when a here-document runs as a file. */
  private static List<Layer> lowers(StageState st, Heredoc script) {
    if (script == null) {
      return st.fsLayers();
    }
    List<Layer> out = new ArrayList<>(st.fsLayers());
    Map<String, Entry> pipes = new TreeMap<>();
    pipes.put("/dev", Entry.dir(0755, 0));
    pipes.put("/dev/pipes", Entry.dir(0755, 0));
    pipes.put(
        "/dev/pipes/" + script.name(),
        Entry.file(0755, Content.of(script.data().getBytes(StandardCharsets.UTF_8)), null, 0));
    out.add(Layer.of(pipes));
    return out;
  }

  private static String archName(Platform p) {
    return switch (p.architecture()) {
      case "amd64" -> "x86_64";
      case "arm64" -> "aarch64";
      case "arm" -> "armv7";
      default -> p.architecture();
    };
  }

  /** Runs argv in the step's container (the image's real shell); its exit status, or -1. */
  private int shell(
      UnionFs fs,
      List<String> argv,
      Map<String, String> env,
      String cwd,
      String user,
      List<String> out) {
    Kernel kernel = s.b.kernel();
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
        kernel.newContext("buildkit-" + s.buildId, fs, "buildkitsandbox", pidNs, netNs, ns);
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
    s.b.clock().advanceUntil(() -> exit[0] != Integer.MIN_VALUE, Duration.ofMinutes(10));
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
}
