package dev.ddlab.sim.runtime.programs;

import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.util.List;

/**
 * git-sync v3: needs {@code --repo} (or GIT_SYNC_REPO); the simulated world has no internet, so a
 * clone fails the way it does on an offline host and the process exits 1.
 */
public final class GitSync implements Program {
  @Override
  public void start(Proc proc) {
    String repo = proc.env().get("GIT_SYNC_REPO");
    List<String> a = proc.argv();
    for (int i = 1; i < a.size(); i++) {
      String arg = a.get(i);
      if (arg.startsWith("--repo=")) {
        repo = arg.substring("--repo=".length());
      } else if (arg.equals("--repo") && i + 1 < a.size()) {
        repo = a.get(++i);
      }
    }
    if (repo == null || repo.isEmpty()) {
      proc.err("ERROR: --repo must be specified\n");
      proc.exit(1);
      return;
    }
    String host = repo.replaceFirst("^[a-z]+://", "").replaceFirst("[/:].*$", "");
    proc.err(
        "E"
            + java.time.format.DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS")
                .format(Web.utc(proc.clock().nowNanos()))
            + "       "
            + proc.pid()
            + " main.go:455] \"msg\"=\"failed to sync repo, aborting\""
            + " \"error\"=\"Run(git clone --no-checkout -b master --depth 1 "
            + repo
            + " /tmp/git): exit status 128: { stdout: \\\"\\\", stderr: \\\"Cloning into"
            + " '/tmp/git'...\\\\nfatal: unable to access '"
            + repo
            + "/': Could not resolve host: "
            + host
            + "\\\\n\\\" }\"\n");
    proc.exit(1);
  }
}
