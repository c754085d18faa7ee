package dev.ddlab.cli.command;

import dev.ddlab.cli.formatter.ContainerRows;
import dev.ddlab.cli.formatter.FormatContext;
import dev.ddlab.cli.formatter.TabWriter;
import dev.ddlab.cli.template.Template;
import dev.ddlab.cli.template.TemplateException;
import dev.ddlab.client.CliResult;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.dto.ChangeItem;
import dev.ddlab.engine.dto.CommitRequest;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.ContainerPruneResponse;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.LogFrame;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.engine.dto.RestartPolicy;
import dev.ddlab.engine.dto.TopResponse;
import dev.ddlab.engine.dto.UpdateRequest;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.go.GoUnits;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** docker/cli's cli/command/container: the container commands other than run/create/exec. */
public final class ContainerCommands {
  private ContainerCommands() {}

  @Command(name = "ps")
  @Docker(
      use = "[OPTIONS]",
      summary = "List containers",
      aliases = "docker container ls, docker container list, docker container ps, docker ps",
      maxArgs = 0)
  public static final class Ps extends DockerCommand {
    @Option(
        names = {"-a", "--all"},
        description = "Show all containers (default shows just running)")
    boolean all;

    @Option(
        names = {"-f", "--filter"},
        paramLabel = "filter",
        description = "Filter output based on conditions provided")
    List<String> filter = new ArrayList<>();

    @Option(names = "--format", paramLabel = "string", description = TABLE_FORMAT_HELP)
    String format = "";

    @Option(
        names = {"-n", "--last"},
        paramLabel = "int",
        description = "Show n last created containers (includes all states)",
        defaultValue = "-1")
    int last = -1;

    @Option(
        names = {"-l", "--latest"},
        description = "Show the latest created container (includes all states)")
    boolean latest;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(
        names = {"-q", "--quiet"},
        description = "Only display container IDs")
    boolean quiet;

    @Option(
        names = {"-s", "--size"},
        description = "Display total file sizes")
    boolean size;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      if (!format.isEmpty() && quiet) {
        err("WARNING: Ignoring custom format, because both --format and --quiet are set.");
      }
      int limit = last;
      if (latest && last == -1) {
        limit = 1;
      }
      boolean withSize = size;
      if (!format.isEmpty() && !format.equals("table") && !format.equals("raw") && !quiet) {
        try {
          Template.parse(new FormatContext(format).finalFormat());
        } catch (TemplateException e) {
          throw new CliException("failed to parse template: " + e.getMessage(), 1);
        }
        if (!size && format.contains(".Size")) {
          withSize = true;
        }
      }
      List<ContainerSummary> list = engine.containers().list(all, limit, withSize, filters(filter));
      long now = now();
      String fmt = ContainerRows.format(format, quiet, withSize);
      // the daemon hands the same list back while nothing in it changed: the table written from it
      // stays right while the format, --no-trunc and every CREATED duration read the same
      if (list == shown
          && noTrunc == shownNoTrunc
          && now >= shownAt
          && now < shownUntil
          && fmt.equals(shownFormat)) {
        io.out(shownText);
        return 0;
      }
      // a row is a function of its container's summary, the format, --no-trunc and its CREATED
      // duration: a simulated daemon hands back the same summary object while the container's row
      // did not change, so only the rows of changed containers are written again
      boolean sameForm = fmt.equals(shownFormat) && noTrunc == shownNoTrunc;
      // the two maps and lists in turn: the last table's and this one's (a listing of 1,000 is a
      // map of 16 KB and a list of 4 KB, not made again on every call)
      Map<ContainerSummary, ShownRow> rows = spareRows;
      rows.clear();
      List<String> texts = spareTexts;
      texts.clear();
      long until = Long.MAX_VALUE;
      String text;
      try {
        FormatContext.Rows writer = null;
        for (ContainerSummary c : list) {
          ShownRow row = sameForm ? shownRows.get(c) : null;
          if (row == null || now < row.from() || now >= row.until()) {
            if (writer == null) {
              writer = new FormatContext(fmt).rows();
            }
            String written = writer.row(ContainerRows.row(c, !noTrunc, now));
            row = new ShownRow(written, now, GoUnits.agoUntil(c.created(), now));
          }
          rows.put(c, row);
          texts.add(row.text());
          until = Math.min(until, row.until());
        }
        // the same rows in the same order (a new list of the same summaries): the same table
        text =
            sameForm && sameTexts(texts, shownTexts)
                ? shownText
                : (writer == null ? new FormatContext(fmt).rows() : writer)
                    .write(texts, ContainerRows.header());
      } catch (FormatContext.FormatException e) {
        throw new CliException(e.getMessage(), 1);
      }
      shown = list;
      spareRows = shownRows;
      shownRows = rows;
      spareTexts = shownTexts;
      shownTexts = texts;
      shownFormat = fmt;
      shownNoTrunc = noTrunc;
      shownAt = now;
      shownUntil = until;
      shownText = text;
      io.out(text);
      return 0;
    }

    /** Whether {@code a} holds the very strings of {@code b}, in order. */
    private static boolean sameTexts(List<String> a, List<String> b) {
      if (b == null || a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i) != b.get(i)) {
          return false;
        }
      }
      return true;
    }

    /*
     * The last table and what it was written from (this command is pooled): the daemon's list by
     * identity (a simulated daemon returns its kept listing while nothing changed; another engine a
     * new list each time, never taken for this one), each row's text by its summary's identity, the
     * format, --no-trunc, and from when until when every CREATED column ("5 minutes ago") reads as
     * written.
     */
    private List<ContainerSummary> shown;
    private Map<ContainerSummary, ShownRow> shownRows = new IdentityHashMap<>();
    private Map<ContainerSummary, ShownRow> spareRows = new IdentityHashMap<>();
    private List<String> shownTexts = new ArrayList<>();
    private List<String> spareTexts = new ArrayList<>();
    private String shownFormat;
    private boolean shownNoTrunc;
    private long shownAt;
    private long shownUntil;
    private String shownText;

    /** A row as written, and from when until when its CREATED duration reads the same. */
    private record ShownRow(String text, long from, long until) {}
  }

  @Command(name = "rm")
  @Docker(
      use = "[OPTIONS] CONTAINER [CONTAINER...]",
      summary = "Remove one or more containers",
      aliases = "docker container rm, docker container remove, docker rm",
      minArgs = 1)
  public static final class Rm extends DockerCommand {
    @Option(
        names = {"-f", "--force"},
        description = "Force the removal of a running container (uses SIGKILL)")
    boolean force;

    @Option(
        names = {"-l", "--link"},
        description = "Remove the specified link")
    boolean link;

    @Option(
        names = {"-v", "--volumes"},
        description = "Remove anonymous volumes associated with the container")
    boolean volumes;

    @Parameters List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
      return forEachName(
          containers,
          c -> engine.containers().remove(c.replaceAll("^/+|/+$", ""), force, volumes),
          this::out,
          e -> force && e.isNotFound());
    }
  }

  @Command(name = "stop")
  @Docker(
      use = "[OPTIONS] CONTAINER [CONTAINER...]",
      summary = "Stop one or more running containers",
      aliases = "docker container stop, docker stop",
      minArgs = 1)
  public static final class Stop extends DockerCommand {
    /** How long a stop may take at most (-t -1 waits for the process without SIGKILL). */
    private static final java.time.Duration STOP_LIMIT = java.time.Duration.ofDays(7);

    @Mixin StopOptions stop = new StopOptions();

    @Parameters List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
      // docker/cli sends all stop requests at once (parallelOperation) and prints in order
      List<Pending<Void>> sent = new ArrayList<>();
      List<String> refused = new ArrayList<>();
      for (String c : containers) {
        try {
          sent.add(engine.containers().stopAsync(c, stop.signal, stop.time));
          refused.add(null);
        } catch (EngineException e) {
          refused.add(itemError(e));
          sent.add(null);
        }
      }
      List<String> errors = new ArrayList<>();
      for (int i = 0; i < containers.size(); i++) {
        Pending<Void> p = sent.get(i);
        if (p == null) {
          errors.add(refused.get(i));
          continue;
        }
        try {
          if (p.await(STOP_LIMIT)) {
            p.get();
          }
          out(containers.get(i));
        } catch (EngineException e) {
          errors.add(itemError(e));
        }
      }
      if (!errors.isEmpty()) {
        throw new CliException(String.join("\n", errors), 1);
      }
      return 0;
    }
  }

  @Command(name = "restart")
  @Docker(
      use = "[OPTIONS] CONTAINER [CONTAINER...]",
      summary = "Restart one or more containers",
      aliases = "docker container restart, docker restart",
      minArgs = 1)
  public static final class Restart extends DockerCommand {
    @Mixin StopOptions stop = new StopOptions();

    @Parameters List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
      return forEachName(containers, c -> engine.containers().restart(c, stop.signal, stop.time));
    }
  }

  @Command(name = "kill")
  @Docker(
      use = "[OPTIONS] CONTAINER [CONTAINER...]",
      summary = "Kill one or more running containers",
      aliases = "docker container kill, docker kill",
      minArgs = 1)
  public static final class Kill extends DockerCommand {
    @Option(
        names = {"-s", "--signal"},
        paramLabel = "string",
        description = "Signal to send to the container")
    String signal;

    @Parameters List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
      return forEachName(containers, c -> engine.containers().kill(c, signal));
    }
  }

  @Command(name = "pause")
  @Docker(
      use = "CONTAINER [CONTAINER...]",
      summary = "Pause all processes within one or more containers",
      aliases = "docker container pause, docker pause",
      minArgs = 1)
  public static final class Pause extends DockerCommand {
    @Parameters List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
      return forEachName(containers, c -> engine.containers().pause(c));
    }
  }

  @Command(name = "unpause")
  @Docker(
      use = "CONTAINER [CONTAINER...]",
      summary = "Unpause all processes within one or more containers",
      aliases = "docker container unpause, docker unpause",
      minArgs = 1)
  public static final class Unpause extends DockerCommand {
    @Parameters List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
      return forEachName(containers, c -> engine.containers().unpause(c));
    }
  }

  @Command(name = "rename")
  @Docker(
      use = "CONTAINER NEW_NAME",
      summary = "Rename a container",
      aliases = "docker container rename, docker rename",
      minArgs = 2,
      maxArgs = 2)
  public static final class Rename extends DockerCommand {
    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String old = args.get(0).trim();
      String name = args.get(1).trim();
      if (old.isEmpty() || name.isEmpty()) {
        throw new CliException("Error: Neither old nor new names may be empty", 1);
      }
      try {
        engine.containers().rename(old, name);
      } catch (EngineException e) {
        if (e.isNotConnected()) {
          throw e;
        }
        throw new CliException(
            daemonError(e) + "\nError: failed to rename container named " + old, 1);
      }
      return 0;
    }
  }

  @Command(name = "wait")
  @Docker(
      use = "CONTAINER [CONTAINER...]",
      summary = "Block until one or more containers stop, then print their exit codes",
      aliases = "docker container wait, docker wait",
      minArgs = 1)
  public static final class Wait extends DockerCommand {
    @Parameters List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
      WaitStream w = new WaitStream(engine.containers(), containers);
      // like a foreground run: what ends within the foreground wait prints here; a container
      // still running leaves the terminal waiting (virtual time passes, Ctrl-C ends it)
      boolean done = w.awaitExit(ctx.foregroundWait());
      io.out(w.output());
      if (!done) {
        result = CliResult.attached(w);
        return 0;
      }
      if (!w.errors().isEmpty()) {
        throw new CliException(String.join("\n", w.errors()), 1);
      }
      return 0;
    }
  }

  @Command(name = "top")
  @Docker(
      use = "CONTAINER [ps OPTIONS]",
      summary = "Display the running processes of a container",
      aliases = "docker container top, docker top",
      minArgs = 1,
      stopAtPositional = true)
  public static final class Top extends DockerCommand {
    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String psArgs = String.join(" ", args.subList(1, args.size()));
      TopResponse top = engine.containers().top(args.get(0), psArgs.isEmpty() ? null : psArgs);
      StringBuilder sb = new StringBuilder(String.join("\t", top.titles())).append('\n');
      for (List<String> p : top.processes()) {
        sb.append(String.join("\t", p)).append('\n');
      }
      io.out(new TabWriter(20, 1).format(sb.toString()));
      return 0;
    }
  }

  @Command(name = "port")
  @Docker(
      use = "CONTAINER [PRIVATE_PORT[/PROTO]]",
      summary = "List port mappings or a specific mapping for the container",
      aliases = "docker container port, docker port",
      minArgs = 1,
      maxArgs = 2)
  public static final class PortCmd extends DockerCommand {
    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      Map<String, List<PortBinding>> ports = engine.containers().ports(args.get(0));
      if (ports == null) {
        ports = Map.of();
      }
      List<String> lines = new ArrayList<>();
      if (args.size() == 2) {
        String want = args.get(1);
        String[] pp = want.split("/", 2);
        String proto = pp.length > 1 && !pp[1].isEmpty() ? pp[1] : "tcp";
        if (!pp[0].matches("\\d{1,5}") || Integer.parseInt(pp[0]) > 65535) {
          throw new CliException(
              "Error: invalid port ("
                  + pp[0]
                  + "): strconv.ParseUint: parsing \""
                  + pp[0]
                  + "\": invalid syntax",
              1);
        }
        List<PortBinding> b = ports.get(pp[0] + "/" + proto);
        if (b == null) {
          throw new CliException(
              "Error: No public port '" + want + "' published for " + args.get(0), 1);
        }
        for (PortBinding pb : b) {
          lines.add(hostPort(pb));
        }
      } else {
        ports.forEach(
            (k, bindings) -> {
              if (bindings != null) {
                for (PortBinding pb : bindings) {
                  lines.add(k + " -> " + hostPort(pb));
                }
              }
            });
      }
      lines.sort(NaturalOrder::compare);
      for (String l : lines) {
        out(l);
      }
      return 0;
    }

    /** net.JoinHostPort. */
    private static String hostPort(PortBinding pb) {
      String ip = pb.hostIp() == null ? "" : pb.hostIp();
      return ip.contains(":") ? "[" + ip + "]:" + pb.hostPort() : ip + ":" + pb.hostPort();
    }
  }

  @Command(name = "logs")
  @Docker(
      use = "[OPTIONS] CONTAINER",
      summary = "Fetch the logs of a container",
      aliases = "docker container logs, docker logs",
      minArgs = 1,
      maxArgs = 1)
  public static final class Logs extends DockerCommand {
    @Option(names = "--details", description = "Show extra details provided to logs")
    boolean details;

    @Option(
        names = {"-f", "--follow"},
        description = "Follow log output")
    boolean follow;

    @Option(
        names = "--since",
        paramLabel = "string",
        description =
            "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
    String since;

    @Option(
        names = {"-n", "--tail"},
        paramLabel = "string",
        description = "Number of lines to show from the end of the logs",
        defaultValue = "all")
    String tail = "all";

    @Option(
        names = {"-t", "--timestamps"},
        description = "Show timestamps")
    boolean timestamps;

    @Option(
        names = "--until",
        paramLabel = "string",
        description =
            "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
    String until;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      long now = now();
      LogsOptions opts =
          new LogsOptions(
              true,
              true,
              TimeArgs.toApi(since, now, "since"),
              TimeArgs.toApi(until, now, "until"),
              timestamps,
              tail);
      for (LogFrame f : engine.containers().logs(args.get(0), opts)) {
        String text = timestamps ? f.time() + " " + f.text() : f.text();
        if ("stderr".equals(f.stream())) {
          io.err(text);
        } else {
          io.out(text);
        }
      }
      if (follow && until == null) {
        ContainerInspect c = engine.containers().inspect(args.get(0));
        if (c.state().running() || c.state().restarting()) {
          // What follows is what the container prints from now on: its attached output.
          result = CliResult.attached(engine.containers().attach(c.id(), false));
        }
      }
      return 0;
    }
  }

  @Command(name = "diff")
  @Docker(
      use = "CONTAINER",
      summary = "Inspect changes to files or directories on a container's filesystem",
      aliases = "docker container diff, docker diff",
      minArgs = 1,
      maxArgs = 1)
  public static final class Diff extends DockerCommand {
    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      for (ChangeItem c : engine.containers().changes(args.get(0))) {
        String kind =
            switch (c.kind()) {
              case 1 -> "A";
              case 2 -> "D";
              default -> "C";
            };
        out(kind + " " + c.path());
      }
      return 0;
    }
  }

  @Command(name = "commit")
  @Docker(
      use = "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
      summary = "Create a new image from a container's changes",
      aliases = "docker container commit, docker commit",
      minArgs = 1,
      maxArgs = 2)
  public static final class Commit extends DockerCommand {
    @Option(
        names = {"-a", "--author"},
        paramLabel = "string",
        description = "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")")
    String author = "";

    @Option(
        names = {"-c", "--change"},
        paramLabel = "list",
        description = "Apply Dockerfile instruction to the created image")
    List<String> changes = new ArrayList<>();

    @Option(
        names = {"-m", "--message"},
        paramLabel = "string",
        description = "Commit message")
    String message = "";

    @Option(
        names = {"-p", "--pause"},
        description = "Pause container during commit",
        defaultValue = "true")
    boolean pause = true;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String repo = "";
      String tag = "";
      if (args.size() == 2) {
        String[] nt = dev.ddlab.cli.formatter.Refs.splitTag(args.get(1));
        repo = nt[0];
        tag = nt[1] == null ? "" : nt[1];
      }
      var r =
          engine
              .images()
              .commit(new CommitRequest(args.get(0), repo, tag, message, author, pause, changes));
      out(r.id());
      return 0;
    }
  }

  @Command(name = "cp")
  @Docker(
      use =
          "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH",
      summary = "Copy files/folders between a container and the local filesystem",
      aliases = "docker container cp, docker cp",
      minArgs = 2,
      maxArgs = 2)
  public static final class Cp extends DockerCommand {
    @Option(
        names = {"-a", "--archive"},
        description = "Archive mode (copy all uid/gid information)")
    boolean archive;

    @Option(
        names = {"-L", "--follow-link"},
        description = "Always follow symbol link in SRC_PATH")
    boolean followLink;

    @Option(
        names = {"-q", "--quiet"},
        description =
            "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached")
    boolean quiet;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String src = args.get(0);
      String dst = args.get(1);
      boolean fromContainer = containerPart(src) != null;
      boolean toContainer = containerPart(dst) != null;
      if (fromContainer && toContainer) {
        throw new CliException("copying between containers is not supported", 1);
      }
      if (!fromContainer && !toContainer) {
        throw new CliException("must specify at least one container source", 1);
      }
      FileSystem fs = ctx.hostFs();
      if (fs == null) {
        throw new CliException("no local filesystem on this node", 1);
      }
      long copied;
      String shownDest;
      try {
        if (fromContainer) {
          String[] cp = containerPart(src);
          byte[] tar = engine.containers().getArchive(cp[0], cp[1]);
          String target = Paths.resolve(ctx.workingDir(), dst);
          Tars.extract(tar, fs, target, baseName(cp[1]));
          copied = tar.length;
          shownDest = dst;
        } else {
          String[] cp = containerPart(dst);
          String source = Paths.resolve(ctx.workingDir(), src);
          if (!fs.exists(source)) {
            throw new CliException("lstat " + source + ": no such file or directory", 1);
          }
          boolean intoDirectory;
          try {
            intoDirectory = Tars.rootIsDirectory(engine.containers().getArchive(cp[0], cp[1]));
          } catch (EngineException e) {
            if (!e.isNotFound()) {
              throw e;
            }
            intoDirectory = false;
          }
          byte[] tar;
          if (intoDirectory) {
            tar = Tars.create(fs, source, Paths.name(source));
            engine.containers().putArchive(cp[0], cp[1], tar);
          } else {
            tar = Tars.create(fs, source, baseName(cp[1]));
            engine.containers().putArchive(cp[0], parentOf(cp[1]), tar);
          }
          copied = tar.length;
          shownDest = cp[0] + ":" + cp[1];
        }
      } catch (FsException e) {
        throw new CliException(e.path() + ": " + e.getMessage().toLowerCase(), 1);
      }
      if (!quiet) {
        err("Successfully copied " + GoUnits.humanSize(copied) + " to " + shownDest);
      }
      return 0;
    }

    private static String[] containerPart(String arg) {
      if (arg.startsWith("/") || arg.startsWith(".")) {
        return null;
      }
      int colon = arg.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      return new String[] {arg.substring(0, colon), arg.substring(colon + 1)};
    }

    private static String baseName(String p) {
      String s = p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
      return s.substring(s.lastIndexOf('/') + 1);
    }

    private static String parentOf(String p) {
      int slash = p.lastIndexOf('/');
      return slash <= 0 ? "/" : p.substring(0, slash);
    }
  }

  @Command(name = "prune")
  @Docker(use = "[OPTIONS]", summary = "Remove all stopped containers", maxArgs = 0)
  public static final class Prune extends DockerCommand {
    @Mixin PruneOptions prune = new PruneOptions();

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      return confirmThen(
          prune.force,
          PruneOptions.question("WARNING! This will remove all stopped containers."),
          () -> {
            ContainerPruneResponse r = engine.containers().prune(filters(prune.filter));
            printDeleted("Deleted Containers:", r.containersDeleted());
            out("Total reclaimed space: " + GoUnits.humanSize(r.spaceReclaimed()));
            return 0;
          });
    }
  }

  @Command(name = "update")
  @Docker(
      use = "[OPTIONS] CONTAINER [CONTAINER...]",
      summary = "Update configuration of one or more containers",
      aliases = "docker container update, docker update",
      minArgs = 1)
  public static final class Update extends DockerCommand {
    @Option(
        names = "--restart",
        paramLabel = "string",
        description = "Restart policy to apply when a container exits")
    String restart;

    @Mixin ResourceFlags resources = new ResourceFlags();

    @Option(
        names = "--memory-swap",
        paramLabel = "bytes",
        description = "Swap limit equal to memory plus swap: -1 to enable unlimited swap")
    String memorySwap;

    @Option(
        names = "--cpu-rt-period",
        paramLabel = "int",
        description = "Limit the CPU real-time period in microseconds")
    long cpuRtPeriod;

    @Option(
        names = "--cpu-rt-runtime",
        paramLabel = "int",
        description = "Limit the CPU real-time runtime in microseconds")
    long cpuRtRuntime;

    @Parameters List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
      ResourceFlags r = resources;
      boolean anyFlag =
          restart != null
              || r.memory != null
              || memorySwap != null
              || r.memoryReservation != null
              || r.cpus != null
              || r.cpuShares != 0
              || r.cpuPeriod != 0
              || r.cpuQuota != 0
              || cpuRtPeriod != 0
              || cpuRtRuntime != 0
              || !r.cpusetCpus.isEmpty()
              || !r.cpusetMems.isEmpty()
              || r.blkioWeight != null
              || r.pidsLimit != null;
      if (!anyFlag) {
        throw new CliException("you must provide one or more flags when using this command", 1);
      }
      RestartPolicy policy = restart == null ? null : ContainerOptions.restartPolicy(restart);
      UpdateRequest req =
          new UpdateRequest(
              policy,
              nonZero(r.memoryBytes()),
              nonZero(r.nanoCpus()),
              r.pidsLimit == null || r.pidsLimit == 0 ? null : r.pidsLimit,
              nonZero(r.cpuShares),
              r.blkioWeight == null ? null : r.blkioWeightValue(),
              nonZero(r.cpuPeriod),
              nonZero(r.cpuQuota),
              nonZero(cpuRtPeriod),
              nonZero(cpuRtRuntime),
              r.cpusetCpus.isEmpty() ? null : r.cpusetCpus,
              r.cpusetMems.isEmpty() ? null : r.cpusetMems,
              nonZero(r.memoryReservationBytes()),
              nonZero(ResourceFlags.swapBytes(memorySwap)));
      // docker/cli's runUpdate: each name as it is updated, then the warnings (on stdout), then
      // the errors together
      List<String> warnings = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (String c : containers) {
        try {
          warnings.addAll(engine.containers().update(c, req));
          out(c);
        } catch (EngineException e) {
          if (e.isNotConnected()) {
            throw e;
          }
          errors.add(daemonError(e));
        }
      }
      if (!warnings.isEmpty()) {
        out(String.join("\n", warnings));
      }
      if (!errors.isEmpty()) {
        throw new CliException(String.join("\n", errors), 1);
      }
      return 0;
    }

    private static Long nonZero(long v) {
      return v == 0 ? null : v;
    }
  }

  @Command(name = "inspect")
  @Docker(
      use = "[OPTIONS] CONTAINER [CONTAINER...]",
      summary = "Display detailed information on one or more containers",
      minArgs = 1)
  public static final class Inspect extends DockerCommand {
    @Option(
        names = {"-f", "--format"},
        paramLabel = "string",
        description = INSPECT_FORMAT_HELP)
    String format = "";

    @Option(
        names = {"-s", "--size"},
        description = "Display total file sizes")
    boolean size;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      return Inspector.inspect(this, args, format, ref -> engine.containers().inspect(ref, size));
    }
  }
}
