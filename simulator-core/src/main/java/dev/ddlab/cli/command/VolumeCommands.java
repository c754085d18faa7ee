package dev.ddlab.cli.command;

import dev.ddlab.cli.formatter.FormatContext;
import dev.ddlab.cli.template.GoObject;
import dev.ddlab.engine.dto.Volume;
import dev.ddlab.engine.dto.VolumeCreateRequest;
import dev.ddlab.engine.dto.VolumePruneResponse;
import dev.ddlab.go.GoUnits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** docker/cli's cli/command/volume. */
public final class VolumeCommands {
  private VolumeCommands() {}

  @Command(name = "ls")
  @Docker(
      use = "[OPTIONS]",
      summary = "List volumes",
      aliases = "docker volume ls, docker volume list",
      maxArgs = 0)
  public static final class Ls extends DockerCommand {
    @Option(
        names = {"-f", "--filter"},
        paramLabel = "filter",
        description = "Provide filter values (e.g. \"dangling=true\")")
    List<String> filter = new ArrayList<>();

    @Option(names = "--format", paramLabel = "string", description = TABLE_FORMAT_HELP)
    String format = "";

    @Option(
        names = {"-q", "--quiet"},
        description = "Only display volume names")
    boolean quiet;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      List<Volume> vols = new ArrayList<>(engine.volumes().list(filters(filter)));
      vols.sort((a, b) -> a.name().compareTo(b.name()));
      List<GoObject> rows = new ArrayList<>();
      for (Volume v : vols) {
        GoObject o = new GoObject("*formatter.volumeContext").jsonSorted();
        o.getter("Name", v::name);
        o.getter("Driver", v::driver);
        o.getter("Scope", v::scope);
        o.getter("Mountpoint", v::mountpoint);
        o.getter("CreatedAt", v::createdAt);
        o.getter(
            "Labels",
            () -> {
              List<String> l = new ArrayList<>();
              if (v.labels() != null) {
                v.labels().forEach((k, val) -> l.add(k + "=" + val));
              }
              return String.join(",", l);
            });
        o.getter(
            "Links",
            () ->
                v.usageData() == null
                    ? "N/A"
                    : Long.toString(v.usageData().getOrDefault("RefCount", -1L)));
        o.getter(
            "Size",
            () ->
                v.usageData() == null
                    ? "N/A"
                    : GoUnits.humanSize4(v.usageData().getOrDefault("Size", 0L)));
        Map<String, String> labels = v.labels() == null ? Map.of() : v.labels();
        o.method("Label", 1, a -> labels.getOrDefault(String.valueOf(a.get(0)), ""));
        rows.add(o);
      }
      String fmt =
          format.isEmpty() || format.equals("table")
              ? (quiet ? "{{.Name}}" : "table {{.Driver}}\t{{.Name}}")
              : (quiet ? "{{.Name}}" : format);
      print(
          fmt,
          rows,
          FormatContext.header(
              "Name", "VOLUME NAME",
              "Driver", "DRIVER",
              "Scope", "SCOPE",
              "Mountpoint", "MOUNTPOINT",
              "Labels", "LABELS",
              "Links", "LINKS",
              "Size", "SIZE",
              "CreatedAt", "CREATED AT"));
      return 0;
    }
  }

  @Command(name = "create")
  @Docker(use = "[OPTIONS] [VOLUME]", summary = "Create a volume", maxArgs = 1)
  public static final class Create extends DockerCommand {
    @Option(
        names = {"-d", "--driver"},
        paramLabel = "string",
        description = "Specify volume driver name",
        defaultValue = "local")
    String driver = "local";

    @Option(names = "--label", paramLabel = "list", description = "Set metadata for a volume")
    List<String> labels = new ArrayList<>();

    @Option(
        names = "--name",
        paramLabel = "string",
        description = "Specify volume name",
        hidden = true)
    String name = "";

    @Option(
        names = {"-o", "--opt"},
        paramLabel = "map",
        description = "Set driver specific options")
    List<String> opts = new ArrayList<>();

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String n = args.isEmpty() ? name : args.get(0);
      if (!args.isEmpty() && !name.isEmpty() && !name.equals(args.get(0))) {
        throw new CliException(
            "conflicting options: either specify --name or provide positional arg, not both", 1);
      }
      Volume v =
          engine
              .volumes()
              .create(
                  new VolumeCreateRequest(
                      n, driver, DockerCommand.kv(opts), DockerCommand.kv(labels)));
      out(v.name());
      return 0;
    }
  }

  @Command(name = "inspect")
  @Docker(
      use = "[OPTIONS] VOLUME [VOLUME...]",
      summary = "Display detailed information on one or more volumes",
      minArgs = 1)
  public static final class Inspect extends DockerCommand {
    @Option(
        names = {"-f", "--format"},
        paramLabel = "string",
        description = "Format output using a custom template")
    String format = "";

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      return Inspector.inspect(this, args, format, ref -> engine.volumes().inspect(ref));
    }
  }

  @Command(name = "rm")
  @Docker(
      use = "[OPTIONS] VOLUME [VOLUME...]",
      summary = "Remove one or more volumes",
      aliases = "docker volume rm, docker volume remove",
      minArgs = 1)
  public static final class Rm extends DockerCommand {
    @Option(
        names = {"-f", "--force"},
        description = "Force the removal of one or more volumes")
    boolean force;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      return forEachName(args, n -> engine.volumes().remove(n, force));
    }
  }

  @Command(name = "prune")
  @Docker(use = "[OPTIONS]", summary = "Remove unused local volumes", maxArgs = 0)
  public static final class Prune extends DockerCommand {
    @Option(
        names = {"-a", "--all"},
        description = "Remove all unused volumes, not just anonymous ones")
    boolean all;

    @Mixin PruneOptions prune = new PruneOptions();

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      return confirmThen(
          prune.force,
          PruneOptions.question(
              "WARNING! This will remove "
                  + (all ? "all local volumes" : "anonymous local volumes")
                  + " not used by at least one container."),
          () -> {
            Map<String, List<String>> f = filters(prune.filter);
            if (all) {
              f.put("all", List.of("true"));
            }
            VolumePruneResponse r = engine.volumes().prune(f);
            printDeleted("Deleted Volumes:", r.volumesDeleted());
            out("Total reclaimed space: " + GoUnits.humanSize(r.spaceReclaimed()));
            return 0;
          });
    }
  }
}
