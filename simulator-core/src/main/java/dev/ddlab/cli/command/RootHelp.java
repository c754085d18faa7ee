package dev.ddlab.cli.command;

import dev.ddlab.cli.CliPlugin;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The usage pages of {@code docker} and of its management commands, in docker/cli's layout. */
final class RootHelp {
  private RootHelp() {}

  private static String rpad(String s, int n) {
    return s.length() >= n ? s + " " : s + " ".repeat(n - s.length());
  }

  private static String summary(Supplier<DockerCommand> f) {
    return CommandTree.meta(f.get()).summary();
  }

  static String text() {
    StringBuilder sb = new StringBuilder();
    sb.append("\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n");
    sb.append("\nCommon Commands:\n");
    CommandTree tree = CommandTree.standard();
    for (String name : CommandTree.COMMON) {
      Supplier<DockerCommand> f = tree.top(name);
      if (f != null) {
        sb.append("  ").append(rpad(name, 12)).append(summary(f)).append('\n');
      }
    }
    sb.append("\nManagement Commands:\n");
    for (CommandTree.Group g : tree.groups()) {
      if (g.isPlugin()) {
        CliPlugin p = g.plugin();
        String line = p.shortDescription() + " (" + p.vendor() + ", " + p.version() + ")";
        sb.append("  ").append(rpad(g.name() + "*", 12)).append(line).append('\n');
      } else {
        sb.append("  ").append(rpad(g.name(), 12)).append(g.summary()).append('\n');
      }
    }
    sb.append("\nCommands:\n");
    Map<String, Supplier<DockerCommand>> rest = new TreeMap<>(tree.topLevel());
    for (String name : CommandTree.COMMON) {
      rest.remove(name);
    }
    rest.forEach(
        (name, f) -> sb.append("  ").append(rpad(name, 12)).append(summary(f)).append('\n'));
    sb.append("\nGlobal Options:\n");
    sb.append(
        "      --config string      Location of client config files (default \"/root/.docker\")\n");
    sb.append("  -c, --context string     Name of the context to use to connect to the daemon\n");
    sb.append("  -D, --debug              Enable debug mode\n");
    sb.append("  -H, --host list          Daemon socket to connect to\n");
    sb.append(
        "  -l, --log-level string   Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\") (default \"info\")\n");
    sb.append("  -v, --version            Print version information and quit\n");
    sb.append("\nRun 'docker COMMAND --help' for more information on a command.\n");
    sb.append("\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\n");
    return sb.toString();
  }

  static String groupUsage(CommandTree.Group g) {
    StringBuilder sb = new StringBuilder();
    sb.append("\nUsage:  docker ")
        .append(g.name())
        .append(" COMMAND\n\n")
        .append(g.summary())
        .append('\n');
    sb.append("\nCommands:\n");
    List<String> names = g.listed();
    for (String name : names) {
      sb.append("  ").append(rpad(name, 12)).append(summary(g.children().get(name))).append('\n');
    }
    sb.append("\nRun 'docker ")
        .append(g.name())
        .append(" COMMAND --help' for more information on a command.\n");
    return sb.toString();
  }
}
