package dev.ddlab.cli.command;

import dev.ddlab.cli.formatter.FormatContext;
import dev.ddlab.cli.template.GoObject;
import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.NodeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** docker/cli's cli/command/node: ls, inspect, promote, demote, update, rm, ps. */
public final class NodeCommands {
  private NodeCommands() {}

  /** command.PrettyPrint: "ready" → "Ready". */
  static String pretty(String s) {
    return s == null || s.isEmpty()
        ? ""
        : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
  }

  @Command(name = "ls")
  @Docker(
      use = "[OPTIONS]",
      summary = "List nodes in the swarm",
      aliases = "docker node ls, docker node list",
      maxArgs = 0)
  public static final class Ls extends DockerCommand {
    @Option(
        names = {"-f", "--filter"},
        paramLabel = "filter",
        description = "Filter output based on conditions provided")
    List<String> filter = new ArrayList<>();

    @Option(
        names = "--format",
        paramLabel = "string",
        description = "Format output using a custom template")
    String format = "";

    @Option(
        names = {"-q", "--quiet"},
        description = "Only display IDs")
    boolean quiet;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      List<Node> nodes = new ArrayList<>(engine.nodes().list(filters(filter)));
      String self = engine.nodes().inspect("self").id();
      nodes.sort(
          (a, b) -> NaturalOrder.compare(a.description().hostname(), b.description().hostname()));
      List<GoObject> rows = new ArrayList<>();
      for (Node n : nodes) {
        GoObject o = new GoObject("*formatter.nodeContext");
        o.getter("ID", n::id);
        o.getter("Self", () -> n.id().equals(self));
        o.getter("Hostname", () -> n.description().hostname());
        o.getter("Status", () -> pretty(n.status().state()));
        o.getter("Availability", () -> pretty(n.spec().availability()));
        o.getter(
            "ManagerStatus", () -> n.managerStatus() == null ? "" : n.managerStatus().nodeLsText());
        o.getter("TLSStatus", () -> "Ready");
        o.getter(
            "EngineVersion",
            () -> n.description().engine() == null ? "" : n.description().engine().engineVersion());
        rows.add(o);
      }
      String fmt =
          quiet
              ? "{{.ID}}"
              : format.isEmpty() || format.equals("table")
                  ? "table {{.ID}} {{if .Self}}*{{else}} {{ end }}\t{{.Hostname}}\t{{.Status}}"
                      + "\t{{.Availability}}\t{{.ManagerStatus}}\t{{.EngineVersion}}"
                  : format;
      print(
          fmt,
          rows,
          FormatContext.header(
              "ID", "ID",
              "Hostname", "HOSTNAME",
              "Status", "STATUS",
              "Availability", "AVAILABILITY",
              "ManagerStatus", "MANAGER STATUS",
              "EngineVersion", "ENGINE VERSION",
              "TLSStatus", "TLS STATUS"));
      return 0;
    }
  }

  @Command(name = "inspect")
  @Docker(
      use = "[OPTIONS] self|NODE [NODE...]",
      summary = "Display detailed information on one or more nodes",
      minArgs = 1)
  public static final class Inspect extends DockerCommand {
    @Option(
        names = {"-f", "--format"},
        paramLabel = "string",
        description = "Format output using a custom template")
    String format = "";

    @Option(names = "--pretty", description = "Print the information in a human friendly format")
    boolean pretty;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      if (pretty) {
        for (String ref : args) {
          Node n = engine.nodes().inspect(ref);
          out("ID:\t\t\t" + n.id());
          out("Hostname:\t\t" + n.description().hostname());
          out("Joined at:\t\t" + n.createdAt());
          out("Status:");
          out(" State:\t\t\t" + pretty(n.status().state()));
          out(" Availability:\t\t" + pretty(n.spec().availability()));
          out(" Address:\t\t" + n.status().addr());
          if (n.managerStatus() != null) {
            out("Manager Status:");
            out(" Address:\t\t" + n.managerStatus().addr());
            out(" Raft Status:\t\t" + pretty(n.managerStatus().reachability()));
            out(" Leader:\t\t" + (n.managerStatus().leader() ? "Yes" : "No"));
          }
          out("Platform:");
          out(" Operating System:\t" + n.description().platform().os());
          out(" Architecture:\t\t" + n.description().platform().architecture());
          out("Resources:");
          out(" CPUs:\t\t\t" + n.description().resources().nanoCpus() / 1_000_000_000L);
          out(
              " Memory:\t\t"
                  + dev.ddlab.go.GoUnits.humanSize(n.description().resources().memoryBytes())
                      .replace("GB", "GiB")
                      .replace("MB", "MiB"));
          out("Engine Version:\t\t" + n.description().engine().engineVersion());
        }
        return 0;
      }
      return Inspector.inspect(this, args, format, ref -> engine.nodes().inspect(ref));
    }
  }

  /** Updates a node's spec with {@code change}, as docker/cli's updateNodes does. */
  static void update(
      DockerCommand c, String ref, java.util.function.UnaryOperator<NodeSpec> change) {
    Node n = c.engine.nodes().inspect(ref);
    c.engine
        .nodes()
        .update(n.id(), n.version() == null ? 0 : n.version().index(), change.apply(n.spec()));
  }

  static NodeSpec withRole(NodeSpec s, String role) {
    return new NodeSpec(s.name(), s.labels(), role, s.availability());
  }

  @Command(name = "promote")
  @Docker(
      use = "NODE [NODE...]",
      summary = "Promote one or more nodes to manager in the swarm",
      minArgs = 1)
  public static final class Promote extends DockerCommand {
    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      for (String ref : args) {
        Node n = engine.nodes().inspect(ref);
        if ("manager".equals(n.spec().role())) {
          out("Node " + ref + " is already a manager.");
          continue;
        }
        update(this, ref, s -> withRole(s, "manager"));
        out("Node " + ref + " promoted to a manager in the swarm.");
      }
      return 0;
    }
  }

  @Command(name = "demote")
  @Docker(
      use = "NODE [NODE...]",
      summary = "Demote one or more nodes from manager in the swarm",
      minArgs = 1)
  public static final class Demote extends DockerCommand {
    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      for (String ref : args) {
        Node n = engine.nodes().inspect(ref);
        if ("worker".equals(n.spec().role())) {
          out("Node " + ref + " is already a worker.");
          continue;
        }
        update(this, ref, s -> withRole(s, "worker"));
        out("Manager " + ref + " demoted in the swarm.");
      }
      return 0;
    }
  }

  @Command(name = "update")
  @Docker(use = "[OPTIONS] NODE", summary = "Update a node", minArgs = 1, maxArgs = 1)
  public static final class Update extends DockerCommand {
    @Option(
        names = "--availability",
        paramLabel = "string",
        description = "Availability of the node (\"active\", \"pause\", \"drain\")")
    String availability;

    @Option(
        names = "--role",
        paramLabel = "string",
        description = "Role of the node (\"worker\", \"manager\")")
    String role;

    @Option(
        names = "--label-add",
        paramLabel = "list",
        description = "Add or update a node label (\"key=value\")")
    List<String> labelAdd = new ArrayList<>();

    @Option(
        names = "--label-rm",
        paramLabel = "list",
        description = "Remove a node label if exists")
    List<String> labelRm = new ArrayList<>();

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      if (availability != null && !List.of("active", "pause", "drain").contains(availability)) {
        throw new CliException(
            "invalid argument \""
                + availability
                + "\" for \"--availability\" flag: invalid availability \""
                + availability
                + "\", only active, pause and drain are supported",
            125);
      }
      if (role != null && !List.of("worker", "manager").contains(role)) {
        throw new CliException(
            "invalid argument \"" + role + "\" for \"--role\" flag: invalid role \"" + role + "\"",
            125);
      }
      update(
          this,
          args.get(0),
          s -> {
            Map<String, String> labels =
                new LinkedHashMap<>(s.labels() == null ? Map.of() : s.labels());
            labels.putAll(DockerCommand.kv(labelAdd));
            labelRm.forEach(labels::remove);
            return new NodeSpec(
                s.name(),
                labels,
                role == null ? s.role() : role,
                availability == null ? s.availability() : availability);
          });
      out(args.get(0));
      return 0;
    }
  }

  @Command(name = "rm")
  @Docker(
      use = "[OPTIONS] NODE [NODE...]",
      summary = "Remove one or more nodes from the swarm",
      aliases = "docker node rm, docker node remove",
      minArgs = 1)
  public static final class Rm extends DockerCommand {
    @Option(
        names = {"-f", "--force"},
        description = "Force remove a node from the swarm")
    boolean force;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      return forEachName(args, n -> engine.nodes().remove(engine.nodes().inspect(n).id(), force));
    }
  }

  @Command(name = "ps")
  @Docker(
      use = "[OPTIONS] [NODE...]",
      summary = "List tasks running on one or more nodes, defaults to current node")
  public static final class Ps extends DockerCommand {
    @Option(
        names = {"-f", "--filter"},
        paramLabel = "filter",
        description = "Filter output based on conditions provided")
    List<String> filter = new ArrayList<>();

    @Option(names = "--no-trunc", description = "Do not truncate output")
    boolean noTrunc;

    @Option(
        names = {"-q", "--quiet"},
        description = "Only display task IDs")
    boolean quiet;

    @Option(
        names = "--format",
        paramLabel = "string",
        description = "Pretty-print tasks using a Go template")
    String format = "";

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      List<String> refs = args.isEmpty() ? List.of("self") : args;
      Map<String, List<String>> f = filters(filter);
      List<dev.ddlab.engine.dto.swarm.Task> tasks = new ArrayList<>();
      for (String ref : refs) {
        Map<String, List<String>> g = new LinkedHashMap<>(f);
        g.put("node", List.of(engine.nodes().inspect(ref).id()));
        tasks.addAll(engine.tasks().list(g));
      }
      ServiceCommands.printTasks(this, tasks, noTrunc, quiet, format);
      return 0;
    }
  }
}
