package dev.ddlab.sim.runtime.programs;

import dev.ddlab.fs.FsException;
import dev.ddlab.sim.runtime.Executables;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.util.ArrayList;
import java.util.List;

/**
 * The official images' docker-entrypoint.sh: when the first argument is an option it prepends the
 * image's server (nginx, redis-server, mongod, node), runs nginx's /docker-entrypoint.d scripts
 * (printing what they print), then {@code exec "$@"}, so the server becomes PID 1.
 */
public final class DockerEntrypoint implements Program {
  private static final List<String> SERVERS = List.of("nginx", "redis-server", "mongod", "node");

  @Override
  public void start(Proc proc) {
    List<String> argv = proc.argv();
    // argv: [interpreter?, script, args...]; the script path is the first element naming it.
    int first = 0;
    while (first < argv.size() && !argv.get(first).contains("docker-entrypoint")) {
      first++;
    }
    String script = first < argv.size() ? argv.get(first) : argv.get(0);
    List<String> args =
        new ArrayList<>(argv.subList(Math.min(first + 1, argv.size()), argv.size()));
    if (args.isEmpty() || args.get(0).startsWith("-")) {
      for (String s : SERVERS) {
        if (Executables.lookPath(proc.fs(), s, proc.env().get("PATH")) != null) {
          args.add(0, s);
          break;
        }
      }
    }
    if (args.isEmpty()) {
      proc.exit(0);
      return;
    }
    if (args.get(0).equals("nginx") || args.get(0).equals("nginx-debug")) {
      nginxConfiguration(proc, script);
    }
    if (!proc.exec(args)) {
      proc.err(script + ": exec: line 11: " + args.get(0) + ": not found\n");
      proc.exit(127);
    }
  }

  private static void nginxConfiguration(Proc proc, String script) {
    String dir = "/docker-entrypoint.d";
    List<String> entries;
    try {
      entries = proc.fs().isDirectory(dir) ? proc.fs().list(dir) : List.of();
    } catch (FsException e) {
      entries = List.of();
    }
    if (entries.isEmpty()) {
      proc.out(script + ": No files found in " + dir + "/, skipping configuration\n");
      return;
    }
    proc.out(script + ": " + dir + "/ is not empty, will attempt to perform configuration\n");
    proc.out(script + ": Looking for shell scripts in " + dir + "/\n");
    for (String name : entries) {
      String path = dir + "/" + name;
      if (name.endsWith(".envsh")) {
        proc.out(script + ": Sourcing " + path + "\n");
      } else if (name.endsWith(".sh")) {
        proc.out(script + ": Launching " + path + "\n");
        if (name.startsWith("10-listen-on-ipv6")) {
          proc.out(name + ": info: Getting the checksum of /etc/nginx/conf.d/default.conf\n");
          proc.out(name + ": info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n");
        }
      } else {
        proc.out(script + ": Ignoring " + path + "\n");
      }
    }
    proc.out(script + ": Configuration complete; ready for start up\n");
  }
}
