package dev.ddlab.cli.command;

import dev.ddlab.cli.formatter.FormatContext;
import dev.ddlab.cli.template.GoObject;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.swarm.ContainerSpec;
import dev.ddlab.engine.dto.swarm.EndpointSpec;
import dev.ddlab.engine.dto.swarm.NetworkAttachmentConfig;
import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.Placement;
import dev.ddlab.engine.dto.swarm.ReplicatedService;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.ServiceMode;
import dev.ddlab.engine.dto.swarm.ServiceSpec;
import dev.ddlab.engine.dto.swarm.ServiceUpdateOptions;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.engine.dto.swarm.TaskSpec;
import dev.ddlab.engine.dto.swarm.UpdateConfig;
import dev.ddlab.go.GoTime;
import dev.ddlab.go.GoUnits;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** docker/cli's cli/command/service: create, ls, ps, inspect, scale, update, rm. */
public final class ServiceCommands {
  private ServiceCommands() {}

  /** The image as the CLI shows it: without the digest docker pins it to. */
  static String image(Service s) {
    String img = s.spec().taskTemplate().containerSpec().image();
    int at = img.indexOf('@');
    return at < 0 ? img : img.substring(0, at);
  }

  /**
   * The image reference a service records: tagged {@code latest} when no tag or digest is given
   * (docker/cli resolves it to a digest on the registry as well; the simulator keeps the tag).
   */
  static String withTag(String image) {
    int slash = image.lastIndexOf('/');
    String last = image.substring(slash + 1);
    return last.contains(":") || last.contains("@") ? image : image + ":latest";
  }

  @Command(name = "create")
  @Docker(
      use = "[OPTIONS] IMAGE [COMMAND] [ARG...]",
      summary = "Create a new service",
      minArgs = 1,
      stopAtPositional = true)
  public static final class Create extends DockerCommand {
    @Option(names = "--name", paramLabel = "string", description = "Service name")
    String name = "";

    @Option(names = "--replicas", paramLabel = "uint", description = "Number of tasks")
    Long replicas;

    @Option(
        names = "--mode",
        paramLabel = "string",
        description =
            "Service mode (\"replicated\", \"global\", \"replicated-job\", \"global-job\")")
    String mode = "replicated";

    @Option(
        names = {"-d", "--detach"},
        description = "Exit immediately instead of waiting for the service to converge")
    boolean detach;

    @Option(
        names = {"-q", "--quiet"},
        description = "Suppress progress output")
    boolean quiet;

    @Option(names = "--constraint", paramLabel = "list", description = "Placement constraints")
    List<String> constraints = new ArrayList<>();

    @Option(
        names = {"-e", "--env"},
        paramLabel = "list",
        description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(
        names = {"-l", "--label"},
        paramLabel = "list",
        description = "Service labels")
    List<String> labels = new ArrayList<>();

    @Option(
        names = {"-p", "--publish"},
        paramLabel = "port",
        description = "Publish a port as a node port")
    List<String> publish = new ArrayList<>();

    @Option(names = "--network", paramLabel = "network", description = "Network attachments")
    List<String> networks = new ArrayList<>();

    @Option(
        names = "--endpoint-mode",
        paramLabel = "string",
        description = "Endpoint mode (vip or dnsrr)",
        defaultValue = "vip")
    String endpointMode = "vip";

    @picocli.CommandLine.Mixin UpdateOptions updates = new UpdateOptions();

    @picocli.CommandLine.Mixin RestartFlags restart = new RestartFlags();

    @picocli.CommandLine.Mixin
    SecretCommands.CreateOptions references = new SecretCommands.CreateOptions();

    @Option(
        names = "--mount",
        paramLabel = "mount",
        description = "Attach a filesystem mount to the service")
    List<String> mounts = new ArrayList<>();

    @picocli.CommandLine.Mixin HealthFlags health = new HealthFlags();

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      if (!mode.equals("replicated") && !mode.equals("global")) {
        throw new CliException(
            "invalid argument \"" + mode + "\" for \"--mode\" flag: invalid mode: " + mode, 125);
      }
      if (replicas != null && mode.equals("global")) {
        throw new CliException(
            "replicas can only be used with replicated or replicated-job mode", 1);
      }
      List<String> rest = args.subList(1, args.size());
      String image = withTag(args.get(0));
      ContainerSpec cs =
          new ContainerSpec(
                  image,
                  null,
                  null,
                  rest.isEmpty() ? null : List.copyOf(rest),
                  null,
                  env.isEmpty() ? null : List.copyOf(env),
                  null,
                  null,
                  null,
                  // docker/cli sends its --init flag's value, false when not given
                  Boolean.FALSE,
                  null,
                  false,
                  false,
                  false,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null)
              .withReferences(references.secrets(this), references.configs(this))
              .withHealthcheck(health.config(1))
              .withMounts(mounts.stream().map(ContainerOptions::parseMount).toList());
      TaskSpec ts =
          new TaskSpec(
              cs,
              null,
              restart.apply(null),
              constraints.isEmpty() ? null : new Placement(List.copyOf(constraints), null, 0, null),
              networks.isEmpty()
                  ? null
                  : networks.stream().map(n -> new NetworkAttachmentConfig(n, null, null)).toList(),
              null,
              0,
              null);
      EndpointSpec endpoint = ServicePorts.of(publish);
      if (!endpointMode.equals("vip")) {
        endpoint = new EndpointSpec(endpointMode, endpoint == null ? null : endpoint.ports());
      }
      ServiceMode m =
          mode.equals("global")
              ? new ServiceMode(null, Map.of())
              : new ServiceMode(new ReplicatedService(replicas == null ? 1L : replicas), null);
      String id =
          engine
              .services()
              .create(
                  new ServiceSpec(
                      name, DockerCommand.kv(labels), ts, m, updates.apply(null), null, endpoint))
              .id();
      out(id);
      return detach ? 0 : ServiceProgress.follow(this, id, quiet);
    }
  }

  @Command(name = "ls")
  @Docker(
      use = "[OPTIONS]",
      summary = "List services",
      aliases = "docker service ls, docker service list",
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
      List<Service> services = new ArrayList<>(engine.services().list(filters(filter), true));
      printServices(this, services, format, quiet);
      return 0;
    }
  }

  /**
   * docker/cli's service ListFormatWrite: sorted by name, replicas as running/desired, the ports a
   * service publishes through the routing mesh ({@code *:8080->80/tcp}).
   */
  static void printServices(DockerCommand c, List<Service> services, String format, boolean quiet) {
    List<Service> sorted = new ArrayList<>(services);
    sorted.sort((a, b) -> NaturalOrder.compare(a.spec().name(), b.spec().name()));
    List<GoObject> rows = new ArrayList<>();
    for (Service s : sorted) {
      GoObject o = new GoObject("*formatter.serviceContext");
      o.getter("ID", () -> s.id().substring(0, 12));
      o.getter("Name", () -> s.spec().name());
      boolean global = s.spec().global();
      o.getter("Mode", () -> global ? "global" : "replicated");
      o.getter(
          "Replicas",
          () ->
              s.serviceStatus() == null
                  ? ""
                  : s.serviceStatus().runningTasks() + "/" + s.serviceStatus().desiredTasks());
      o.getter("Image", () -> image(s));
      o.getter(
          "Ports", () -> ServicePorts.column(s.endpoint() == null ? null : s.endpoint().ports()));
      rows.add(o);
    }
    c.print(
        DockerCommand.listFormat(
            format,
            quiet,
            "table {{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}"),
        rows,
        FormatContext.header(
            "ID", "ID",
            "Name", "NAME",
            "Mode", "MODE",
            "Replicas", "REPLICAS",
            "Image", "IMAGE",
            "Ports", "PORTS"));
  }

  /** docker/cli's task.Print: newest task of a slot first, older ones as "\_ name". */
  static void printTasks(
      DockerCommand c, List<Task> tasks, boolean noTrunc, boolean quiet, String format) {
    Map<String, String> serviceNames = new HashMap<>();
    Map<String, String> nodeNames = new HashMap<>();
    for (Service s : c.engine.services().list(Map.of(), false)) {
      serviceNames.put(s.id(), s.spec().name());
    }
    for (Node n : c.engine.nodes().list(Map.of())) {
      nodeNames.put(n.id(), n.description().hostname());
    }
    List<Task> sorted = new ArrayList<>(tasks);
    sorted.sort(
        Comparator.comparing((Task t) -> serviceNames.getOrDefault(t.serviceId(), ""))
            .thenComparing(
                t ->
                    t.slot() != 0
                        ? String.format("%09d", t.slot())
                        : nodeNames.getOrDefault(t.nodeId(), t.nodeId()))
            .thenComparing(
                (Task t) -> GoTime.parseRfc3339(t.createdAt()), Comparator.reverseOrder()));
    long now = c.engine.system().nowNanos();
    List<GoObject> rows = new ArrayList<>();
    String prevSlot = null;
    for (Task t : sorted) {
      String svc = serviceNames.getOrDefault(t.serviceId(), t.serviceId());
      String slotKey = t.serviceId() + "/" + (t.slot() != 0 ? t.slot() : t.nodeId());
      String name = svc + "." + (t.slot() != 0 ? String.valueOf(t.slot()) : t.nodeId());
      boolean child = slotKey.equals(prevSlot);
      prevSlot = slotKey;
      GoObject o = new GoObject("*formatter.taskContext");
      o.getter("ID", () -> noTrunc ? t.id() : t.id().substring(0, 12));
      o.getter("Name", () -> child ? " \\_ " + name : name);
      o.getter(
          "Image",
          () -> {
            if (t.spec().containerSpec() == null) {
              return ""; // a network attachment (-f runtime=attachment) runs no image
            }
            String img = t.spec().containerSpec().image();
            int at = img.indexOf('@');
            return noTrunc || at < 0 ? img : img.substring(0, at);
          });
      o.getter("Node", () -> nodeNames.getOrDefault(t.nodeId(), ""));
      o.getter("DesiredState", () -> NodeCommands.pretty(t.desiredState()));
      o.getter(
          "CurrentState",
          () ->
              NodeCommands.pretty(t.status().state())
                  + " "
                  + GoUnits.humanDuration(now - GoTime.parseRfc3339(t.status().timestamp()))
                      .toLowerCase(Locale.ROOT)
                  + " ago");
      o.getter(
          "Error",
          () -> {
            String e = t.status().err() == null ? "" : t.status().err();
            return noTrunc || e.length() <= 30
                ? (e.isEmpty() ? "" : "\"" + e + "\"")
                : "\"" + e.substring(0, 29) + "…\"";
          });
      o.getter("Ports", () -> "");
      rows.add(o);
    }
    c.print(
        DockerCommand.listFormat(
            format,
            quiet,
            "table {{.ID}}\t{{.Name}}\t{{.Image}}\t{{.Node}}\t{{.DesiredState}}\t{{.CurrentState}}\t{{.Error}}\t{{.Ports}}"),
        rows,
        FormatContext.header(
            "ID", "ID",
            "Name", "NAME",
            "Image", "IMAGE",
            "Node", "NODE",
            "DesiredState", "DESIRED STATE",
            "CurrentState", "CURRENT STATE",
            "Error", "ERROR",
            "Ports", "PORTS"));
  }

  @Command(name = "ps")
  @Docker(
      use = "[OPTIONS] SERVICE [SERVICE...]",
      summary = "List the tasks of one or more services",
      minArgs = 1)
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
      List<Task> tasks = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (String ref : args) {
        try {
          Service s = engine.services().inspect(ref, false);
          Map<String, List<String>> f = new LinkedHashMap<>(filters(filter));
          f.put("service", List.of(s.id()));
          tasks.addAll(engine.tasks().list(f));
        } catch (EngineException e) {
          if (e.status() != 404) {
            throw e;
          }
          errors.add("no such service: " + ref);
        }
      }
      if (!errors.isEmpty() && tasks.isEmpty()) {
        throw new CliException(String.join("\n", errors), 1);
      }
      printTasks(this, tasks, noTrunc, quiet, format);
      return 0;
    }
  }

  @Command(name = "inspect")
  @Docker(
      use = "[OPTIONS] SERVICE [SERVICE...]",
      summary = "Display detailed information on one or more services",
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
          new ServicePretty(this).print(engine.services().inspect(ref, false));
        }
        return 0;
      }
      return Inspector.inspect(this, args, format, this::inspectService);
    }

    /** docker/cli 24's service inspect: a missing service is its own text, not the daemon's. */
    private Object inspectService(String ref) {
      try {
        return engine.services().inspect(ref, false);
      } catch (EngineException e) {
        if (e.isNotFound()) {
          throw new CliException("Error: no such service: " + ref, 1);
        }
        throw e;
      }
    }
  }

  @Command(name = "scale")
  @Docker(
      use = "SERVICE=REPLICAS [SERVICE=REPLICAS...]",
      summary = "Scale one or multiple replicated services",
      minArgs = 1)
  public static final class Scale extends DockerCommand {
    @Option(
        names = {"-d", "--detach"},
        description = "Exit immediately instead of waiting for the service to converge")
    boolean detach;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      List<String> errors = new ArrayList<>();
      List<String> scaled = new ArrayList<>();
      for (String a : args) {
        int eq = a.indexOf('=');
        if (eq < 0) {
          throw new CliException(
              "Invalid scale specifier '"
                  + a
                  + "'.\nSee 'docker service scale --help'.\n\nUsage:  docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\nScale one or multiple replicated services",
              1);
        }
        String ref = a.substring(0, eq);
        long n;
        try {
          n = Long.parseLong(a.substring(eq + 1));
        } catch (NumberFormatException e) {
          errors.add(
              "invalid replicas value "
                  + a.substring(eq + 1)
                  + ": strconv.ParseUint: parsing \""
                  + a.substring(eq + 1)
                  + "\": invalid syntax");
          continue;
        }
        try {
          Service s = engine.services().inspect(ref, false);
          if (s.spec().mode() == null || s.spec().mode().replicated() == null) {
            errors.add("scale can only be used with replicated or replicated-job mode");
            continue;
          }
          ServiceSpec sp = s.spec();
          engine
              .services()
              .update(
                  s.id(),
                  new ServiceSpec(
                      sp.name(),
                      sp.labels(),
                      sp.taskTemplate(),
                      new ServiceMode(new ReplicatedService(n), null),
                      sp.updateConfig(),
                      sp.rollbackConfig(),
                      sp.endpointSpec()),
                  new ServiceUpdateOptions(
                      s.version() == null ? 0 : s.version().index(), null, null));
          out(ref + " scaled to " + n);
          scaled.add(s.id());
        } catch (EngineException e) {
          errors.add(daemonError(e));
        }
      }
      if (!detach && !scaled.isEmpty()) {
        // as docker/cli's runScale: every service is scaled first, then each is waited for
        return ServiceProgress.follow(this, scaled, false, errors);
      }
      if (!errors.isEmpty()) {
        throw new CliException(String.join("\n", errors), 1);
      }
      return 0;
    }
  }

  @Command(name = "update")
  @Docker(use = "[OPTIONS] SERVICE", summary = "Update a service", minArgs = 1, maxArgs = 1)
  public static final class Update extends DockerCommand {
    @Option(names = "--image", paramLabel = "string", description = "Service image tag")
    String image;

    @Option(names = "--replicas", paramLabel = "uint", description = "Number of tasks")
    Long replicas;

    @Option(names = "--rollback", description = "Rollback to previous specification")
    boolean rollback;

    @picocli.CommandLine.Mixin RestartFlags restart = new RestartFlags();

    @Option(
        names = {"-d", "--detach"},
        description = "Exit immediately instead of waiting for the service to converge")
    boolean detach;

    @Option(names = "--force", description = "Force update even if no changes require it")
    boolean force;

    @Option(
        names = {"-q", "--quiet"},
        description = "Suppress progress output")
    boolean quiet;

    @picocli.CommandLine.Mixin EnvLabelUpdate envLabels = new EnvLabelUpdate();

    @picocli.CommandLine.Mixin UpdateOptions updates = new UpdateOptions();

    @picocli.CommandLine.Mixin
    SecretCommands.UpdateOptions references = new SecretCommands.UpdateOptions();

    @picocli.CommandLine.Mixin HealthFlags health = new HealthFlags();

    @picocli.CommandLine.Mixin MountUpdate mounts = new MountUpdate();

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      Service s = engine.services().inspect(args.get(0), false);
      ServiceSpec sp = s.spec();
      TaskSpec t = sp.taskTemplate();
      ContainerSpec c = t.containerSpec();
      if (image != null) {
        c = c.withImage(withTag(image));
      }
      if (references.any()) {
        c =
            c.withReferences(
                references.secrets(this, c.secrets()), references.configs(this, c.configs()));
      }
      if (health.changed()) {
        c = c.withHealthcheck(health.update(c.healthcheck(), 1));
      }
      if (mounts.changed()) {
        c = c.withMounts(mounts.apply(c.mounts()));
      }
      if (envLabels.envChanged()) {
        c = c.withEnv(envLabels.env(c.env()));
      }
      TaskSpec nt =
          new TaskSpec(
              c,
              t.resources(),
              restart.apply(t.restartPolicy()),
              t.placement(),
              t.networks(),
              t.logDriver(),
              t.forceUpdate() + (force ? 1 : 0),
              t.runtime());
      ServiceMode m =
          replicas == null ? sp.mode() : new ServiceMode(new ReplicatedService(replicas), null);
      engine
          .services()
          .update(
              s.id(),
              new ServiceSpec(
                  sp.name(),
                  envLabels.labels(sp.labels()),
                  nt,
                  m,
                  updates.apply(sp.updateConfig()),
                  sp.rollbackConfig(),
                  sp.endpointSpec()),
              new ServiceUpdateOptions(
                  s.version() == null ? 0 : s.version().index(),
                  null,
                  rollback ? "previous" : null));
      out(args.get(0));
      return detach ? 0 : ServiceProgress.follow(this, s.id(), quiet);
    }
  }

  @Command(name = "rm")
  @Docker(
      use = "SERVICE [SERVICE...]",
      summary = "Remove one or more services",
      aliases = "docker service rm, docker service remove",
      minArgs = 1)
  public static final class Rm extends DockerCommand {
    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      return forEachName(args, n -> engine.services().remove(n));
    }
  }

  /** The --update-* flags of create and update (swarm's UpdateConfig). */
  public static final class UpdateOptions {
    @Option(
        names = "--update-parallelism",
        paramLabel = "uint",
        description = "Maximum number of tasks updated simultaneously (0 to update all at once)")
    Long parallelism;

    @Option(
        names = "--update-delay",
        paramLabel = "duration",
        description = "Delay between updates (ns|us|ms|s|m|h)")
    String delay;

    @Option(
        names = "--update-failure-action",
        paramLabel = "string",
        description = "Action on update failure (\"pause\", \"continue\", \"rollback\")")
    String failureAction;

    @Option(
        names = "--update-order",
        paramLabel = "string",
        description = "Update order (\"start-first\", \"stop-first\")")
    String order;

    /** {@code base} with the flags given (swarm's defaults when there is none). */
    UpdateConfig apply(UpdateConfig base) {
      UpdateConfig b =
          base != null ? base : new UpdateConfig(1, 0, "pause", 5_000_000_000L, 0, "stop-first");
      long d = b.delay();
      if (delay != null) {
        d = TimeArgs.durationFlag("--update-delay", delay);
      }
      return new UpdateConfig(
          parallelism == null ? b.parallelism() : parallelism,
          d,
          failureAction == null ? b.failureAction() : failureAction,
          b.monitor(),
          b.maxFailureRatio(),
          order == null ? b.order() : order);
    }
  }

  @Command(name = "rollback")
  @Docker(
      use = "[OPTIONS] SERVICE",
      summary = "Revert changes to a service's configuration",
      minArgs = 1,
      maxArgs = 1)
  public static final class Rollback extends DockerCommand {
    @Option(
        names = {"-d", "--detach"},
        description = "Exit immediately instead of waiting for the service to converge")
    boolean detach;

    @Option(
        names = {"-q", "--quiet"},
        description = "Suppress progress output")
    boolean quiet;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      Service s = engine.services().inspect(args.get(0), false);
      engine
          .services()
          .update(
              s.id(),
              s.spec(),
              new ServiceUpdateOptions(
                  s.version() == null ? 0 : s.version().index(), null, "previous"));
      out(args.get(0));
      return detach ? 0 : ServiceProgress.follow(this, s.id(), quiet);
    }
  }

  @Command(name = "logs")
  @Docker(
      use = "[OPTIONS] SERVICE|TASK",
      summary = "Fetch the logs of a service or task",
      minArgs = 1,
      maxArgs = 1)
  public static final class Logs extends DockerCommand {
    @Option(
        names = "--tail",
        paramLabel = "string",
        description = "Number of lines to show from the end of the logs")
    String tail = "all";

    @Option(
        names = {"-t", "--timestamps"},
        description = "Show timestamps")
    boolean timestamps;

    @Option(names = "--no-task-ids", description = "Do not include task IDs in output")
    boolean noTaskIds;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      Service s = engine.services().inspect(args.get(0), false);
      Map<String, String> nodeNames = new HashMap<>();
      for (Node n : engine.nodes().list(Map.of())) {
        nodeNames.put(n.id(), n.description().hostname());
      }
      Map<String, Integer> slots = new HashMap<>();
      for (Task t : engine.tasks().list(Map.of("service", List.of(s.id())))) {
        slots.put(t.id(), t.slot());
      }
      List<dev.ddlab.engine.dto.swarm.TaskLogFrame> frames =
          engine
              .services()
              .logs(
                  s.id(),
                  new dev.ddlab.engine.dto.LogsOptions(true, true, "", "", timestamps, tail));
      for (dev.ddlab.engine.dto.swarm.TaskLogFrame f : frames) {
        String task = f.details().get("com.docker.swarm.task.id");
        String node = nodeNames.getOrDefault(f.details().get("com.docker.swarm.node.id"), "");
        String prefix =
            s.spec().name()
                + "."
                + slots.getOrDefault(task, 0)
                + (noTaskIds ? "" : "." + task.substring(0, 12))
                + "@"
                + node;
        String text = f.text().endsWith("\n") ? f.text() : f.text() + "\n";
        io.out(prefix + "    | " + (timestamps ? f.time() + " " : "") + text);
      }
      return 0;
    }
  }
}
