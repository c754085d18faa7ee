package dev.ddlab.cli.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads a docker command line with the CLI's own grammar without running it, for lab checks that
 * ask "was this command run with these flags": {@code docker run -d --name x} and {@code docker
 * container run --name=x -d} parse to the same command and options.
 */
public final class CommandParse {
  private CommandParse() {}

  /**
   * A parsed command.
   *
   * @param path the canonical command path: the management form when there is one (["container",
   *     "ls"] for {@code docker ps}), else the top-level name (["version"])
   * @param options each option given, under every one of its names ("-d" and "--detach"), with its
   *     values in order ("true" for a boolean flag)
   * @param positionals the positional arguments in order
   */
  public record Parsed(
      List<String> path, Map<String, List<String>> options, List<String> positionals) {}

  /** Parses the words after {@code docker}; empty when docker would reject them. */
  public static Optional<Parsed> parse(List<String> argv) {
    int i = 0;
    while (i < argv.size() && argv.get(i).startsWith("-")) {
      String a = argv.get(i);
      if (List.of("-H", "--host", "-c", "--context", "-l", "--log-level", "--config").contains(a)) {
        i += 2;
      } else {
        i++;
      }
    }
    if (i >= argv.size()) {
      return Optional.empty();
    }
    String name = argv.get(i);
    Supplier<DockerCommand> factory;
    int rest;
    CommandTree.Group group = CommandTree.GROUPS.get(name);
    if (group != null) {
      if (i + 1 >= argv.size()) {
        return Optional.empty();
      }
      factory = group.children().get(argv.get(i + 1));
      rest = i + 2;
    } else {
      factory = CommandTree.TOP.get(name);
      rest = i + 1;
    }
    if (factory == null) {
      return Optional.empty();
    }
    CommandPool.Prepared prepared = CommandPool.prepare(factory);
    DockerCommand cmd = prepared.commandLine().getCommand();
    Docker meta = prepared.meta();
    FlagScanner.Scanned scanned;
    try {
      scanned = prepared.scanner().scan(argv.subList(rest, argv.size()));
    } catch (CliException e) {
      return Optional.empty();
    }
    Map<String, OptionSpec> byName = prepared.scanner().byName;
    Map<String, List<String>> options = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    boolean positional = false;
    for (String a : scanned.args()) {
      if (!positional && a.startsWith("--") && a.length() > 2) {
        int eq = a.indexOf('=');
        String flag = eq < 0 ? a : a.substring(0, eq);
        String value = eq < 0 ? "true" : a.substring(eq + 1);
        OptionSpec o = byName.get(flag);
        if (o == null) {
          return Optional.empty();
        }
        for (String n : o.names()) {
          options.computeIfAbsent(n, k -> new ArrayList<>()).add(value);
        }
      } else {
        if (a.equals("--") && !positional) {
          positional = true;
          continue;
        }
        positionals.add(a);
        positional |= meta.stopAtPositional();
      }
    }
    return Optional.of(new Parsed(canonicalPath(name, group, cmd), options, positionals));
  }

  private static List<String> canonicalPath(
      String name, CommandTree.Group group, DockerCommand cmd) {
    Class<?> type = cmd.getClass();
    for (CommandTree.Group g : CommandTree.GROUPS.values()) {
      for (String sub : g.listed()) {
        if (g.children().get(sub).get().getClass() == type) {
          return List.of(g.name(), sub);
        }
      }
    }
    return List.of(name);
  }
}
