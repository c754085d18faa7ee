package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.ProgramRegistry;
import java.util.Set;

/**
 * Registers the shells and command-line tools into a node's {@link ProgramRegistry}: "bash",
 * "dash", "sh" and "ash" (busybox's shell, reached through the busybox multi-call binary), and one
 * program per {@link Tools} entry ("ls", "cat", "ps" …) serving both GNU files named after
 * themselves and busybox applets. Which of them a container can run is decided by its image's
 * files, not here.
 */
public final class ShellPrograms {
  /** Names other subsystems register themselves (sleep, true, false). */
  /**
   * Tools that are not container programs: sleep, true and false have their own; the host's network
   * views (iptables, ss, bridge …) read the host's namespace. {@code ip} is one: it reads the
   * namespace it runs in, the container's inside one (iproute2's text, or busybox's).
   */
  private static final Set<String> NOT_OURS =
      Set.of("sleep", "true", "false", "bridge", "brctl", "iptables", "ss", "tcpdump");

  /** Programs registered here that never read their standard input. */
  private static final Set<String> NO_STDIN =
      Set.of(
          "ping",
          "nslookup",
          "dig",
          "host",
          "ifconfig",
          "route",
          "netstat",
          "ss",
          "df",
          "mount",
          "umount",
          "which",
          "stty",
          "echo",
          "pwd",
          "addgroup",
          "useradd",
          "groupadd",
          "usermod",
          "sleep",
          "true",
          "false");

  private ShellPrograms() {}

  /**
   * Whether the program {@code argv} starts reads its standard input, so a shell feeds it what is
   * left of a redirected file or pipe ({@code while read l; do ls "$l"; done < list} leaves the
   * list to {@code read}; {@code cat} inside the loop reads the rest). A tool says so itself; an
   * unknown program (a shell) is taken to read it.
   */
  static boolean readsStdin(java.util.List<String> argv) {
    String name = dev.ddlab.fs.Paths.name(argv.get(0));
    if (name.equals("env")) { // it becomes its PROG, which reads what PROG reads
      var prog = EnvCommand.parse(argv.subList(1, argv.size()), java.util.Map.of(), true).prog();
      return prog != null && !prog.isEmpty() && readsStdin(prog);
    }
    if (NO_STDIN.contains(name)) {
      return false;
    }
    Tool tool = NOT_OURS.contains(name) ? null : Tools.get(name);
    return tool == null || tool.readsStdin(argv.subList(1, argv.size()));
  }

  public static ProgramRegistry install(ProgramRegistry registry) {
    registry.register("bash", () -> new ShellProgram(Dialect.BASH));
    registry.register("sh", () -> new ShellProgram(Dialect.ASH));
    registry.register("ash", () -> new ShellProgram(Dialect.ASH));
    registry.register("dash", () -> new ShellProgram(Dialect.DASH));
    for (var e : Tools.all().entrySet()) {
      if (!NOT_OURS.contains(e.getKey())) {
        Tool tool = e.getValue();
        registry.register(e.getKey(), () -> new ToolProgram(tool));
      }
    }
    registry.register("xargs", XargsProgram::new);
    registry.register("ping", PingProgram::new);
    registry.register("nslookup", NslookupProgram::new);
    registry.register("dig", DigProgram::new);
    registry.register("host", HostLookupProgram::new);
    // net-tools and busybox's applets over the container's namespace (not host tools: the lab's
    // Ubuntu host has no net-tools)
    registry.register("ifconfig", () -> new ToolProgram(IfTools::ifconfig));
    registry.register("route", () -> new ToolProgram((c, a) -> IfTools.routes(c, a, false)));
    registry.register("netstat", () -> new ToolProgram(NetstatTool::netstat));
    registry.register("nc", () -> new ToolProgram(new NcTool()));
    // the container's mount table (not host tools: the lab's host keeps its own)
    registry.register("df", () -> new ToolProgram(MountTools::df));
    registry.register("mount", () -> new ToolProgram(MountTools::mount));
    registry.register("umount", () -> new ToolProgram(MountTools::umount));
    registry.register("which", () -> new ToolProgram(PathTools::which));
    registry.register("stty", () -> new ToolProgram(ContainerStty::stty));
    registry.register("ss", () -> new ToolProgram(NetstatTool::ss));
    // the images' own account programs (busybox's applets, shadow-utils' in Debian and Ubuntu)
    registry.register("adduser", () -> new ToolProgram(BusyboxAccounts::adduser));
    registry.register("addgroup", () -> new ToolProgram(BusyboxAccounts::addgroup));
    registry.register("useradd", () -> new ToolProgram(ShadowAccounts::useradd));
    registry.register("groupadd", () -> new ToolProgram(ShadowAccounts::groupadd));
    registry.register(
        "usermod",
        () -> new ToolProgram((c, a) -> UsermodCommand.run(a, c.io(), c.fs(), c.uid() == 0)));
    registry.register("echo", () -> new ToolProgram((c, a) -> Builtins.echo(a, c.io())));
    registry.register(
        "pwd",
        () ->
            new ToolProgram(
                (c, a) -> {
                  c.io().println(c.cwd());
                  return 0;
                }));
    return registry;
  }
}
