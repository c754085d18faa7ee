package dev.ddlab.cli.command;

import dev.ddlab.cli.formatter.FormatContext;
import dev.ddlab.cli.formatter.Refs;
import dev.ddlab.cli.template.GoObject;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.Ipam;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.NetworkCreateRequest;
import dev.ddlab.engine.dto.NetworkPruneResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** docker/cli's cli/command/network. */
public final class NetworkCommands {
  private NetworkCommands() {}

  @Command(name = "ls")
  @Docker(
      use = "[OPTIONS]",
      summary = "List networks",
      aliases = "docker network ls, docker network list",
      maxArgs = 0)
  public static final class Ls extends DockerCommand {
    @Option(
        names = {"-f", "--filter"},
        paramLabel = "filter",
        description = "Provide filter values (e.g. \"driver=bridge\")")
    List<String> filter = new ArrayList<>();

    @Option(names = "--format", paramLabel = "string", description = TABLE_FORMAT_HELP)
    String format = "";

    @Option(names = "--no-trunc", description = "Do not truncate the output")
    boolean noTrunc;

    @Option(
        names = {"-q", "--quiet"},
        description = "Only display network IDs")
    boolean quiet;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      List<Network> nets = new ArrayList<>(engine.networks().list(filters(filter)));
      nets.sort((a, b) -> a.name().compareTo(b.name()));
      List<GoObject> rows = new ArrayList<>();
      for (Network n : nets) {
        GoObject o = new GoObject("*formatter.networkContext").jsonSorted();
        o.getter("ID", () -> noTrunc ? n.id() : Refs.truncateId(n.id()));
        o.getter("Name", n::name);
        o.getter("Driver", n::driver);
        o.getter("Scope", n::scope);
        o.getter("IPv6", () -> Boolean.toString(n.enableIpv6()));
        o.getter("Internal", () -> Boolean.toString(n.internal()));
        o.getter("CreatedAt", () -> n.created());
        o.getter(
            "Labels",
            () -> {
              List<String> l = new ArrayList<>();
              if (n.labels() != null) {
                n.labels().forEach((k, v) -> l.add(k + "=" + v));
              }
              return String.join(",", l);
            });
        Map<String, String> labels = n.labels() == null ? Map.of() : n.labels();
        o.method("Label", 1, a -> labels.getOrDefault(String.valueOf(a.get(0)), ""));
        rows.add(o);
      }
      String fmt =
          format.isEmpty() || format.equals("table")
              ? (quiet ? "{{.ID}}" : "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}")
              : (quiet ? "{{.ID}}" : format);
      print(
          fmt,
          rows,
          FormatContext.header(
              "ID", "NETWORK ID",
              "Name", "NAME",
              "Driver", "DRIVER",
              "Scope", "SCOPE",
              "IPv6", "IPV6",
              "Internal", "INTERNAL",
              "Labels", "LABELS",
              "CreatedAt", "CREATED AT"));
      return 0;
    }
  }

  @Command(name = "create")
  @Docker(use = "[OPTIONS] NETWORK", summary = "Create a network", minArgs = 1, maxArgs = 1)
  public static final class Create extends DockerCommand {
    @Option(names = "--attachable", description = "Enable manual container attachment")
    boolean attachable;

    @Option(
        names = "--aux-address",
        paramLabel = "map",
        description = "Auxiliary IPv4 or IPv6 addresses used by Network driver")
    List<String> auxAddress = new ArrayList<>();

    @Option(
        names = {"-d", "--driver"},
        paramLabel = "string",
        description = "Driver to manage the Network",
        defaultValue = "bridge")
    String driver = "bridge";

    @Option(
        names = "--gateway",
        paramLabel = "strings",
        description = "IPv4 or IPv6 Gateway for the master subnet")
    List<String> gateway = new ArrayList<>();

    @Option(names = "--internal", description = "Restrict external access to the network")
    boolean internal;

    @Option(
        names = "--ip-range",
        paramLabel = "strings",
        description = "Allocate container ip from a sub-range")
    List<String> ipRange = new ArrayList<>();

    @Option(names = "--ipv6", description = "Enable IPv6 networking")
    boolean ipv6;

    @Option(names = "--label", paramLabel = "list", description = "Set metadata on a network")
    List<String> labels = new ArrayList<>();

    @Option(
        names = {"-o", "--opt"},
        paramLabel = "map",
        description = "Set driver specific options")
    List<String> opts = new ArrayList<>();

    @Option(
        names = "--subnet",
        paramLabel = "strings",
        description = "Subnet in CIDR format that represents a network segment")
    List<String> subnet = new ArrayList<>();

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      List<Ipam.Config> config =
          IpamFlags.consolidate(subnet, ipRange, gateway, IpamFlags.map(auxAddress));
      var r =
          engine
              .networks()
              .create(
                  new NetworkCreateRequest(
                      args.get(0),
                      driver,
                      internal,
                      attachable,
                      false,
                      new Ipam("default", Map.of(), config),
                      ipv6,
                      DockerCommand.kv(opts),
                      DockerCommand.kv(labels)));
      out(r.id());
      return 0;
    }
  }

  @Command(name = "inspect")
  @Docker(
      use = "[OPTIONS] NETWORK [NETWORK...]",
      summary = "Display detailed information on one or more networks",
      minArgs = 1)
  public static final class Inspect extends DockerCommand {
    @Option(
        names = {"-f", "--format"},
        paramLabel = "string",
        description = "Format output using a custom template")
    String format = "";

    @Option(
        names = {"-v", "--verbose"},
        description = "Verbose output for diagnostics")
    boolean verbose;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      return Inspector.inspect(this, args, format, ref -> engine.networks().inspect(ref));
    }
  }

  @Command(name = "rm")
  @Docker(
      use = "NETWORK [NETWORK...]",
      summary = "Remove one or more networks",
      aliases = "docker network rm, docker network remove",
      minArgs = 1)
  public static final class Rm extends DockerCommand {
    @Option(
        names = {"-f", "--force"},
        description = "Do not error if the network does not exist")
    boolean force;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      List<String> errors = new ArrayList<>();
      for (String n : args) {
        try {
          engine.networks().remove(n);
          out(n);
        } catch (EngineException e) {
          if (e.isNotConnected()) {
            throw e;
          }
          if (force && e.isNotFound()) {
            continue;
          }
          errors.add(daemonError(e));
        }
      }
      if (!errors.isEmpty()) {
        throw new CliException(String.join("\n", errors), 1);
      }
      return 0;
    }
  }

  @Command(name = "connect")
  @Docker(
      use = "[OPTIONS] NETWORK CONTAINER",
      summary = "Connect a container to a network",
      minArgs = 2,
      maxArgs = 2)
  public static final class Connect extends DockerCommand {
    @Option(
        names = "--alias",
        paramLabel = "strings",
        description = "Add network-scoped alias for the container")
    List<String> aliases = new ArrayList<>();

    @Option(
        names = "--ip",
        paramLabel = "string",
        description = "IPv4 address (e.g., \"172.30.100.104\")")
    String ip;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      engine.networks().connect(args.get(0), args.get(1), EndpointSettings.request(ip, aliases));
      return 0;
    }
  }

  @Command(name = "disconnect")
  @Docker(
      use = "[OPTIONS] NETWORK CONTAINER",
      summary = "Disconnect a container from a network",
      minArgs = 2,
      maxArgs = 2)
  public static final class Disconnect extends DockerCommand {
    @Option(
        names = {"-f", "--force"},
        description = "Force the container to disconnect from a network")
    boolean force;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      engine.networks().disconnect(args.get(0), args.get(1), force);
      return 0;
    }
  }

  @Command(name = "prune")
  @Docker(use = "[OPTIONS]", summary = "Remove all unused networks", maxArgs = 0)
  public static final class Prune extends DockerCommand {
    @Mixin PruneOptions prune = new PruneOptions();

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      return confirmThen(
          prune.force,
          PruneOptions.question(
              "WARNING! This will remove all custom networks not used by at least one container."),
          () -> {
            NetworkPruneResponse r = engine.networks().prune(filters(prune.filter));
            printDeleted("Deleted Networks:", r.networksDeleted());
            return 0;
          });
    }
  }
}
