package dev.ddlab.sim.shell;

import dev.ddlab.client.CliResult;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.MemoryFs;
import dev.ddlab.sim.clock.VirtualClock;
import java.util.ArrayList;
import java.util.List;

/** A host node for shell tests: an in-memory filesystem and a scripted docker command. */
final class TestHost implements HostShell.Node {
  final VirtualClock clock = new VirtualClock();
  final MemoryFs fs = new MemoryFs(clock::nowNanos);
  final List<List<String>> dockerCalls = new ArrayList<>();
  HostShell.DockerCommand docker;
  boolean daemonActive = true;
  int nextPid = 2000;
  final HostShell shell;

  TestHost() {
    fs.mkdir("/home/ubuntu", true);
    fs.mkdir("/tmp", true);
    fs.mkdir("/etc", true);
    fs.write(
        "/etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\nubuntu:x:1000:1000::/home/ubuntu:/bin/bash\n".getBytes(),
        false);
    fs.write(
        "/etc/group",
        "root:x:0:\nsudo:x:27:ubuntu\nubuntu:x:1000:\ndocker:x:999:ubuntu\n".getBytes(),
        false);
    shell = new HostShell(this);
  }

  @Override
  public String hostname() {
    return "node1";
  }

  @Override
  public FileSystem fs() {
    return fs;
  }

  @Override
  public VirtualClock clock() {
    return clock;
  }

  @Override
  public int allocatePid() {
    return nextPid++;
  }

  @Override
  public HostShell.DockerCommand docker() {
    if (docker == null) {
      return null;
    }
    return (args, io) -> {
      dockerCalls.add(args);
      return docker.run(args, io);
    };
  }

  @Override
  public HostDaemon daemon() {
    return new HostDaemon() {
      @Override
      public boolean isActive() {
        return daemonActive;
      }

      @Override
      public void start() {
        daemonActive = true;
      }

      @Override
      public void stop() {
        daemonActive = false;
      }

      @Override
      public void restart() {
        daemonActive = true;
      }
    };
  }

  /** What one typed line printed and its status (null while it still runs). */
  record Result(String output, Integer status) {}

  Result type(String line) {
    StringBuilder out = new StringBuilder();
    Integer[] status = {null};
    shell.type(line, new Io(null, out::append, out::append), st -> status[0] = st);
    return new Result(out.toString(), status[0]);
  }

  /** Output of a line that must finish at once. */
  String run(String line) {
    Result r = type(line);
    if (r.status() == null) {
      throw new AssertionError("still running: " + line);
    }
    return r.output();
  }

  int status(String line) {
    Result r = type(line);
    return r.status();
  }

  static CliResult print(String text, int code, dev.ddlab.client.CommandIo io) {
    io.out(text);
    return CliResult.exit(code);
  }
}
