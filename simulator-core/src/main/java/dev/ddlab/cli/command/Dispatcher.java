package dev.ddlab.cli.command;

import dev.ddlab.cli.CliContext;
import dev.ddlab.client.CliResult;
import dev.ddlab.client.CommandIo;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * One invocation of the docker CLI: global flags, command lookup, pflag-style parsing, argument
 * rules, then the command; every failure becomes docker's text and exit status.
 */
public final class Dispatcher {
  static final String CLIENT_VERSION = "24.0.7";
  static final String CLIENT_COMMIT = "afdd53b";

  private final Engine engine;
  private final CliContext ctx;
  private final CommandIo io;
  private final CommandPool pool;

  public Dispatcher(Engine engine, CliContext ctx, CommandIo io, CommandPool pool) {
    this.engine = engine;
    this.ctx = ctx;
    this.io = io;
    this.pool = pool;
  }

  public CliResult run(List<String> argv) {
    try {
      return dispatch(argv);
    } catch (CliException e) {
      if (!e.getMessage().isEmpty()) {
        io.err(e.getMessage() + "\n");
      }
      return CliResult.exit(e.status());
    } catch (EngineException e) {
      io.err(DockerCommand.daemonError(e) + "\n");
      return CliResult.exit(1);
    }
  }

  private CliResult dispatch(List<String> argv) {
    int i = 0;
    // global flags before the command
    while (i < argv.size() && argv.get(i).startsWith("-")) {
      String a = argv.get(i);
      switch (a) {
        case "--help", "-h" -> {
          io.out(RootHelp.text());
          return CliResult.exit(0);
        }
        case "-v", "--version" -> {
          io.out("Docker version " + CLIENT_VERSION + ", build " + CLIENT_COMMIT + "\n");
          return CliResult.exit(0);
        }
        case "-D", "--debug", "--tls", "--tlsverify" -> i++;
        case "-H", "--host", "-c", "--context", "-l", "--log-level", "--config" -> {
          if (i + 1 >= argv.size()) {
            throw new CliException(
                "flag needs an argument: "
                    + (a.startsWith("--") ? a : "'" + a.charAt(1) + "' in " + a)
                    + "\nSee 'docker --help'.",
                125);
          }
          i += 2;
        }
        default -> {
          if (a.startsWith("--") && a.contains("=")) {
            i++;
            continue;
          }
          String msg =
              a.startsWith("--")
                  ? "unknown flag: " + a
                  : "unknown shorthand flag: '" + a.charAt(1) + "' in " + a;
          throw new CliException(msg + "\nSee 'docker --help'.", 125);
        }
      }
    }
    List<String> rest = argv.subList(i, argv.size());
    if (rest.isEmpty()) {
      io.err(RootHelp.text());
      return CliResult.exit(0);
    }
    String name = rest.get(0);
    if (name.equals("help")) {
      if (rest.size() > 1) {
        return dispatch(List.of(rest.get(1), "--help"));
      }
      io.out(RootHelp.text());
      return CliResult.exit(0);
    }
    CommandTree.Group group = CommandTree.standard().group(name);
    if (group != null) {
      return runGroup(group, rest.subList(1, rest.size()));
    }
    Supplier<DockerCommand> f = CommandTree.standard().top(name);
    if (f == null && CommandTree.standard().notSimulated(name)) {
      throw notSimulated(name);
    }
    if (f == null) {
      throw new CliException(
          "docker: '" + name + "' is not a docker command.\nSee 'docker --help'", 1);
    }
    return runLeaf(f, "docker " + name, rest.subList(1, rest.size()));
  }

  private CliResult runGroup(CommandTree.Group g, List<String> args) {
    String path = "docker " + g.name();
    if (args.isEmpty() || args.get(0).equals("--help")) {
      if (args.isEmpty()) {
        io.err(RootHelp.groupUsage(g));
      } else {
        io.out(RootHelp.groupUsage(g));
      }
      return CliResult.exit(0);
    }
    if (g.isPlugin() && args.get(0).startsWith("-") && !args.get(0).equals("-h")) {
      args = hoistPluginFlags(g, args);
    }
    String sub = args.get(0);
    Supplier<DockerCommand> f = g.children().get(sub);
    if (f == null) {
      if (sub.startsWith("-")) {
        String msg =
            sub.startsWith("--")
                ? "unknown flag: " + sub.split("=", 2)[0]
                : "unknown shorthand flag: '" + sub.charAt(1) + "' in " + sub;
        throw new CliException(
            msg + "\nSee '" + path + " --help'.\n" + RootHelp.groupUsage(g), 125);
      }
      if (CommandTree.standard().notSimulated(g.name() + " " + sub)) {
        throw notSimulated(g.name() + " " + sub);
      }
      throw new CliException(RootHelp.groupUsage(g).stripTrailing(), 1);
    }
    return runLeaf(f, path + " " + sub, args.subList(1, args.size()));
  }

  /** A Docker command ddlab does not simulate: said in Vietnamese, distinct from a typo (1). */
  private static CliException notSimulated(String path) {
    return new CliException(
        "ddlab: 'docker "
            + path
            + "' là lệnh có trong Docker nhưng chưa được mô phỏng trong phiên bản ddlab này."
            + "\nGõ 'docker --help' để xem các lệnh ddlab đang có.",
        1);
  }

  /**
   * A plugin's persistent flags before its subcommand ({@code compose -f x.yml -p demo up}) move
   * after the subcommand, where the subcommand's own parsing reads them.
   */
  static List<String> hoistPluginFlags(CommandTree.Group g, List<String> args) {
    List<String> flags = new java.util.ArrayList<>();
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("--help")) {
      String a = args.get(i);
      // before the subcommand a plugin's -x is its persistent flag (compose -f is --file)
      String longName = g.plugin().longName(a.split("=", 2)[0]);
      if (longName != null) {
        a = longName + a.substring(a.split("=", 2)[0].length());
      }
      flags.add(a);
      if (!a.contains("=") && g.plugin().flagsWithValue().contains(a) && i + 1 < args.size()) {
        flags.add(args.get(i + 1));
        i++;
      }
      i++;
    }
    if (i >= args.size()) {
      return args;
    }
    List<String> out = new java.util.ArrayList<>();
    out.add(args.get(i));
    out.addAll(flags);
    out.addAll(args.subList(i + 1, args.size()));
    return out;
  }

  private CliResult runLeaf(Supplier<DockerCommand> factory, String path, List<String> args) {
    CommandPool.Prepared prepared = pool.acquire(factory);
    DockerCommand cmd = prepared.commandLine().getCommand();
    try {
      return runLeaf(prepared, path, args);
    } finally {
      if (!cmd.awaitingAnswer()) { // else it goes on with the typed answer, then is dropped
        cmd.unbind();
        pool.release(factory, prepared);
      }
    }
  }

  private CliResult runLeaf(CommandPool.Prepared prepared, String path, List<String> args) {
    CommandLine cl = prepared.commandLine();
    DockerCommand cmd = cl.getCommand();
    Docker meta = prepared.meta();
    FlagScanner.Scanned scanned;
    try {
      scanned = prepared.scanner().scan(args);
    } catch (CliException e) {
      throw new CliException(e.getMessage() + "\nSee '" + path + " --help'.", e.status());
    }
    if (scanned.help()) {
      io.out(Help.usage(path, meta, cl.getCommandSpec()));
      return CliResult.exit(0);
    }
    List<String> positionals;
    try {
      positionals =
          Binder.bind(
              cl.getCommandSpec(), prepared.scanner(), scanned.args(), meta.stopAtPositional());
    } catch (CliException e) {
      throw new CliException(e.getMessage() + "\nSee '" + path + " --help'.", e.status());
    }
    int n = positionals.size();
    if (n < meta.minArgs() || (meta.maxArgs() >= 0 && n > meta.maxArgs())) {
      throw new CliException(Help.argsError(path, meta, n), 1);
    }
    cmd.bind(engine, ctx, io, path);
    int code;
    try {
      code = cmd.call();
    } catch (FlagError e) {
      throw new CliException(e.getMessage() + "\nSee '" + path + " --help'.", e.status());
    } catch (CliException | EngineException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CliException(e.getMessage() == null ? e.toString() : e.getMessage(), 1);
    } catch (Exception e) {
      throw new CliException(String.valueOf(e.getMessage()), 1);
    }
    CliResult attached = cmd.result();
    return attached != null ? attached : CliResult.exit(code);
  }
}
