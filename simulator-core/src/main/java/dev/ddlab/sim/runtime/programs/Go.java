package dev.ddlab.sim.runtime.programs;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The go command of the golang images, as far as the course uses it: {@code go version}, which
 * prints the release from $GOROOT/VERSION and the GOOS/GOARCH the toolchain was built for, named by
 * its $GOROOT/pkg/tool/GOOS_GOARCH directory. Other subcommands are not simulated.
 */
public final class Go implements Program {
  @Override
  public void start(Proc proc) {
    List<String> argv = proc.argv();
    if (argv.size() != 2 || !argv.get(1).equals("version")) {
      String sub = argv.size() < 2 ? "" : " " + argv.get(1);
      proc.err("go: 'go" + sub + "' is not simulated by ddlab\n");
      proc.exit(126);
      return;
    }
    String goroot = proc.env().getOrDefault("GOROOT", "/usr/local/go");
    FileSystem fs = proc.fs();
    try {
      String release =
          new String(fs.read(goroot + "/VERSION"), StandardCharsets.UTF_8)
              .lines()
              .findFirst()
              .orElse("");
      String target =
          fs.list(goroot + "/pkg/tool").stream()
              .filter(n -> n.contains("_"))
              .findFirst()
              .orElse("");
      proc.out("go version " + release + " " + target.replace('_', '/') + "\n");
      proc.exit(0);
    } catch (FsException e) {
      proc.err("go: cannot find GOROOT directory: " + goroot + "\n");
      proc.exit(2);
    }
  }
}
