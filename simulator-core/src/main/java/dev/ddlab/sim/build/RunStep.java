package dev.ddlab.sim.build;

import static dev.ddlab.sim.build.BuildState.MS;

import dev.ddlab.dockerfile.Instruction;
import dev.ddlab.fs.Paths;
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
    List<String> argv = r.json() ? r.command() : st.commandLine(r.command(), false);
    Map<String, String> env = st.env();
    String cwd = st.workdir();
    String createdBy = "RUN " + String.join(" ", argv) + " # buildkit";
    return new FileStep(
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
          UnionFs fs = new UnionFs(st.fsLayers(), 0, s.b.clock()::nowNanos);
          PackageCatalogue packages =
              new PackageCatalogue(fs, s.b.declared(), v.started, archName(st.platform));
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
                    ? "process \"" + String.join(" ", argv) + "\" " + how
                    : "The command '"
                        + String.join(" ", argv)
                        + "' returned a non-zero code: "
                        + Math.max(exit, 1);
            throw new BuildFailure(message, r.node().startLine(), r.node().endLine());
          }
          return new FileStep.Work(s.b.layer(fs.upperLayer()), nanos);
        });
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
