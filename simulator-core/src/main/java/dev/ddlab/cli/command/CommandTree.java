package dev.ddlab.cli.command;

import dev.ddlab.cli.CliPlugin;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.ImageSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The docker command tree as docker/cli's {@code commands.AddCommands} builds it: top-level
 * commands (with the legacy aliases such as {@code ps}, {@code rmi}) and management commands with
 * their subcommands and aliases, then the client plugins ({@link CliPlugin}, found with {@link
 * ServiceLoader}: {@code compose}, {@code buildx}), each a management command of its own, as
 * docker/cli's {@code pluginmanager} adds them. One tree serves every CLI; it is built once.
 */
public final class CommandTree {
  /** A management command ("container", "image", …, or a plugin's "compose"). */
  public record Group(
      String name,
      String summary,
      Map<String, Supplier<DockerCommand>> children,
      List<String> listed,
      CliPlugin plugin) {

    /** Adds a subcommand with its aliases. */
    public Group sub(String name, Supplier<DockerCommand> f, String... aliases) {
      children.put(name, f);
      listed.add(name);
      for (String a : aliases) {
        children.put(a, f);
      }
      return this;
    }

    /** Whether this group comes from a client plugin (docker's help marks it with {@code *}). */
    public boolean isPlugin() {
      return plugin != null;
    }
  }

  /** The root help's common commands, in docker's order. */
  static final List<String> COMMON =
      List.of(
          "run", "exec", "ps", "build", "pull", "push", "images", "login", "logout", "search",
          "version", "info");

  /**
   * Docker 24's commands ddlab does not simulate yet ("name" or "group sub"): they answer that they
   * exist but are not simulated, not docker's typo message. A name the tree has wins.
   */
  private static final Set<String> NOT_SIMULATED =
      Set.of(
          "export",
          "import",
          "checkpoint",
          "context",
          "plugin",
          "trust",
          "container export",
          "image import",
          "volume update",
          "manifest annotate",
          "manifest create",
          "manifest push",
          "manifest rm");

  private static volatile CommandTree standard;

  private final Map<String, Supplier<DockerCommand>> top = new LinkedHashMap<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final List<CliPlugin> plugins = new ArrayList<>();

  private CommandTree() {}

  /** Docker's own commands and every plugin on the class path. */
  public static CommandTree standard() {
    CommandTree t = standard;
    if (t == null) {
      synchronized (CommandTree.class) {
        t = standard;
        if (t == null) {
          t = builtins();
          for (CliPlugin p :
              ServiceLoader.load(CliPlugin.class, CommandTree.class.getClassLoader())) {
            t.add(p);
          }
          standard = t;
        }
      }
    }
    return t;
  }

  /** Adds a top-level command (a plugin may add one, as buildx's {@code docker build} alias). */
  public void top(String name, Supplier<DockerCommand> f) {
    top.put(name, f);
  }

  /** Adds a management command; add its subcommands with {@link Group#sub}. */
  public Group group(String name, String summary) {
    return group(name, summary, null);
  }

  private Group group(String name, String summary, CliPlugin plugin) {
    Group g = new Group(name, summary, new LinkedHashMap<>(), new ArrayList<>(), plugin);
    groups.put(name, g);
    return g;
  }

  private void add(CliPlugin p) {
    plugins.add(p);
    p.register(this, group(p.name(), p.shortDescription(), p));
  }

  Supplier<DockerCommand> top(String name) {
    return top.get(name);
  }

  Map<String, Supplier<DockerCommand>> topLevel() {
    return Collections.unmodifiableMap(top);
  }

  Group group(String name) {
    return groups.get(name);
  }

  /**
   * Whether {@code path} ("stats", "image push") is a Docker command this tree does not have: a
   * command of Docker that ddlab does not simulate, as opposed to a typo.
   */
  boolean notSimulated(String path) {
    String[] words = path.split(" ", 2);
    boolean present =
        words.length == 1
            ? top.containsKey(path) || groups.containsKey(path)
            : groups.containsKey(words[0]) && groups.get(words[0]).children().containsKey(words[1]);
    return !present && NOT_SIMULATED.contains(path);
  }

  Iterable<Group> groups() {
    return groups.values();
  }

  /** The plugins in this tree, in the order they were found. */
  public List<CliPlugin> plugins() {
    return List.copyOf(plugins);
  }

  private static CommandTree builtins() {
    CommandTree t = new CommandTree();
    t.top("run", RunCommand::new);
    t.top("build", BuildCommands.Build::new);
    t.top("exec", ExecCommand::new);
    t.top("ps", ContainerCommands.Ps::new);
    t.top("pull", ImageCommands.Pull::new);
    t.top("push", RegistryCommands.Push::new);
    t.top("login", RegistryCommands.Login::new);
    t.top("logout", RegistryCommands.Logout::new);
    t.top("images", ImageCommands.Images::new);
    t.top("search", ImageCommands.Search::new);
    t.top("version", SystemCommands.Version::new);
    t.top("info", SystemCommands.Info::new);
    t.top("attach", AttachCommands.Attach::new);
    t.top("commit", ContainerCommands.Commit::new);
    t.top("cp", ContainerCommands.Cp::new);
    t.top("create", CreateCommand::new);
    t.top("diff", ContainerCommands.Diff::new);
    t.top("events", SystemCommands.Events::new);
    t.top("history", ImageCommands.History::new);
    t.top("inspect", InspectCommand::new);
    t.top("kill", ContainerCommands.Kill::new);
    t.top("load", ImageCommands.Load::new);
    t.top("logs", ContainerCommands.Logs::new);
    t.top("pause", ContainerCommands.Pause::new);
    t.top("port", ContainerCommands.PortCmd::new);
    t.top("rename", ContainerCommands.Rename::new);
    t.top("restart", ContainerCommands.Restart::new);
    t.top("rm", ContainerCommands.Rm::new);
    t.top("rmi", ImageCommands.Rmi::new);
    t.top("save", ImageCommands.Save::new);
    t.top("start", AttachCommands.Start::new);
    t.top("stats", StatsCommand::new);
    t.top("stop", ContainerCommands.Stop::new);
    t.top("tag", ImageCommands.Tag::new);
    t.top("top", ContainerCommands.Top::new);
    t.top("unpause", ContainerCommands.Unpause::new);
    t.top("update", ContainerCommands.Update::new);
    t.top("wait", ContainerCommands.Wait::new);

    Group bd = t.group("builder", "Manage builds");
    bd.sub("build", BuildCommands.Build::new);
    bd.sub("prune", BuildCommands.Prune::new);

    Group cf = t.group("config", "Manage Swarm configs");
    cf.sub("create", SecretCommands.ConfigCreate::new);
    cf.sub("inspect", SecretCommands.ConfigInspect::new);
    cf.sub("ls", SecretCommands.ConfigLs::new, "list");
    cf.sub("rm", SecretCommands.ConfigRm::new, "remove");

    Group c = t.group("container", "Manage containers");
    c.sub("attach", AttachCommands.Attach::new);
    c.sub("commit", ContainerCommands.Commit::new);
    c.sub("cp", ContainerCommands.Cp::new);
    c.sub("create", CreateCommand::new);
    c.sub("diff", ContainerCommands.Diff::new);
    c.sub("exec", ExecCommand::new);
    c.sub("inspect", ContainerCommands.Inspect::new);
    c.sub("kill", ContainerCommands.Kill::new);
    c.sub("logs", ContainerCommands.Logs::new);
    c.sub("ls", ContainerCommands.Ps::new, "list", "ps");
    c.sub("pause", ContainerCommands.Pause::new);
    c.sub("port", ContainerCommands.PortCmd::new);
    c.sub("prune", ContainerCommands.Prune::new);
    c.sub("rename", ContainerCommands.Rename::new);
    c.sub("restart", ContainerCommands.Restart::new);
    c.sub("rm", ContainerCommands.Rm::new, "remove");
    c.sub("run", RunCommand::new);
    c.sub("start", AttachCommands.Start::new);
    c.sub("stats", StatsCommand::new);
    c.sub("stop", ContainerCommands.Stop::new);
    c.sub("top", ContainerCommands.Top::new);
    c.sub("unpause", ContainerCommands.Unpause::new);
    c.sub("update", ContainerCommands.Update::new);
    c.sub("wait", ContainerCommands.Wait::new);

    Group i = t.group("image", "Manage images");
    i.sub("build", BuildCommands.Build::new);
    i.sub("history", ImageCommands.History::new);
    i.sub("inspect", ImageCommands.Inspect::new);
    i.sub("load", ImageCommands.Load::new);
    i.sub("ls", ImageCommands.Images::new, "list");
    i.sub("prune", ImageCommands.Prune::new);
    i.sub("pull", ImageCommands.Pull::new);
    i.sub("push", RegistryCommands.Push::new);
    i.sub("rm", ImageCommands.Rmi::new, "remove");
    i.sub("save", ImageCommands.Save::new);
    i.sub("tag", ImageCommands.Tag::new);

    Group m = t.group("manifest", "Manage Docker image manifests and manifest lists");
    m.sub("inspect", ImageCommands.ManifestInspect::new);

    Group n = t.group("network", "Manage networks");
    n.sub("connect", NetworkCommands.Connect::new);
    n.sub("create", NetworkCommands.Create::new);
    n.sub("disconnect", NetworkCommands.Disconnect::new);
    n.sub("inspect", NetworkCommands.Inspect::new);
    n.sub("ls", NetworkCommands.Ls::new, "list");
    n.sub("prune", NetworkCommands.Prune::new);
    n.sub("rm", NetworkCommands.Rm::new, "remove");

    Group nd = t.group("node", "Manage Swarm nodes");
    nd.sub("demote", NodeCommands.Demote::new);
    nd.sub("inspect", NodeCommands.Inspect::new);
    nd.sub("ls", NodeCommands.Ls::new, "list");
    nd.sub("promote", NodeCommands.Promote::new);
    nd.sub("ps", NodeCommands.Ps::new);
    nd.sub("rm", NodeCommands.Rm::new, "remove");
    nd.sub("update", NodeCommands.Update::new);

    Group se = t.group("secret", "Manage Swarm secrets");
    se.sub("create", SecretCommands.SecretCreate::new);
    se.sub("inspect", SecretCommands.SecretInspect::new);
    se.sub("ls", SecretCommands.SecretLs::new, "list");
    se.sub("rm", SecretCommands.SecretRm::new, "remove");

    Group sv = t.group("service", "Manage Swarm services");
    sv.sub("create", ServiceCommands.Create::new);
    sv.sub("inspect", ServiceCommands.Inspect::new);
    sv.sub("logs", ServiceCommands.Logs::new);
    sv.sub("ls", ServiceCommands.Ls::new, "list");
    sv.sub("ps", ServiceCommands.Ps::new);
    sv.sub("rm", ServiceCommands.Rm::new, "remove");
    sv.sub("rollback", ServiceCommands.Rollback::new);
    sv.sub("scale", ServiceCommands.Scale::new);
    sv.sub("update", ServiceCommands.Update::new);

    Group st = t.group("stack", "Manage Swarm stacks");
    st.sub("deploy", StackCommands.Deploy::new, "up");
    st.sub("ls", StackCommands.Ls::new, "list");
    st.sub("ps", StackCommands.Ps::new);
    st.sub("rm", StackCommands.Rm::new, "remove", "down");
    st.sub("services", StackCommands.Services::new);

    Group sw = t.group("swarm", "Manage Swarm");
    sw.sub("ca", SwarmCommands.Ca::new);
    sw.sub("init", SwarmCommands.Init::new);
    sw.sub("join", SwarmCommands.Join::new);
    sw.sub("join-token", SwarmCommands.JoinToken::new);
    sw.sub("leave", SwarmCommands.Leave::new);
    sw.sub("unlock", SwarmCommands.Unlock::new);
    sw.sub("unlock-key", SwarmCommands.UnlockKey::new);
    sw.sub("update", SwarmCommands.Update::new);

    Group s = t.group("system", "Manage Docker");
    s.sub("df", SystemCommands.Df::new);
    s.sub("events", SystemCommands.Events::new);
    s.sub("info", SystemCommands.Info::new);
    s.sub("prune", SystemCommands.Prune::new);

    Group v = t.group("volume", "Manage volumes");
    v.sub("create", VolumeCommands.Create::new);
    v.sub("inspect", VolumeCommands.Inspect::new);
    v.sub("ls", VolumeCommands.Ls::new, "list");
    v.sub("prune", VolumeCommands.Prune::new);
    v.sub("rm", VolumeCommands.Rm::new, "remove");
    return t;
  }

  static Docker meta(DockerCommand cmd) {
    return cmd.getClass().getAnnotation(Docker.class);
  }

  /** Completion: commands, subcommands, flags, then container/image names. */
  public List<String> complete(Engine engine, List<String> words) {
    String current = words.isEmpty() ? "" : words.get(words.size() - 1);
    List<String> before = words.isEmpty() ? List.of() : words.subList(0, words.size() - 1);
    TreeSet<String> out = new TreeSet<>();
    if (before.isEmpty()) {
      out.addAll(top.keySet());
      out.addAll(groups.keySet());
    } else {
      Supplier<DockerCommand> f = top.get(before.get(0));
      Group g = groups.get(before.get(0));
      if (g != null && before.size() == 1) {
        out.addAll(g.listed());
      } else {
        if (g != null) {
          f = g.children().get(before.get(1));
        }
        if (f != null) {
          DockerCommand cmd = f.get();
          if (current.startsWith("-")) {
            for (OptionSpec o : new CommandLine(cmd).getCommandSpec().options()) {
              for (String name : o.names()) {
                out.add(name);
              }
            }
          } else {
            out.addAll(objectNames(engine, cmd));
          }
        }
      }
    }
    List<String> result = new ArrayList<>();
    for (String s : out) {
      if (s.startsWith(current)) {
        result.add(s);
      }
    }
    return result;
  }

  private static List<String> objectNames(Engine engine, DockerCommand cmd) {
    List<String> names = new ArrayList<>();
    try {
      boolean images =
          cmd instanceof ImageCommands.ImageArgs
              || cmd instanceof RunCommand
              || cmd instanceof CreateCommand;
      if (images) {
        for (ImageSummary i : engine.images().list(false, Map.of())) {
          if (i.repoTags() != null) {
            for (String t : i.repoTags()) {
              if (!t.startsWith("<none>")) {
                names.add(t.endsWith(":latest") ? t.substring(0, t.length() - 7) : t);
                names.add(t);
              }
            }
          }
        }
      } else {
        for (ContainerSummary c : engine.containers().list(true, 0, false, Map.of())) {
          for (String n : c.names()) {
            names.add(n.startsWith("/") ? n.substring(1) : n);
          }
        }
      }
    } catch (EngineException e) {
      // no completion from a daemon that does not answer
    }
    return names;
  }
}
