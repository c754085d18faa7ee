package dev.ddlab.cli.command;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.ImageSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The docker command tree as docker/cli's {@code commands.AddCommands} builds it: top-level
 * commands (with the legacy aliases such as {@code ps}, {@code rmi}) and management commands with
 * their subcommands and aliases.
 */
public final class CommandTree {
  private CommandTree() {}

  /** A management command ("container", "image", …). */
  record Group(
      String name,
      String summary,
      Map<String, Supplier<DockerCommand>> children,
      List<String> listed) {}

  static final Map<String, Supplier<DockerCommand>> TOP = new LinkedHashMap<>();
  static final Map<String, Group> GROUPS = new LinkedHashMap<>();

  /** The root help's sections: name → summary, in docker's order. */
  static final List<String> COMMON =
      List.of(
          "run", "exec", "ps", "build", "pull", "push", "images", "login", "logout", "search",
          "version", "info");

  private static void top(String name, Supplier<DockerCommand> f) {
    TOP.put(name, f);
  }

  private static Group group(String name, String summary) {
    Group g = new Group(name, summary, new LinkedHashMap<>(), new ArrayList<>());
    GROUPS.put(name, g);
    return g;
  }

  private static void sub(Group g, String name, Supplier<DockerCommand> f, String... aliases) {
    g.children().put(name, f);
    g.listed().add(name);
    for (String a : aliases) {
      g.children().put(a, f);
    }
  }

  static {
    top("run", RunCommand::new);
    top("exec", ExecCommand::new);
    top("ps", ContainerCommands.Ps::new);
    top("pull", ImageCommands.Pull::new);
    top("images", ImageCommands.Images::new);
    top("search", ImageCommands.Search::new);
    top("version", SystemCommands.Version::new);
    top("info", SystemCommands.Info::new);
    top("attach", AttachCommands.Attach::new);
    top("commit", ContainerCommands.Commit::new);
    top("cp", ContainerCommands.Cp::new);
    top("create", CreateCommand::new);
    top("diff", ContainerCommands.Diff::new);
    top("events", SystemCommands.Events::new);
    top("history", ImageCommands.History::new);
    top("inspect", InspectCommand::new);
    top("kill", ContainerCommands.Kill::new);
    top("load", ImageCommands.Load::new);
    top("logs", ContainerCommands.Logs::new);
    top("pause", ContainerCommands.Pause::new);
    top("port", ContainerCommands.PortCmd::new);
    top("rename", ContainerCommands.Rename::new);
    top("restart", ContainerCommands.Restart::new);
    top("rm", ContainerCommands.Rm::new);
    top("rmi", ImageCommands.Rmi::new);
    top("save", ImageCommands.Save::new);
    top("start", AttachCommands.Start::new);
    top("stop", ContainerCommands.Stop::new);
    top("tag", ImageCommands.Tag::new);
    top("top", ContainerCommands.Top::new);
    top("unpause", ContainerCommands.Unpause::new);
    top("update", ContainerCommands.Update::new);
    top("wait", ContainerCommands.Wait::new);

    Group c = group("container", "Manage containers");
    sub(c, "attach", AttachCommands.Attach::new);
    sub(c, "commit", ContainerCommands.Commit::new);
    sub(c, "cp", ContainerCommands.Cp::new);
    sub(c, "create", CreateCommand::new);
    sub(c, "diff", ContainerCommands.Diff::new);
    sub(c, "exec", ExecCommand::new);
    sub(c, "inspect", ContainerCommands.Inspect::new);
    sub(c, "kill", ContainerCommands.Kill::new);
    sub(c, "logs", ContainerCommands.Logs::new);
    sub(c, "ls", ContainerCommands.Ps::new, "list", "ps");
    sub(c, "pause", ContainerCommands.Pause::new);
    sub(c, "port", ContainerCommands.PortCmd::new);
    sub(c, "prune", ContainerCommands.Prune::new);
    sub(c, "rename", ContainerCommands.Rename::new);
    sub(c, "restart", ContainerCommands.Restart::new);
    sub(c, "rm", ContainerCommands.Rm::new, "remove");
    sub(c, "run", RunCommand::new);
    sub(c, "start", AttachCommands.Start::new);
    sub(c, "stop", ContainerCommands.Stop::new);
    sub(c, "top", ContainerCommands.Top::new);
    sub(c, "unpause", ContainerCommands.Unpause::new);
    sub(c, "update", ContainerCommands.Update::new);
    sub(c, "wait", ContainerCommands.Wait::new);

    Group i = group("image", "Manage images");
    sub(i, "history", ImageCommands.History::new);
    sub(i, "inspect", ImageCommands.Inspect::new);
    sub(i, "load", ImageCommands.Load::new);
    sub(i, "ls", ImageCommands.Images::new, "list");
    sub(i, "prune", ImageCommands.Prune::new);
    sub(i, "pull", ImageCommands.Pull::new);
    sub(i, "rm", ImageCommands.Rmi::new, "remove");
    sub(i, "save", ImageCommands.Save::new);
    sub(i, "tag", ImageCommands.Tag::new);

    Group m = group("manifest", "Manage Docker image manifests and manifest lists");
    sub(m, "inspect", ImageCommands.ManifestInspect::new);

    Group n = group("network", "Manage networks");
    sub(n, "connect", NetworkCommands.Connect::new);
    sub(n, "create", NetworkCommands.Create::new);
    sub(n, "disconnect", NetworkCommands.Disconnect::new);
    sub(n, "inspect", NetworkCommands.Inspect::new);
    sub(n, "ls", NetworkCommands.Ls::new, "list");
    sub(n, "prune", NetworkCommands.Prune::new);
    sub(n, "rm", NetworkCommands.Rm::new, "remove");

    Group s = group("system", "Manage Docker");
    sub(s, "df", SystemCommands.Df::new);
    sub(s, "events", SystemCommands.Events::new);
    sub(s, "info", SystemCommands.Info::new);
    sub(s, "prune", SystemCommands.Prune::new);

    Group v = group("volume", "Manage volumes");
    sub(v, "create", VolumeCommands.Create::new);
    sub(v, "inspect", VolumeCommands.Inspect::new);
    sub(v, "ls", VolumeCommands.Ls::new, "list");
    sub(v, "prune", VolumeCommands.Prune::new);
    sub(v, "rm", VolumeCommands.Rm::new, "remove");
  }

  static Docker meta(DockerCommand cmd) {
    return cmd.getClass().getAnnotation(Docker.class);
  }

  /** Completion: commands, subcommands, flags, then container/image names. */
  public static List<String> complete(Engine engine, List<String> words) {
    String current = words.isEmpty() ? "" : words.get(words.size() - 1);
    List<String> before = words.isEmpty() ? List.of() : words.subList(0, words.size() - 1);
    TreeSet<String> out = new TreeSet<>();
    if (before.isEmpty()) {
      out.addAll(TOP.keySet());
      out.addAll(GROUPS.keySet());
    } else {
      Supplier<DockerCommand> f = TOP.get(before.get(0));
      Group g = GROUPS.get(before.get(0));
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
