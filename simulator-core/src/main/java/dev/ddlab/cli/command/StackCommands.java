package dev.ddlab.cli.command;

import dev.ddlab.cli.compose.loader.ComposeException;
import dev.ddlab.cli.compose.loader.ComposeLoader;
import dev.ddlab.cli.compose.types.Project;
import dev.ddlab.cli.formatter.FormatContext;
import dev.ddlab.cli.template.GoObject;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.swarm.Config;
import dev.ddlab.engine.dto.swarm.ConfigSpec;
import dev.ddlab.engine.dto.swarm.Secret;
import dev.ddlab.engine.dto.swarm.SecretSpec;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.ServiceSpec;
import dev.ddlab.engine.dto.swarm.ServiceUpdateOptions;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * docker/cli's cli/command/stack (deploy, ls, ps, services, rm) for a swarm: a Compose file read
 * with compose's loader ({@code cli.compose}), turned into networks, secrets, configs and services
 * labelled {@code com.docker.stack.namespace=STACK} ({@link StackSpecs}), created or updated.
 */
public final class StackCommands {
  private StackCommands() {}

  /** convert.LabelNamespace. */
  static final String NAMESPACE = "com.docker.stack.namespace";

  static void validateName(String name) {
    if (name.strip().isEmpty()) {
      throw new CliException("invalid stack name: \"" + name + "\"", 1);
    }
  }

  static Map<String, List<String>> stackFilter(String namespace, Map<String, List<String>> more) {
    Map<String, List<String>> f = new LinkedHashMap<>(more);
    List<String> labels = new ArrayList<>(f.getOrDefault("label", List.of()));
    labels.add(NAMESPACE + "=" + namespace);
    f.put("label", labels);
    return f;
  }

  private static <T> T daemon(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (EngineException e) {
      if (e.isNotConnected()) {
        throw e;
      }
      throw new CliException(DockerCommand.daemonError(e), 1);
    }
  }

  @Command(name = "deploy")
  @Docker(
      use = "[OPTIONS] STACK",
      summary = "Deploy a new stack or update an existing stack",
      aliases = "docker stack deploy, docker stack up",
      minArgs = 1,
      maxArgs = 1)
  public static final class Deploy extends DockerCommand {
    @Option(
        names = {"-c", "--compose-file"},
        paramLabel = "strings",
        split = ",",
        description = "Path to a Compose file, or \"-\" to read from stdin")
    List<String> files = new ArrayList<>();

    @Option(names = "--prune", description = "Prune services that are no longer referenced")
    boolean prune;

    @Option(
        names = "--resolve-image",
        paramLabel = "string",
        description =
            "Query the registry to resolve image digest and supported platforms (\"always\","
                + " \"changed\", \"never\")")
    String resolveImage = "always";

    @Option(
        names = "--with-registry-auth",
        description = "Send registry authentication details to Swarm agents")
    boolean withRegistryAuth;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String stack = args.get(0);
      validateName(stack);
      if (files.isEmpty()) {
        throw new CliException("Please specify a Compose file (with --compose-file)", 1);
      }
      if (!List.of("always", "changed", "never").contains(resolveImage)) {
        throw new CliException("Invalid option " + resolveImage + " for flag --resolve-image", 1);
      }
      Project project = load(stack);
      StackSpecs.warnings(project).forEach(this::err);
      Object control = engine.system().info().swarm().get("ControlAvailable");
      if (!Boolean.TRUE.equals(control)) {
        throw new CliException(
            "this node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\""
                + " to connect this node to swarm and try again",
            1);
      }
      StackSpecs specs = new StackSpecs(stack, project);
      if (prune) {
        List<Service> gone = new ArrayList<>();
        for (Service s : stackServices(stack)) {
          if (!project.services().containsKey(specs.descope(s.spec().name()))) {
            gone.add(s);
          }
        }
        removeServices(this, gone);
      }
      createNetworks(specs);
      createSecretsAndConfigs(specs);
      deployServices(specs);
      return 0;
    }

    /**
     * docker/cli's GetConfigDetails and loadConfigFile over compose's loader: {@code -} is stdin
     * (the working directory then the shell's), other files are read as named ({@code open FILE: no
     * such file or directory} with the name as typed), a document that is not a mapping is {@code
     * top-level object must be a mapping}; a directory is {@code read FILE: is a directory}.
     */
    private Project load(String stack) {
      for (String f : files) {
        String path = Paths.resolve(ctx.workingDir(), f);
        if (f.equals(ComposeLoader.STDIN)) {
          continue;
        } else if (ctx.hostFs() == null || !ctx.hostFs().exists(path)) {
          throw new CliException("open " + f + ": no such file or directory", 1);
        } else if (ctx.hostFs().isDirectory(path)) {
          throw new CliException("read " + f + ": is a directory", 1);
        }
      }
      String dir = files.get(0).equals(ComposeLoader.STDIN) ? "." : "";
      try {
        return new ComposeLoader(ctx.hostFs(), ctx.workingDir(), io.environment(), w -> {})
            .withStdin(io::readAll)
            .load(new ComposeLoader.Options(files, stack, dir, List.of()));
      } catch (ComposeException e) {
        String m = e.getMessage();
        if (m.equals("empty compose file") || m.endsWith(": top-level object must be a mapping")) {
          m = "top-level object must be a mapping";
        }
        throw new CliException(m, 1);
      }
    }

    private List<Service> stackServices(String stack) {
      return daemon(() -> engine.services().list(stackFilter(stack, Map.of()), false));
    }

    private void createNetworks(StackSpecs specs) {
      for (String external : specs.externalNetworks()) {
        if (List.of("bridge", "host", "none", "default").contains(external)) {
          continue; // local networks every node has
        }
        Network n;
        try {
          n = engine.networks().inspect(external);
        } catch (EngineException e) {
          if (e.isNotFound()) {
            throw new CliException(
                "network \""
                    + external
                    + "\" is declared as external, but could not be found. You need to create a"
                    + " swarm-scoped network before the stack is deployed",
                1);
          }
          throw new CliException(daemonError(e), 1);
        }
        if (!"swarm".equals(n.scope())) {
          throw new CliException(
              "network \""
                  + external
                  + "\" is declared as external, but it is not in the right scope: \""
                  + n.scope()
                  + "\" instead of \"swarm\"",
              1);
        }
      }
      List<String> existing = new ArrayList<>();
      for (Network n : daemon(() -> engine.networks().list(stackFilter(specs.stack(), Map.of())))) {
        existing.add(n.name());
      }
      for (NetworkCreateRequest r : specs.networks()) {
        if (existing.contains(r.name())) {
          continue;
        }
        out("Creating network " + r.name());
        try {
          engine.networks().create(r);
        } catch (EngineException e) {
          throw new CliException("failed to create network " + r.name() + ": " + daemonError(e), 1);
        }
      }
    }

    private byte[] read(String file) {
      try {
        return ctx.hostFs().read(file);
      } catch (FsException | NullPointerException e) {
        throw new CliException("open " + file + ": no such file or directory", 1);
      }
    }

    /** createSecrets and createConfigs: each updated when it exists, else created. */
    private void createSecretsAndConfigs(StackSpecs specs) {
      specs
          .secrets()
          .forEach(
              (name, o) -> {
                SecretSpec spec =
                    new SecretSpec(name, specs.labels(o.labels()), data(o), null, null);
                createOrUpdate(
                    "secret",
                    name,
                    () -> engine.secrets().inspect(name),
                    have -> engine.secrets().update(have.id(), have.version().index(), spec),
                    () -> engine.secrets().create(spec));
              });
      specs
          .configs()
          .forEach(
              (name, o) -> {
                ConfigSpec spec = new ConfigSpec(name, specs.labels(o.labels()), data(o), null);
                createOrUpdate(
                    "config",
                    name,
                    () -> engine.configs().inspect(name),
                    have -> engine.configs().update(have.id(), have.version().index(), spec),
                    () -> engine.configs().create(spec));
              });
    }

    private String data(Project.FileObject o) {
      return Base64.getEncoder().encodeToString(read(o.file()));
    }

    private <T> void createOrUpdate(
        String kind,
        String name,
        java.util.function.Supplier<T> inspect,
        java.util.function.Consumer<T> update,
        Runnable create) {
      T have = null;
      try {
        have = inspect.get();
      } catch (EngineException x) {
        if (!x.isNotFound()) {
          throw new CliException(daemonError(x), 1);
        }
      }
      try {
        if (have != null) {
          update.accept(have);
        } else {
          out("Creating " + kind + " " + name);
          create.run();
        }
      } catch (EngineException x) {
        throw new CliException(
            "failed to "
                + (have != null ? "update" : "create")
                + " "
                + kind
                + " "
                + name
                + ": "
                + daemonError(x),
            1);
      }
    }

    /**
     * deployServices: one by one, created, or updated keeping the running image when the file's is
     * unchanged and the service's ForceUpdate (stack deploy has no --force). docker/cli walks a Go
     * map (a random order); here the order is the services' names.
     */
    private void deployServices(StackSpecs specs) {
      Map<String, Service> existing = new LinkedHashMap<>();
      for (Service s : stackServices(specs.stack())) {
        existing.put(s.spec().name(), s);
      }
      for (Map.Entry<String, ServiceSpec> e : specs.services(this).entrySet()) {
        String name = e.getKey();
        ServiceSpec spec = e.getValue();
        Service have = existing.get(name);
        try {
          if (have != null) {
            out("Updating service " + name + " (id: " + have.id() + ")");
            engine
                .services()
                .update(
                    have.id(),
                    StackSpecs.keepRunning(spec, have),
                    new ServiceUpdateOptions(
                        have.version() == null ? 0 : have.version().index(), null, null));
          } else {
            out("Creating service " + name);
            engine.services().create(spec);
          }
        } catch (EngineException x) {
          throw new CliException(
              "failed to "
                  + (have != null ? "update" : "create")
                  + " service "
                  + name
                  + ": "
                  + daemonError(x),
              1);
        }
      }
    }
  }

  /** removeServices: by name, each announced, errors on stderr. */
  static boolean removeServices(DockerCommand c, List<Service> services) {
    boolean failed = false;
    List<Service> sorted = new ArrayList<>(services);
    sorted.sort((a, b) -> a.spec().name().compareTo(b.spec().name()));
    for (Service s : sorted) {
      c.out("Removing service " + s.spec().name());
      try {
        c.engine.services().remove(s.id());
      } catch (EngineException e) {
        failed = true;
        c.io.err("Failed to remove service " + s.id() + ": " + DockerCommand.daemonError(e));
      }
    }
    return failed;
  }

  @Command(name = "ls")
  @Docker(
      use = "[OPTIONS]",
      summary = "List stacks",
      aliases = "docker stack ls, docker stack list",
      maxArgs = 0)
  public static final class Ls extends DockerCommand {
    @Option(names = "--format", paramLabel = "string", description = TABLE_FORMAT_HELP)
    String format = "";

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      Map<String, Integer> stacks = new TreeMap<>(NaturalOrder::compare);
      for (Service s :
          daemon(() -> engine.services().list(Map.of("label", List.of(NAMESPACE)), false))) {
        String name = s.spec().labels() == null ? null : s.spec().labels().get(NAMESPACE);
        if (name == null) {
          throw new CliException("cannot get label " + NAMESPACE + " for service " + s.id(), 1);
        }
        stacks.merge(name, 1, Integer::sum);
      }
      List<GoObject> rows = new ArrayList<>();
      stacks.forEach(
          (name, n) -> {
            GoObject o = new GoObject("*formatter.stackContext");
            o.getter("Name", () -> name);
            o.getter("Services", () -> String.valueOf(n));
            rows.add(o);
          });
      print(
          format.isEmpty() || format.equals("table") ? "table {{.Name}}\t{{.Services}}" : format,
          rows,
          FormatContext.header("Name", "NAME", "Services", "SERVICES"));
      return 0;
    }
  }

  @Command(name = "ps")
  @Docker(
      use = "[OPTIONS] STACK",
      summary = "List the tasks in the stack",
      minArgs = 1,
      maxArgs = 1)
  public static final class Ps extends DockerCommand {
    @Option(
        names = {"-f", "--filter"},
        paramLabel = "filter",
        description = "Filter output based on conditions provided")
    List<String> filter = new ArrayList<>();

    @Option(names = "--format", paramLabel = "string", description = TABLE_FORMAT_HELP)
    String format = "";

    @Option(names = "--no-resolve", description = "Do not map IDs to Names")
    boolean noResolve;

    @Option(names = "--no-trunc", description = "Do not truncate output")
    boolean noTrunc;

    @Option(
        names = {"-q", "--quiet"},
        description = "Only display task IDs")
    boolean quiet;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      validateName(args.get(0));
      List<Task> tasks =
          daemon(() -> engine.tasks().list(stackFilter(args.get(0), filters(filter))));
      if (tasks.isEmpty()) {
        throw new CliException("nothing found in stack: " + args.get(0), 1);
      }
      ServiceCommands.printTasks(this, tasks, noTrunc, quiet, format);
      return 0;
    }
  }

  @Command(name = "services")
  @Docker(
      use = "[OPTIONS] STACK",
      summary = "List the services in the stack",
      minArgs = 1,
      maxArgs = 1)
  public static final class Services extends DockerCommand {
    @Option(
        names = {"-f", "--filter"},
        paramLabel = "filter",
        description = "Filter output based on conditions provided")
    List<String> filter = new ArrayList<>();

    @Option(names = "--format", paramLabel = "string", description = TABLE_FORMAT_HELP)
    String format = "";

    @Option(
        names = {"-q", "--quiet"},
        description = "Only display IDs")
    boolean quiet;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      validateName(args.get(0));
      List<Service> services =
          daemon(() -> engine.services().list(stackFilter(args.get(0), filters(filter)), !quiet));
      if (services.isEmpty()) {
        err("Nothing found in stack: " + args.get(0));
        return 0;
      }
      ServiceCommands.printServices(this, services, format, quiet);
      return 0;
    }
  }

  @Command(name = "rm")
  @Docker(
      use = "[OPTIONS] STACK [STACK...]",
      summary = "Remove one or more stacks",
      aliases = "docker stack rm, docker stack remove, docker stack down",
      minArgs = 1)
  public static final class Rm extends DockerCommand {
    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      args.forEach(StackCommands::validateName);
      List<String> errors = new ArrayList<>();
      for (String stack : args) {
        Map<String, List<String>> f = stackFilter(stack, Map.of());
        List<Service> services = daemon(() -> engine.services().list(f, false));
        List<Network> networks = daemon(() -> engine.networks().list(f));
        List<Secret> secrets = daemon(() -> engine.secrets().list(f));
        List<Config> configs = daemon(() -> engine.configs().list(f));
        if (services.size() + networks.size() + secrets.size() + configs.size() == 0) {
          err("Nothing found in stack: " + stack);
          continue;
        }
        boolean failed = removeServices(this, services);
        for (Secret s : secrets) {
          failed |=
              remove("secret", s.spec().name(), s.id(), () -> engine.secrets().remove(s.id()));
        }
        for (Config c : configs) {
          failed |=
              remove("config", c.spec().name(), c.id(), () -> engine.configs().remove(c.id()));
        }
        for (Network n : networks) {
          failed |= remove("network", n.name(), n.id(), () -> engine.networks().remove(n.id()));
        }
        if (failed) {
          errors.add("Failed to remove some resources from stack: " + stack);
        }
      }
      if (!errors.isEmpty()) {
        throw new CliException(String.join("\n", errors), 1);
      }
      return 0;
    }

    private boolean remove(String kind, String name, String id, Runnable call) {
      out("Removing " + kind + " " + name);
      try {
        call.run();
        return false;
      } catch (EngineException e) {
        io.err("Failed to remove " + kind + " " + id + ": " + daemonError(e));
        return true;
      }
    }
  }
}
