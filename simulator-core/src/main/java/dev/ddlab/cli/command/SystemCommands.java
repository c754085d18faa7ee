package dev.ddlab.cli.command;

import dev.ddlab.cli.formatter.FormatContext;
import dev.ddlab.cli.formatter.InspectData;
import dev.ddlab.cli.formatter.TabWriter;
import dev.ddlab.cli.template.Functions;
import dev.ddlab.cli.template.GoObject;
import dev.ddlab.cli.template.Nil;
import dev.ddlab.cli.template.Template;
import dev.ddlab.cli.template.TemplateException;
import dev.ddlab.cli.template.TemplateFunction;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerPruneResponse;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.NetworkPruneResponse;
import dev.ddlab.engine.dto.SystemDf;
import dev.ddlab.engine.dto.Volume;
import dev.ddlab.engine.dto.VolumePruneResponse;
import dev.ddlab.go.GoUnits;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** docker/cli's cli/command/system: version, info, df, prune, events. */
public final class SystemCommands {
  private SystemCommands() {}

  static final String VERSION_TEMPLATE =
      """
      {{with .Client -}}
      Client:{{if ne .Platform nil}}{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}{{end}}
       Version:\t{{.Version}}
       API version:\t{{.APIVersion}}{{if ne .APIVersion .DefaultAPIVersion}} (downgraded from {{.DefaultAPIVersion}}){{end}}
       Go version:\t{{.GoVersion}}
       Git commit:\t{{.GitCommit}}
       Built:\t{{.BuildTime}}
       OS/Arch:\t{{.Os}}/{{.Arch}}
       Context:\t{{.Context}}
      {{- end}}

      {{- if ne .Server nil}}{{with .Server}}

      Server:{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}
       {{- range $component := .Components}}
       {{$component.Name}}:
        {{- if eq $component.Name "Engine" }}
        Version:\t{{.Version}}
        API version:\t{{index .Details "ApiVersion"}} (minimum version {{index .Details "MinAPIVersion"}})
        Go version:\t{{index .Details "GoVersion"}}
        Git commit:\t{{index .Details "GitCommit"}}
        Built:\t{{index .Details "BuildTime"}}
        OS/Arch:\t{{index .Details "Os"}}/{{index .Details "Arch"}}
        Experimental:\t{{index .Details "Experimental"}}
        {{- else }}
        Version:\t{{$component.Version}}
        {{- $detailsOrder := getDetailsOrder $component}}
        {{- range $key := $detailsOrder}}
        {{$key}}:\t{{index $component.Details $key}}
         {{- end}}
        {{- end}}
       {{- end}}
       {{- end}}{{- end}}""";

  @Command(name = "version")
  @Docker(use = "[OPTIONS]", summary = "Show the Docker version information", maxArgs = 0)
  public static final class Version extends DockerCommand {
    @Option(
        names = {"-f", "--format"},
        paramLabel = "string",
        description = INSPECT_FORMAT_HELP)
    String format = "";

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String text =
          format.isEmpty() ? VERSION_TEMPLATE : format.equals("json") ? "{{json .}}" : format;
      Template tmpl = PARSED.get(text);
      if (tmpl == null) {
        try {
          tmpl = Template.parse("version", text, FUNCS);
        } catch (TemplateException e) {
          throw new CliException("template parsing error: " + e.getMessage(), 64);
        }
        PARSED.put(text, tmpl);
      }
      GoObject client =
          new GoObject("main.clientVersion")
              .field(
                  "Platform",
                  new GoObject("*main.platformInfo").field("Name", "Docker Engine - Community"))
              .field("Version", Dispatcher.CLIENT_VERSION)
              .field("ApiVersion", "1.43")
              .field("APIVersion", "1.43")
              .field("DefaultAPIVersion", "1.43")
              .field("GitCommit", Dispatcher.CLIENT_COMMIT)
              .field("GoVersion", "go1.20.10")
              .field("Os", "linux")
              .field("Arch", "amd64")
              .field("BuildTime", "Thu Oct 26 09:07:41 2023")
              .field("Context", "default");
      EngineException failure = null;
      Object server = Nil.POINTER;
      try {
        server = serverVersion(engine.system().version());
      } catch (EngineException e) {
        failure = e;
      }
      GoObject data =
          new GoObject("main.versionInfo").field("Client", client).field("Server", server);
      StringBuilder sb = new StringBuilder();
      TemplateException tfail = null;
      try {
        tmpl.executeInto(sb, data);
      } catch (TemplateException e) {
        tfail = e;
      }
      sb.append('\n');
      io.out(new TabWriter(20, 1).format(sb.toString()));
      if (failure != null) {
        throw failure;
      }
      if (tfail != null) {
        throw new CliException("template: " + tfail.getMessage(), 1);
      }
      return 0;
    }

    /** docker/cli's functions and version.go's getDetailsOrder. */
    private static final Map<String, TemplateFunction> FUNCS = versionFunctions();

    /** Parsed version templates by text (the default one above all): a template is immutable. */
    private static final Map<String, Template> PARSED = dev.ddlab.cli.template.Lru.of(32);

    private static Map<String, TemplateFunction> versionFunctions() {
      Map<String, TemplateFunction> funcs = new LinkedHashMap<>(Functions.docker());
      funcs.put(
          "getDetailsOrder",
          a -> {
            Object details = a.get(0) instanceof Map<?, ?> m ? m.get("Details") : null;
            List<Object> keys = new ArrayList<>();
            if (details instanceof Map<?, ?> d) {
              new TreeMap<>(d).keySet().forEach(k -> keys.add(String.valueOf(k)));
            }
            return keys;
          });
      return funcs;
    }

    /** version.go's reformatDate: RFC 3339 build times are shown in time.ANSIC. */
    static String reformatDate(String buildTime) {
      if (buildTime == null) {
        return "";
      }
      try {
        java.time.OffsetDateTime t = java.time.OffsetDateTime.parse(buildTime);
        return DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", java.util.Locale.ROOT)
            .format(t);
      } catch (java.time.format.DateTimeParseException e) {
        return buildTime;
      }
    }

    private static Object serverVersion(dev.ddlab.engine.dto.Version v) {
      Map<String, Object> out = new LinkedHashMap<>();
      Map<String, Object> platform = new LinkedHashMap<>();
      platform.put("Name", v.platform() == null ? "" : v.platform().getOrDefault("Name", ""));
      out.put("Platform", platform);
      List<Object> components = new ArrayList<>();
      boolean engineFound = false;
      if (v.components() != null) {
        for (Map<String, Object> c : v.components()) {
          Object converted = InspectData.of(c);
          if (converted instanceof Map<?, ?> m
              && m.get("Details") instanceof Map<?, ?> d
              && d.get("BuildTime") instanceof String bt) {
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) d;
            details.put("BuildTime", reformatDate(bt));
          }
          if ("Engine".equals(c.get("Name"))) {
            engineFound = true;
          }
          components.add(converted);
        }
      }
      if (!engineFound) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ApiVersion", v.apiVersion());
        details.put("MinAPIVersion", v.minApiVersion());
        details.put("GitCommit", v.gitCommit());
        details.put("GoVersion", v.goVersion());
        details.put("Os", v.os());
        details.put("Arch", v.arch());
        details.put("BuildTime", reformatDate(v.buildTime()));
        details.put("Experimental", "false");
        Map<String, Object> engineComponent = new LinkedHashMap<>();
        engineComponent.put("Name", "Engine");
        engineComponent.put("Version", v.version());
        engineComponent.put("Details", details);
        components.add(0, engineComponent);
      }
      out.put("Components", components);
      out.put("Version", v.version());
      out.put("ApiVersion", v.apiVersion());
      out.put("MinAPIVersion", v.minApiVersion());
      out.put("GitCommit", v.gitCommit());
      out.put("GoVersion", v.goVersion());
      out.put("Os", v.os());
      out.put("Arch", v.arch());
      out.put("KernelVersion", v.kernelVersion());
      out.put("BuildTime", v.buildTime());
      return out;
    }
  }

  @Command(name = "info")
  @Docker(use = "[OPTIONS]", summary = "Display system-wide information", maxArgs = 0)
  public static final class Info extends DockerCommand {
    @Option(
        names = {"-f", "--format"},
        paramLabel = "string",
        description = INSPECT_FORMAT_HELP)
    String format = "";

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      if (!format.isEmpty()) {
        dev.ddlab.engine.dto.Info info = engine.system().info();
        return Inspector.inspect(this, List.of("info"), format, ref -> info);
      }
      StringBuilder sb = new StringBuilder();
      sb.append("Client: Docker Engine - Community\n");
      sb.append(" Version:    ").append(Dispatcher.CLIENT_VERSION).append('\n');
      sb.append(" Context:    default\n");
      sb.append(" Debug Mode: false\n");
      io.out(sb.toString());
      dev.ddlab.engine.dto.Info i;
      try {
        i = engine.system().info();
      } catch (EngineException e) {
        io.out("\nServer:\n");
        throw new CliException(
            "ERROR: " + DockerCommand.daemonError(e) + "\nerrors pretty printing info", 1);
      }
      io.out(server(i));
      return 0;
    }

    private static String server(dev.ddlab.engine.dto.Info i) {
      StringBuilder sb = new StringBuilder("\nServer:\n");
      sb.append(" Containers: ").append(i.containers()).append('\n');
      sb.append("  Running: ").append(i.containersRunning()).append('\n');
      sb.append("  Paused: ").append(i.containersPaused()).append('\n');
      sb.append("  Stopped: ").append(i.containersStopped()).append('\n');
      sb.append(" Images: ").append(i.images()).append('\n');
      sb.append(" Server Version: ").append(nz(i.serverVersion())).append('\n');
      sb.append(" Storage Driver: ").append(nz(i.driver())).append('\n');
      if (i.driverStatus() != null) {
        for (List<String> kv : i.driverStatus()) {
          sb.append("  ")
              .append(kv.get(0))
              .append(": ")
              .append(kv.size() > 1 ? kv.get(1) : "")
              .append('\n');
        }
      }
      sb.append(" Logging Driver: ").append(nz(i.loggingDriver())).append('\n');
      sb.append(" Cgroup Driver: ").append(nz(i.cgroupDriver())).append('\n');
      sb.append(" Cgroup Version: ").append(nz(i.cgroupVersion())).append('\n');
      if (i.plugins() != null) {
        sb.append(" Plugins:\n");
        for (String k : List.of("Volume", "Network", "Authorization", "Log")) {
          List<String> p = i.plugins().get(k);
          if (p != null && !p.isEmpty()) {
            sb.append("  ").append(k).append(": ").append(String.join(" ", p)).append('\n');
          }
        }
      }
      Object state =
          i.swarm() == null ? "inactive" : i.swarm().getOrDefault("LocalNodeState", "inactive");
      sb.append(" Swarm: ")
          .append(String.valueOf(state).isEmpty() ? "inactive" : state)
          .append('\n');
      if (i.runtimes() != null) {
        sb.append(" Runtimes: ")
            .append(String.join(" ", new TreeMap<>(i.runtimes()).keySet()))
            .append('\n');
      }
      sb.append(" Default Runtime: ").append(nz(i.defaultRuntime())).append('\n');
      sb.append(" Init Binary: ").append(nz(i.initBinary())).append('\n');
      sb.append(" containerd version: 61f9fd88f79f081d64d6fa3bb1a0dc71ec870523\n");
      sb.append(" runc version: v1.1.9-0-gccaecfc\n");
      sb.append(" init version: de40ad0\n");
      if (i.securityOptions() != null && !i.securityOptions().isEmpty()) {
        sb.append(" Security Options:\n");
        for (String so : i.securityOptions()) {
          String[] parts = so.split(",");
          for (String part : parts) {
            if (part.startsWith("name=")) {
              sb.append("  ").append(part.substring(5)).append('\n');
            } else if (part.startsWith("profile=")) {
              sb.append("   Profile: ").append(part.substring(8)).append('\n');
            }
          }
        }
      }
      sb.append(" Kernel Version: ").append(nz(i.kernelVersion())).append('\n');
      sb.append(" Operating System: ").append(nz(i.operatingSystem())).append('\n');
      sb.append(" OSType: ").append(nz(i.osType())).append('\n');
      sb.append(" Architecture: ").append(nz(i.architecture())).append('\n');
      sb.append(" CPUs: ").append(i.ncpu()).append('\n');
      sb.append(" Total Memory: ").append(GoUnits.bytesSize(i.memTotal())).append('\n');
      sb.append(" Name: ").append(nz(i.name())).append('\n');
      sb.append(" ID: ").append(nz(i.id())).append('\n');
      sb.append(" Docker Root Dir: ").append(nz(i.dockerRootDir())).append('\n');
      sb.append(" Debug Mode: ").append(i.debug()).append('\n');
      sb.append(" Experimental: ").append(i.experimentalBuild()).append('\n');
      sb.append(" Insecure Registries:\n  127.0.0.0/8\n");
      sb.append(" Live Restore Enabled: ").append(i.liveRestoreEnabled()).append('\n');
      if (i.indexServerAddress() != null && !i.indexServerAddress().isEmpty()) {
        sb.append(" Registry: ").append(i.indexServerAddress()).append('\n');
      }
      sb.append('\n');
      if (i.warnings() != null) {
        for (String w : i.warnings()) {
          sb.append(w).append('\n');
        }
      }
      return sb.toString();
    }

    private static String nz(String s) {
      return s == null ? "" : s;
    }
  }

  @Command(name = "df")
  @Docker(use = "[OPTIONS]", summary = "Show docker disk usage", maxArgs = 0)
  public static final class Df extends DockerCommand {
    @Option(
        names = "--format",
        paramLabel = "string",
        description = "Format output using a custom template")
    String format = "";

    @Option(
        names = {"-v", "--verbose"},
        description = "Show detailed information on space usage")
    boolean verbose;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      SystemDf df = engine.system().df();
      List<ImageSummary> images = df.images() == null ? List.of() : df.images();
      List<ContainerSummary> containers = df.containers() == null ? List.of() : df.containers();
      List<Volume> volumes = df.volumes() == null ? List.of() : df.volumes();
      if (verbose) {
        verbose(images, containers, volumes);
        return 0;
      }
      List<GoObject> rows = new ArrayList<>();
      long total = df.layersSize();
      long used = 0;
      int activeImages = 0;
      for (ImageSummary i : images) {
        if (i.containers() > 0) {
          activeImages++;
          if (i.size() != -1 && i.sharedSize() != -1) {
            used += i.size() - i.sharedSize();
          }
        }
      }
      rows.add(row("Images", images.size(), activeImages, total, total - used));
      long csize = 0;
      long creclaim = 0;
      int cactive = 0;
      for (ContainerSummary c : containers) {
        long rw = c.sizeRw() == null ? 0 : c.sizeRw();
        csize += rw;
        String s = c.state() == null ? "" : c.state();
        if (s.contains("running") || s.contains("paused") || s.contains("restarting")) {
          cactive++;
        } else {
          creclaim += rw;
        }
      }
      rows.add(row("Containers", containers.size(), cactive, csize, creclaim));
      long vsize = 0;
      long vreclaim = 0;
      int vactive = 0;
      for (Volume v : volumes) {
        long size = v.usageData() == null ? 0 : Math.max(0, v.usageData().getOrDefault("Size", 0L));
        long refs = v.usageData() == null ? 0 : v.usageData().getOrDefault("RefCount", 0L);
        vsize += size;
        if (refs > 0) {
          vactive++;
        } else {
          vreclaim += size;
        }
      }
      rows.add(row("Local Volumes", volumes.size(), vactive, vsize, vreclaim));
      rows.add(row("Build Cache", df.buildCache() == null ? 0 : df.buildCache().size(), 0, 0, 0));
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Type", "TYPE");
      h.put("TotalCount", "TOTAL");
      h.put("Active", "ACTIVE");
      h.put("Size", "SIZE");
      h.put("Reclaimable", "RECLAIMABLE");
      String fmt =
          format.isEmpty() || format.equals("table")
              ? "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}"
              : format;
      print(fmt, rows, FormatContext.header(h));
      return 0;
    }

    private static GoObject row(String type, int total, int active, long size, long reclaimable) {
      String rec = GoUnits.humanSize4(reclaimable);
      if (size > 0 && !type.equals("Build Cache")) {
        rec = rec + " (" + (reclaimable * 100 / size) + "%)";
      }
      return new GoObject("*formatter.diskUsageContext")
          .jsonSorted()
          .field("Type", type)
          .field("TotalCount", Integer.toString(total))
          .field("Active", Integer.toString(active))
          .field("Size", GoUnits.humanSize4(size))
          .field("Reclaimable", rec);
    }

    private void verbose(
        List<ImageSummary> images, List<ContainerSummary> containers, List<Volume> volumes) {
      long now = now();
      StringBuilder sb = new StringBuilder("Images space usage:\n\n");
      StringBuilder t =
          new StringBuilder(
              "REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\tSHARED SIZE\tUNIQUE SIZE\tCONTAINERS\n");
      for (ImageSummary i : images) {
        for (GoObject r : dev.ddlab.cli.formatter.ImageRows.rows(i, true, false, false, now)) {
          t.append(r.get("Repository"))
              .append('\t')
              .append(r.get("Tag"))
              .append('\t')
              .append(r.get("ID"))
              .append('\t')
              .append(r.get("CreatedSince"))
              .append('\t')
              .append(GoUnits.humanSize4(i.size()))
              .append('\t')
              .append(r.get("SharedSize"))
              .append('\t')
              .append(r.get("UniqueSize"))
              .append('\t')
              .append(r.get("Containers"))
              .append('\n');
        }
      }
      sb.append(TabWriter.docker().format(t.toString()));
      sb.append("\nContainers space usage:\n\n");
      t =
          new StringBuilder(
              "CONTAINER ID\tIMAGE\tCOMMAND\tLOCAL VOLUMES\tSIZE\tCREATED\tSTATUS\tNAMES\n");
      for (ContainerSummary c : containers) {
        GoObject r = dev.ddlab.cli.formatter.ContainerRows.row(c, true, now);
        t.append(r.get("ID"))
            .append('\t')
            .append(r.get("Image"))
            .append('\t')
            .append(r.get("Command"))
            .append('\t')
            .append(r.get("LocalVolumes"))
            .append('\t')
            .append(GoUnits.humanSize4(c.sizeRw() == null ? 0 : c.sizeRw()))
            .append('\t')
            .append(r.get("RunningFor"))
            .append('\t')
            .append(r.get("Status"))
            .append('\t')
            .append(r.get("Names"))
            .append('\n');
      }
      sb.append(TabWriter.docker().format(t.toString()));
      sb.append("\nLocal Volumes space usage:\n\n");
      t = new StringBuilder("VOLUME NAME\tLINKS\tSIZE\n");
      for (Volume v : volumes) {
        long size = v.usageData() == null ? 0 : Math.max(0, v.usageData().getOrDefault("Size", 0L));
        long refs = v.usageData() == null ? 0 : v.usageData().getOrDefault("RefCount", 0L);
        t.append(v.name())
            .append('\t')
            .append(refs)
            .append('\t')
            .append(GoUnits.humanSize4(size))
            .append('\n');
      }
      sb.append(TabWriter.docker().format(t.toString()));
      sb.append("\nBuild cache usage: 0B\n\n");
      sb.append(
          TabWriter.docker()
              .format("CACHE ID\tCACHE TYPE\tSIZE\tCREATED\tLAST USED\tUSAGE\tSHARED\n"));
      io.out(sb.toString());
    }
  }

  @Command(name = "prune")
  @Docker(use = "[OPTIONS]", summary = "Remove unused data", maxArgs = 0)
  public static final class Prune extends DockerCommand {
    @Option(
        names = {"-a", "--all"},
        description = "Remove all unused images not just dangling ones")
    boolean all;

    @Mixin PruneOptions prune = new PruneOptions();

    @Option(names = "--volumes", description = "Prune anonymous volumes")
    boolean volumes;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      StringBuilder warning = new StringBuilder("WARNING! This will remove:\n");
      warning.append("  - all stopped containers\n");
      warning.append("  - all networks not used by at least one container\n");
      if (volumes) {
        warning.append("  - all anonymous volumes not used by at least one container\n");
      }
      warning.append(
          all
              ? "  - all images without at least one container associated to them\n"
              : "  - all dangling images\n");
      // v24's confirmationTemplate: the build cache line, then the filters it names
      warning.append(all ? "  - all build cache\n" : "  - all dangling build cache\n");
      List<String> shown = new ArrayList<>();
      for (String name : List.of("label", "label!", "until")) {
        for (String f : prune.filter) {
          if (f.startsWith(name + "=")) {
            shown.add(f);
          }
        }
      }
      shown.sort(null);
      if (!shown.isEmpty()) {
        warning.append("\n  Items to be pruned will be filtered with:");
        shown.forEach(f -> warning.append("\n  - ").append(f));
        warning.append('\n');
      }
      return confirmThen(prune.force, PruneOptions.question(warning.toString()), this::prune);
    }

    private int prune() {
      long reclaimed = 0;
      ContainerPruneResponse c = engine.containers().prune(filters(prune.filter));
      reclaimed += c.spaceReclaimed();
      printDeleted("Deleted Containers:", c.containersDeleted());
      NetworkPruneResponse n = engine.networks().prune(filters(prune.filter));
      printDeleted("Deleted Networks:", n.networksDeleted());
      if (volumes) {
        VolumePruneResponse v = engine.volumes().prune(filters(prune.filter));
        reclaimed += v.spaceReclaimed();
        printDeleted("Deleted Volumes:", v.volumesDeleted());
      }
      var images = engine.images().prune(ImageCommands.pruneFilters(all, prune.filter));
      reclaimed += images.spaceReclaimed();
      if (images.imagesDeleted() != null && !images.imagesDeleted().isEmpty()) {
        out("Deleted Images:");
        for (var d : images.imagesDeleted()) {
          out(d.deleted() != null ? "deleted: " + d.deleted() : "untagged: " + d.untagged());
        }
        out("");
      }
      out("Total reclaimed space: " + GoUnits.humanSize(reclaimed));
      return 0;
    }
  }

  @Command(name = "events")
  @Docker(
      use = "[OPTIONS]",
      summary = "Get real time events from the server",
      aliases = "docker system events, docker events",
      maxArgs = 0)
  public static final class Events extends DockerCommand {
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
        names = "--since",
        paramLabel = "string",
        description = "Show all events created since timestamp")
    String since;

    @Option(
        names = "--until",
        paramLabel = "string",
        description = "Stream events until this timestamp")
    String until;

    @Parameters List<String> args = new ArrayList<>();

    /*
     * The last events printed and their text (this command is pooled): a list that is the same
     * object (a simulated daemon's kept answer; another engine's lists are new each time) with the
     * same --format is the same text.
     */
    private List<EventMessage> shown;
    private String shownFormat;
    private String shownText;

    /**
     * Each line of the last text by its event (the same object in the daemon's history): after one
     * new event, the daemon's answer holds the others as they were, and only the new line is
     * formatted (a line is a function of its event and the format).
     */
    private Map<EventMessage, String> shownLines = Map.of();

    @Override
    public Integer call() {
      long now = now();
      Template tmpl = null;
      if (!format.isEmpty()) {
        try {
          tmpl = Template.parse(format.equals("json") ? "{{json .}}" : format);
        } catch (TemplateException e) {
          throw new CliException("template parsing error: " + e.getMessage(), 64);
        }
      }
      String s = TimeArgs.toApi(since, now, "since");
      String u = TimeArgs.toApi(until, now, "until");
      Map<String, List<String>> f = filters(filter);
      EventLines lines = new EventLines(tmpl);
      if (s != null || u != null) {
        String upTo = u == null ? TimeArgs.toApi("0s", now, "until") : u;
        List<EventMessage> events = engine.system().events(s, upTo, f);
        String text = events == shown && format.equals(shownFormat) ? shownText : null;
        if (text == null) {
          boolean sameFormat = format.equals(shownFormat);
          Map<EventMessage, String> written = new IdentityHashMap<>(events.size() * 2);
          // room for the longest usual line (a network event's: 214 characters), so it never grows
          StringBuilder sb = new StringBuilder(events.size() * 216);
          for (EventMessage e : events) {
            String line = sameFormat ? shownLines.get(e) : null;
            if (line == null) {
              line = lines.line(e);
            }
            written.put(e, line);
            sb.append(line).append('\n');
          }
          text = sb.toString();
          // the simulated daemon hands back the same list while no event came: its lines stand
          shown = events;
          shownFormat = format;
          shownText = text;
          shownLines = written;
        }
        if (!text.isEmpty()) {
          io.out(text);
        }
      }
      if (u == null) {
        // Without --until docker events keeps following the daemon until interrupted.
        result =
            dev.ddlab.client.CliResult.attached(new EventStream(engine.system(), f, lines::line));
      }
      return 0;
    }
  }
}
