package dev.ddlab.cli.compose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.ddlab.cli.command.CliException;
import dev.ddlab.cli.command.Docker;
import dev.ddlab.cli.compose.types.Project;
import dev.ddlab.cli.compose.types.Project.Service;
import dev.ddlab.cli.formatter.ContainerRows;
import dev.ddlab.cli.formatter.FormatContext;
import dev.ddlab.cli.formatter.Refs;
import dev.ddlab.cli.template.GoJson;
import dev.ddlab.cli.template.GoObject;
import dev.ddlab.client.CliResult;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.ExecConfig;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.engine.dto.TopResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code docker compose} subcommands (compose's {@code cmd/compose}). */
final class ComposeCommands {
  private ComposeCommands() {}

  @Command(name = "up")
  @Docker(use = "[OPTIONS] [SERVICE...]", summary = "Create and start containers")
  static final class Up extends ComposeCommand.WithShortFile {
    @Option(
        names = {"-d", "--detach"},
        description = "Detached mode: Run containers in the background")
    boolean detach;

    @Option(names = "--build", description = "Build images before starting containers.")
    boolean build;

    @Option(
        names = "--scale",
        paramLabel = "scale",
        description =
            "Scale SERVICE to NUM instances. Overrides the `scale` setting in the Compose file if"
                + " present.")
    List<String> scale = new ArrayList<>();

    @Option(
        names = "--wait",
        description = "Wait for services to be running|healthy. Implies detached mode.")
    boolean waitFor;

    @Option(
        names = "--wait-timeout",
        paramLabel = "int",
        description = "Maximum duration to wait for the project to be running|healthy.")
    int waitTimeout;

    @Option(
        names = "--remove-orphans",
        description = "Remove containers for services not defined in the Compose file.")
    boolean removeOrphans;

    @Option(
        names = "--force-recreate",
        description = "Recreate containers even if their configuration and image haven't changed.")
    boolean forceRecreate;

    @Option(
        names = {"-t", "--timeout"},
        paramLabel = "int",
        description =
            "Use this timeout in seconds for container shutdown when attached or when containers"
                + " are already running.")
    Integer timeout;

    @Parameters List<String> services = new ArrayList<>();

    @Override
    int run() {
      Project all = project(services);
      Project p = selected(all, services);
      Map<String, Integer> scales = new LinkedHashMap<>();
      for (String s : scale) {
        int eq = s.indexOf('=');
        if (eq < 0) {
          throw new CliException("invalid scale option: " + s, 1);
        }
        String svc = s.substring(0, eq);
        if (!p.services().containsKey(svc)) {
          throw new CliException("no such service: " + svc, 1);
        }
        try {
          scales.put(svc, Integer.parseInt(s.substring(eq + 1)));
        } catch (NumberFormatException e) {
          throw new CliException(
              "strconv.Atoi: parsing \"" + s.substring(eq + 1) + "\": invalid syntax", 1);
        }
      }
      ComposeService cs = compose();
      // The progress display writes to stderr now, and into the foreground stream if the start
      // has to wait for a condition after this command returned.
      StringBuilder[] later = {null};
      Progress progress = progress("Running", text -> sink(later, text));
      ComposeStart start;
      boolean started;
      try {
        cs.create(
            p,
            new ComposeService.UpOptions(build, scales, removeOrphans, all.allServices().keySet()),
            progress);
        start = new ComposeStart(engine, cs, p, progress);
        if (waitFor) {
          start.waitForAll(waitTimeout);
        }
        started = start.advance();
      } catch (RuntimeException e) {
        progress.finish();
        cs.warnings.forEach(this::warn);
        throw e;
      }
      if (started) {
        progress.finish();
      }
      cs.warnings.forEach(this::warn);
      boolean tty = tty();
      Function<Consumer<String>, Progress> stopping = stoppingProgress();
      Function<Consumer<String>, Attachment> then =
          detach || waitFor ? null : out -> attach(cs, p, out, tty, stopping);
      if (started) {
        start.takeWarnings().forEach(this::warn);
        if (then != null) {
          result = CliResult.attached(then.apply(io::out));
        }
        return 0;
      }
      StringBuilder stream = new StringBuilder();
      later[0] = stream;
      Consumer<String> warn = w -> stream.append(warning(w));
      result = CliResult.attached(new UpStream(start, progress, stream, warn, then));
      return 0;
    }

    private void sink(StringBuilder[] later, String text) {
      if (later[0] == null) {
        io.err(text);
      } else {
        later[0].append(text);
      }
    }

    /** The foreground half: "Attaching to …", the logs so far, then the containers' output. */
    private Attachment attach(
        ComposeService cs,
        Project p,
        Consumer<String> out,
        boolean tty,
        Function<Consumer<String>, Progress> stopping) {
      List<ContainerSummary> attached = cs.containers(p.name(), true, services);
      List<String> names = new ArrayList<>();
      attached.forEach(c -> names.add(ComposeService.name(c)));
      out.accept("Attaching to " + String.join(", ", names) + "\n");
      LogPrinter printer = new LogPrinter(names, tty);
      out.accept(printer.history(engine, attached, "all", false, true));
      return new ComposeAttachment(engine, attached, printer, true, stopping, timeout);
    }
  }

  @Command(name = "down")
  @Docker(use = "[OPTIONS] [SERVICES]", summary = "Stop and remove containers, networks")
  static final class Down extends ComposeCommand.WithShortFile {
    @Option(
        names = {"-v", "--volumes"},
        description =
            "Remove named volumes declared in the \"volumes\" section of the Compose file and"
                + " anonymous volumes attached to containers.")
    boolean volumes;

    @Option(
        names = "--rmi",
        paramLabel = "string",
        description =
            "Remove images used by services. \"local\" remove only images that don't have a"
                + " custom tag (\"local\"|\"all\")")
    String rmi = "";

    @Option(
        names = "--remove-orphans",
        description = "Remove containers for services not defined in the Compose file.")
    boolean removeOrphans;

    @Option(
        names = {"-t", "--timeout"},
        paramLabel = "int",
        description = "Specify a shutdown timeout in seconds")
    Integer timeout;

    @Parameters List<String> services = new ArrayList<>();

    @Override
    int run() {
      if (!rmi.isEmpty() && !rmi.equals("all") && !rmi.equals("local")) {
        throw new CliException("invalid value for --rmi: " + rmi, 1);
      }
      Project p = project();
      ComposeService cs = compose();
      try {
        withProgress(
            "Running",
            pr ->
                cs.down(
                    p, new ComposeService.DownOptions(volumes, rmi, removeOrphans, timeout), pr));
      } finally {
        cs.warnings.forEach(this::warn);
      }
      return 0;
    }
  }

  @Command(name = "ps")
  @Docker(use = "[OPTIONS] [SERVICE...]", summary = "List containers")
  static final class Ps extends ComposeCommand.WithShortFile {
    @Option(
        names = {"-a", "--all"},
        description = "Show all stopped containers (including those created by the run command)")
    boolean all;

    @Option(
        names = {"-q", "--quiet"},
        description = "Only display IDs")
    boolean quiet;

    @Option(names = "--services", description = "Display services")
    boolean servicesOnly;

    @Option(
        names = "--format",
        paramLabel = "string",
        description = "Format output using a custom template",
        defaultValue = "table")
    String format = "table";

    @Parameters List<String> services = new ArrayList<>();

    @Override
    int run() {
      Project p = project(services);
      List<ContainerSummary> cs = compose().containers(p.name(), all, services, all);
      if (quiet) {
        cs.forEach(c -> out(c.id()));
        return 0;
      }
      if (servicesOnly) {
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        cs.forEach(c -> seen.add(ComposeService.label(c, ComposeService.SERVICE)));
        seen.forEach(this::out);
        return 0;
      }
      List<GoObject> rows = new ArrayList<>();
      long now = now();
      for (ContainerSummary c : cs) {
        GoObject o = ContainerRows.row(c, true, now);
        o.getter("Name", () -> ComposeService.name(c));
        o.getter("Service", () -> ComposeService.label(c, ComposeService.SERVICE));
        o.getter("Project", () -> ComposeService.label(c, ComposeService.PROJECT));
        o.getter("Image", c::image);
        rows.add(o);
      }
      String fmt =
          format.equals("table")
              ? "table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}"
              : format;
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Name", "NAME");
      h.put("Image", "IMAGE");
      h.put("Command", "COMMAND");
      h.put("Service", "SERVICE");
      h.put("RunningFor", "CREATED");
      h.put("Status", "STATUS");
      h.put("Ports", "PORTS");
      h.put("ID", "CONTAINER ID");
      h.put("State", "STATE");
      h.put("Project", "PROJECT");
      print(fmt, rows, FormatContext.header(h));
      return 0;
    }
  }

  @Command(name = "ls")
  @Docker(use = "[OPTIONS]", summary = "List running compose projects", maxArgs = 0)
  static final class Ls extends ComposeCommand.WithShortFile {
    @Option(
        names = {"-a", "--all"},
        description = "Show all stopped Compose projects")
    boolean all;

    @Option(
        names = {"-q", "--quiet"},
        description = "Only display IDs.")
    boolean quiet;

    @Option(
        names = "--format",
        paramLabel = "string",
        description = "Format the output. Values: [table | json]",
        defaultValue = "table")
    String format = "table";

    @Override
    int run() {
      Map<String, List<ContainerSummary>> byProject = new TreeMap<>();
      for (ContainerSummary c :
          engine
              .containers()
              .list(all, 0, false, Map.of("label", List.of(ComposeService.PROJECT)))) {
        byProject
            .computeIfAbsent(
                ComposeService.label(c, ComposeService.PROJECT), k -> new ArrayList<>())
            .add(c);
      }
      if (quiet) {
        byProject.keySet().forEach(this::out);
        return 0;
      }
      List<GoObject> rows = new ArrayList<>();
      for (Map.Entry<String, List<ContainerSummary>> e : byProject.entrySet()) {
        Map<String, Integer> states = new TreeMap<>();
        java.util.Set<String> files = new java.util.LinkedHashSet<>();
        for (ContainerSummary c : e.getValue()) {
          states.merge(c.state(), 1, Integer::sum);
          String f = ComposeService.label(c, ComposeService.CONFIG_FILES);
          if (!f.isEmpty()) {
            files.add(f);
          }
        }
        List<String> parts = new ArrayList<>();
        states.forEach((k, v) -> parts.add(k + "(" + v + ")"));
        GoObject o = new GoObject("api.Stack");
        o.field("Name", e.getKey());
        o.field("Status", String.join(", ", parts));
        o.field("ConfigFiles", String.join(",", files));
        rows.add(o);
      }
      if (format.equals("json")) {
        out(GoJson.marshal(rows, true)); // compose's json.Marshal of its stacks
        return 0;
      }
      if (!format.equals("table")) {
        throw new CliException(
            "format value \"" + format + "\" could not be parsed: unsupported", 1);
      }
      print(
          "table {{.Name}}\t{{.Status}}\t{{.ConfigFiles}}",
          rows,
          FormatContext.header("Name", "NAME", "Status", "STATUS", "ConfigFiles", "CONFIG FILES"));
      return 0;
    }
  }

  @Command(name = "logs")
  @Docker(use = "[OPTIONS] [SERVICE...]", summary = "View output from containers")
  static final class Logs extends ComposeCommand {
    @Option(
        names = {"-f", "--follow"},
        description = "Follow log output.")
    boolean follow;

    @Option(
        names = {"-n", "--tail"},
        paramLabel = "string",
        description = "Number of lines to show from the end of the logs for each container.",
        defaultValue = "all")
    String tail = "all";

    @Option(
        names = {"-t", "--timestamps"},
        description = "Show timestamps.")
    boolean timestamps;

    @Option(names = "--no-color", description = "Produce monochrome output.")
    boolean noColor;

    @Option(names = "--no-log-prefix", description = "Don't print prefix in logs.")
    boolean noPrefix;

    @Parameters List<String> services = new ArrayList<>();

    @Override
    int run() {
      Project p = project(services);
      List<ContainerSummary> cs = compose().containers(p.name(), true, services);
      List<String> names = new ArrayList<>();
      cs.forEach(c -> names.add(ComposeService.name(c)));
      LogPrinter printer = new LogPrinter(names, tty() && !noColor);
      printer.noPrefix = noPrefix;
      io.out(printer.history(engine, cs, tail, timestamps));
      if (follow) {
        List<ContainerSummary> running = new ArrayList<>();
        for (ContainerSummary c : cs) {
          if ("running".equals(c.state()) || "restarting".equals(c.state())) {
            running.add(c);
          }
        }
        if (!running.isEmpty()) {
          result =
              CliResult.attached(
                  new ComposeAttachment(engine, running, printer, false, stoppingProgress(), null));
        }
      }
      return 0;
    }
  }

  /** A subcommand over some of the project's services (all when none is named). */
  abstract static class WithServices extends ComposeCommand.WithShortFile {
    @Parameters List<String> services = new ArrayList<>();
  }

  @Command(name = "stop")
  @Docker(use = "[OPTIONS] [SERVICE...]", summary = "Stop services")
  static final class Stop extends WithServices {
    @Option(
        names = {"-t", "--timeout"},
        paramLabel = "int",
        description = "Specify a shutdown timeout in seconds")
    Integer timeout;

    @Override
    int run() {
      Project p = project(services);
      withProgress("Stopping", pr -> compose().stop(p, services, timeout, pr));
      return 0;
    }
  }

  @Command(name = "start")
  @Docker(use = "[SERVICE...]", summary = "Start services")
  static final class Start extends WithServices {
    @Override
    int run() {
      Project p = project(services);
      withProgress("Running", pr -> compose().start(p, services, pr));
      return 0;
    }
  }

  @Command(name = "restart")
  @Docker(use = "[OPTIONS] [SERVICE...]", summary = "Restart service containers")
  static final class Restart extends WithServices {
    @Option(
        names = {"-t", "--timeout"},
        paramLabel = "int",
        description = "Specify a shutdown timeout in seconds")
    Integer timeout;

    @Override
    int run() {
      Project p = project(services);
      withProgress("Restarting", pr -> compose().restart(p, services, timeout, pr));
      return 0;
    }
  }

  @Command(name = "rm")
  @Docker(use = "[OPTIONS] [SERVICE...]", summary = "Removes stopped service containers")
  static final class Rm extends ComposeCommand {
    @Parameters List<String> services = new ArrayList<>();

    @Option(
        names = {"-f", "--force"},
        description = "Don't ask to confirm removal")
    boolean force;

    @Option(
        names = {"-s", "--stop"},
        description = "Stop the containers, if required, before removing")
    boolean stop;

    @Option(
        names = {"-v", "--volumes"},
        description = "Remove any anonymous volumes attached to containers")
    boolean volumes;

    @Override
    int run() {
      Project p = project(services);
      ComposeService cs = compose();
      if (stop) {
        withProgress("Stopping", pr -> cs.stop(p, services, null, pr));
      }
      List<ContainerSummary> stopped = cs.stopped(p, services);
      if (stopped.isEmpty()) {
        err("No stopped containers");
        return 0;
      }
      List<String> names = new ArrayList<>();
      stopped.forEach(c -> names.add(ComposeService.name(c)));
      String msg = "Going to remove " + String.join(", ", names);
      if (force) {
        out(msg);
      } else {
        io.out("? " + msg + " (y/N) ");
        String answer = io.readLine();
        io.out("\n");
        if (answer == null || !answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
          return 0;
        }
      }
      withProgress("Removing", pr -> cs.remove(stopped, volumes, pr));
      return 0;
    }
  }

  @Command(name = "pull")
  @Docker(use = "[OPTIONS] [SERVICE...]", summary = "Pull service images")
  static final class Pull extends WithServices {
    @Option(
        names = {"-q", "--quiet"},
        description = "Pull without printing progress information")
    boolean quiet;

    @Override
    int run() {
      Project p = project(services).select(services);
      ComposeService cs = compose();
      if (quiet) {
        progressMode = "quiet"; // compose's pull -q runs under the quiet progress writer
      }
      withProgress(
          "Pulling",
          progress -> {
            for (String name : p.startOrder()) {
              Service s = p.services().get(name);
              if (s.image() == null || s.image().isEmpty()) {
                progress.warning(s.name(), "Skipped - No image to be pulled");
                continue;
              }
              cs.pull(s.name(), s.image(), progress);
            }
          });
      return 0;
    }
  }

  @Command(name = "build")
  @Docker(use = "[OPTIONS] [SERVICE...]", summary = "Build or rebuild services")
  static final class Build extends WithServices {
    @Override
    int run() {
      Project p = project(services).select(services);
      for (String name : p.startOrder()) {
        Service s = p.services().get(name);
        if (s.build() != null) {
          compose().ensureImages(p.select(List.of(name)), true, progress("Building"));
        }
      }
      return 0;
    }
  }

  @Command(name = "images")
  @Docker(use = "[OPTIONS] [SERVICE...]", summary = "List images used by the created containers")
  static final class Images extends WithServices {
    @Option(
        names = {"-q", "--quiet"},
        description = "Only display IDs")
    boolean quiet;

    @Override
    int run() {
      Project p = project(services);
      List<GoObject> rows = new ArrayList<>();
      for (ContainerSummary c : compose().containers(p.name(), true, services)) {
        ImageInspect img = engine.images().inspect(c.imageId());
        String[] nameTag = Refs.splitTag(c.image());
        String repo = nameTag[0];
        String tag = nameTag[1] == null ? "latest" : nameTag[1];
        if (quiet) {
          out(img.id().replaceFirst("^sha256:", ""));
          continue;
        }
        GoObject o = new GoObject("imageContext");
        o.field("Container", ComposeService.name(c));
        o.field("Repository", repo);
        o.field("Tag", tag);
        o.field("ID", Refs.truncateId(img.id()));
        o.field("Size", dev.ddlab.go.GoUnits.humanSize(img.size()));
        rows.add(o);
      }
      if (!quiet) {
        print(
            "table {{.Container}}\t{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}",
            rows,
            FormatContext.header(
                "Container",
                "CONTAINER",
                "Repository",
                "REPOSITORY",
                "Tag",
                "TAG",
                "ID",
                "IMAGE ID",
                "Size",
                "SIZE"));
      }
      return 0;
    }
  }

  @Command(name = "top")
  @Docker(use = "[SERVICES...]", summary = "Display the running processes")
  static final class Top extends WithServices {
    @Override
    int run() {
      Project p = project(services);
      boolean first = true;
      for (ContainerSummary c : compose().containers(p.name(), false, services)) {
        TopResponse top = engine.containers().top(c.id(), "");
        if (!first) {
          out("");
        }
        first = false;
        out(ComposeService.name(c));
        List<GoObject> rows = new ArrayList<>();
        List<String> titles = top.titles();
        for (List<String> proc : top.processes()) {
          GoObject o = new GoObject("row");
          for (int i = 0; i < titles.size(); i++) {
            o.field("C" + i, i < proc.size() ? proc.get(i) : "");
          }
          rows.add(o);
        }
        StringBuilder f = new StringBuilder("table ");
        String[] header = new String[titles.size() * 2];
        for (int i = 0; i < titles.size(); i++) {
          f.append(i > 0 ? "\t" : "").append("{{.C").append(i).append("}}");
          header[2 * i] = "C" + i;
          header[2 * i + 1] = titles.get(i);
        }
        print(f.toString(), rows, FormatContext.header(header));
      }
      return 0;
    }
  }

  @Command(name = "config")
  @Docker(
      use = "[OPTIONS] [SERVICE...]",
      summary = "Parse, resolve and render compose file in canonical format")
  static final class Config extends WithServices {
    @Option(
        names = {"-q", "--quiet"},
        description = "Only validate the configuration, don't print anything.")
    boolean quiet;

    @Option(names = "--services", description = "Print the service names, one per line.")
    boolean servicesOnly;

    @Option(names = "--volumes", description = "Print the volume names, one per line.")
    boolean volumesOnly;

    @Option(names = "--profiles", description = "Print the profile names, one per line.")
    boolean profilesOnly;

    @Option(
        names = "--format",
        paramLabel = "string",
        description = "Format the output. Values: [yaml | json]",
        defaultValue = "yaml")
    String format = "yaml";

    @Override
    int run() {
      Project p = project(services);
      if (quiet) {
        return 0;
      }
      if (servicesOnly) {
        p.services().keySet().forEach(this::out);
        return 0;
      }
      if (volumesOnly) {
        p.volumes().keySet().forEach(this::out);
        return 0;
      }
      if (profilesOnly) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        p.allServices().values().forEach(s -> names.addAll(s.profiles()));
        names.forEach(this::out);
        return 0;
      }
      Map<String, Object> doc = CanonicalConfig.render(p.select(services));
      try {
        if (format.equals("json")) {
          io.out(CanonicalConfig.json(doc) + "\n");
        } else {
          io.out(
              new ObjectMapper(
                      new YAMLFactory()
                          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR))
                  .writeValueAsString(doc));
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new CliException(e.getOriginalMessage(), 1);
      }
      return 0;
    }
  }

  @Command(name = "exec")
  @Docker(
      use = "[OPTIONS] SERVICE COMMAND [ARGS...]",
      summary = "Execute a command in a running container",
      minArgs = 2,
      stopAtPositional = true)
  static final class Exec extends ComposeCommand.WithShortFile {
    @Option(
        names = {"-d", "--detach"},
        description = "Detached mode: Run command in the background.")
    boolean detach;

    @Option(
        names = {"-T", "--no-TTY"},
        description =
            "Disable pseudo-TTY allocation. By default `docker compose exec` allocates a TTY.")
    boolean noTty;

    @Option(
        names = "--index",
        paramLabel = "int",
        defaultValue = "1",
        description = "index of the container if service has multiple replicas")
    int index;

    @Option(
        names = {"-e", "--env"},
        paramLabel = "stringArray",
        description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(
        names = {"-u", "--user"},
        paramLabel = "string",
        description = "Run the command as this user")
    String user = "";

    @Option(
        names = {"-w", "--workdir"},
        paramLabel = "string",
        description = "Path to workdir directory for this command")
    String workdir = "";

    @Parameters List<String> args = new ArrayList<>();

    @Override
    int run() {
      ContainerSummary target = ComposeControl.replica(this, args.get(0), index);
      boolean tty = !noTty && io.isTty();
      ExecConfig config =
          new ExecConfig(
              !detach,
              !detach,
              !detach,
              "",
              tty,
              env.isEmpty() ? null : env,
              new ArrayList<>(args.subList(1, args.size())),
              false,
              user,
              workdir);
      String execId = engine.containers().execCreate(target.id(), config);
      Attachment a = engine.containers().execStart(execId, detach, tty);
      if (detach) {
        return 0;
      }
      if (tty) {
        result = CliResult.attached(a);
        return 0;
      }
      return followForeground(a);
    }
  }

  @Command(name = "version")
  @Docker(use = "[OPTIONS]", summary = "Show the Docker Compose version information", maxArgs = 0)
  static final class Version extends dev.ddlab.cli.command.DockerCommand {
    @Option(
        names = {"-f", "--format"},
        paramLabel = "string",
        description = "Format the output. Values: [pretty | json]. (Default: pretty)")
    String versionFormat = "";

    @Option(names = "--short", description = "Shows only Compose's version number.")
    boolean shortVersion;

    @Override
    public Integer call() {
      if (shortVersion) {
        out(ComposeService.VERSION);
      } else if (versionFormat.equals("json")) {
        out("{\"version\":\"v" + ComposeService.VERSION + "\"}");
      } else {
        out("Docker Compose version v" + ComposeService.VERSION);
      }
      return 0;
    }
  }
}
