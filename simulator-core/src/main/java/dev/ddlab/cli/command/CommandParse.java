package dev.ddlab.cli.command;

import dev.ddlab.cli.DockerSyntax;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Model.OptionSpec;

/** The parser behind {@link DockerSyntax}: steps 1–3 of a command line, without running it. */
public final class CommandParse {
  private CommandParse() {}

  /** Parses the words after {@code docker}; empty when docker would reject them. */
  public static Optional<DockerSyntax.Parsed> parse(List<String> argv) {
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
    List<String> tail;
    CommandTree tree = CommandTree.standard();
    CommandTree.Group group = tree.group(name);
    if (group != null) {
      List<String> sub = argv.subList(i + 1, argv.size());
      if (group.isPlugin()) {
        // compose's persistent flags may stand before its subcommand, as the CLI reads them
        sub = Dispatcher.hoistPluginFlags(group, sub);
      }
      if (sub.isEmpty()) {
        return Optional.empty();
      }
      factory = group.children().get(sub.get(0));
      tail = sub.subList(1, sub.size());
    } else {
      factory = tree.top(name);
      tail = argv.subList(i + 1, argv.size());
    }
    if (factory == null) {
      return Optional.empty();
    }
    CommandPool.Prepared prepared = CommandPool.prepare(factory);
    DockerCommand cmd = prepared.commandLine().getCommand();
    Docker meta = prepared.meta();
    FlagScanner.Scanned scanned;
    try {
      scanned = prepared.scanner().scan(tail);
    } catch (CliException e) {
      return Optional.empty();
    }
    Map<String, OptionSpec> byName = prepared.scanner().byName;
    Map<String, List<String>> options = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    boolean positional = false;
    for (String a : scanned.args()) {
      // the scanner writes each option as its canonical name, which for a short-only option
      // (compose's hidden -f and -p after the subcommand) is the short one
      if (!positional && a.startsWith("-") && a.length() > 1 && !a.equals("--")) {
        int eq = a.indexOf('=');
        String flag = eq < 0 ? a : a.substring(0, eq);
        String value = eq < 0 ? "true" : a.substring(eq + 1);
        OptionSpec o = byName.get(flag);
        if (o == null) {
          return Optional.empty();
        }
        if (value.equals("false") && FlagScanner.isBoolean(o)) {
          continue; // --rm=false: the flag as not given, as lab checks read it
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
    return Optional.of(
        new DockerSyntax.Parsed(canonicalPath(name, group, cmd), options, positionals));
  }

  private static List<String> canonicalPath(
      String name, CommandTree.Group group, DockerCommand cmd) {
    Class<?> type = cmd.getClass();
    for (CommandTree.Group g : CommandTree.standard().groups()) {
      for (String sub : g.listed()) {
        if (g.children().get(sub).get().getClass() == type) {
          return List.of(g.name(), sub);
        }
      }
    }
    return List.of(name);
  }
}
