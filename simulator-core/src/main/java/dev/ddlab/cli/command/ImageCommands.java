package dev.ddlab.cli.command;

import dev.ddlab.cli.formatter.FormatContext;
import dev.ddlab.cli.formatter.ImageRows;
import dev.ddlab.cli.formatter.Refs;
import dev.ddlab.cli.template.GoObject;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.HistoryItem;
import dev.ddlab.engine.dto.ImageDeleteItem;
import dev.ddlab.engine.dto.ImagePruneResponse;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.SearchResult;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.go.GoUnits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** docker/cli's cli/command/image (and registry search, manifest inspect). */
public final class ImageCommands {
  private ImageCommands() {}

  /** Commands whose arguments are images (for completion). */
  interface ImageArgs {}

  @Command(name = "images")
  @Docker(
      use = "[OPTIONS] [REPOSITORY[:TAG]]",
      summary = "List images",
      aliases = "docker image ls, docker image list, docker images",
      maxArgs = 1)
  public static final class Images extends DockerCommand implements ImageArgs {
    @Option(
        names = {"-a", "--all"},
        description = "Show all images (default hides intermediate images)")
    boolean all;

    @Option(names = "--digests", description = "Show digests")
    boolean digests;

    @Option(
        names = {"-f", "--filter"},
        paramLabel = "filter",
        description = "Filter output based on conditions provided")
    List<String> filter = new ArrayList<>();

    @Option(names = "--format", paramLabel = "string", description = TABLE_FORMAT_HELP)
    String format = "";

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(
        names = {"-q", "--quiet"},
        description = "Only show image IDs")
    boolean quiet;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      Map<String, List<String>> f = filters(filter);
      if (!args.isEmpty()) {
        f.computeIfAbsent("reference", k -> new ArrayList<>()).add(args.get(0));
      }
      List<ImageSummary> images = engine.images().list(all, f);
      String fmt = ImageRows.format(format.isEmpty() ? "table" : format, quiet, digests);
      boolean needDigest = digests || fmt.contains("{{.Digest}}");
      long now = now();
      // the table is a function of the listed images, the format, the flags and the time
      Table key = new Table(now, fmt, noTrunc, digests, images);
      io.out(
          keptOutput(
              key,
              () -> {
                List<GoObject> rows = new ArrayList<>();
                for (ImageSummary i : images) {
                  rows.addAll(ImageRows.rows(i, !noTrunc, digests, needDigest, now));
                }
                return formatted(fmt, rows, ImageRows.header());
              }));
      return 0;
    }

    /** What a docker images table is written from. */
    record Table(
        long now, String format, boolean noTrunc, boolean digests, List<ImageSummary> images) {}
  }

  @Command(name = "pull")
  @Docker(
      use = "[OPTIONS] NAME[:TAG|@DIGEST]",
      summary = "Download an image from a registry",
      aliases = "docker image pull, docker pull",
      minArgs = 1,
      maxArgs = 1)
  public static final class Pull extends DockerCommand implements ImageArgs {
    @Option(
        names = {"-a", "--all-tags"},
        description = "Download all tagged images in the repository")
    boolean allTags;

    @Option(
        names = "--disable-content-trust",
        description = "Skip image verification",
        defaultValue = "true")
    boolean disableContentTrust = true;

    @Option(
        names = "--platform",
        paramLabel = "string",
        description = "Set platform if server is multi-platform capable")
    String platform;

    @Option(
        names = {"-q", "--quiet"},
        description = "Suppress verbose output")
    boolean quiet;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String ref = args.get(0);
      Reference r = reference(this, ref, allTags, quiet);
      pull(this, ref, platform, allTags, quiet, false);
      out(r.normalized());
      return 0;
    }
  }

  /**
   * The IMAGE argument of pull and push as docker/cli reads it.
   *
   * @param normalized the full name, with the default tag unless {@code --all-tags}
   * @param nameOnly whether the argument names neither a tag nor a digest
   */
  record Reference(String normalized, boolean nameOnly) {}

  /**
   * Reads a pull's or push's IMAGE: Docker's reference errors, "tag can't be used with
   * --all-tags/-a" for a tag or digest with {@code -a}, and "Using default tag: latest" (unless
   * quiet) when it names neither.
   */
  static Reference reference(DockerCommand cmd, String ref, boolean allTags, boolean quiet) {
    String normalized;
    try {
      normalized = Refs.normalize(ref, !allTags);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), 1);
    }
    boolean nameOnly = Refs.splitTag(Refs.splitDigest(ref)[0])[1] == null && !ref.contains("@");
    if (allTags && !nameOnly) {
      throw new CliException("tag can't be used with --all-tags/-a", 1);
    }
    if (!allTags && nameOnly && !quiet) {
      cmd.out("Using default tag: latest");
    }
    return new Reference(normalized, nameOnly);
  }

  /** Pulls with progress on stdout (pull) or stderr (run/create); errors are daemon errors. */
  static void pull(
      DockerCommand cmd,
      String ref,
      String platform,
      boolean allTags,
      boolean quiet,
      boolean toStderr) {
    PullProgress progress = new PullProgress(cmd.io.isTty());
    try {
      cmd.engine.images().pull(ref, platform, allTags, progress);
    } finally {
      if (!quiet) {
        if (toStderr) {
          cmd.io.err(progress.text());
        } else {
          cmd.io.out(progress.text());
        }
      }
    }
    if (progress.error() != null) {
      throw new EngineException(500, progress.error());
    }
  }

  @Command(name = "rmi")
  @Docker(
      use = "[OPTIONS] IMAGE [IMAGE...]",
      summary = "Remove one or more images",
      aliases = "docker image rm, docker image remove, docker rmi",
      minArgs = 1)
  public static final class Rmi extends DockerCommand implements ImageArgs {
    @Option(
        names = {"-f", "--force"},
        description = "Force removal of the image")
    boolean force;

    @Option(names = "--no-prune", description = "Do not delete untagged parents")
    boolean noPrune;

    @Parameters List<String> images = new ArrayList<>();

    @Override
    public Integer call() {
      return forEachName(
          images,
          image -> {
            for (ImageDeleteItem d : engine.images().remove(image, force, noPrune)) {
              out(d.deleted() != null ? "Deleted: " + d.deleted() : "Untagged: " + d.untagged());
            }
          },
          image -> {},
          e -> false);
    }
  }

  @Command(name = "tag")
  @Docker(
      use = "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
      summary = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
      aliases = "docker image tag, docker tag",
      minArgs = 2,
      maxArgs = 2)
  public static final class Tag extends DockerCommand implements ImageArgs {
    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String source = args.get(0);
      String target = args.get(1);
      // the API client parses both before it calls the daemon, and wraps what it finds
      if (!source.startsWith("sha256:")) {
        checkReference(source);
      }
      checkReference(target);
      if (target.contains("@")) {
        throw new CliException("refusing to create a tag with a digest reference", 1);
      }
      String[] nt = Refs.splitTag(target);
      engine.images().tag(source, nt[0], nt[1] == null ? "latest" : nt[1]);
      return 0;
    }

    private static void checkReference(String ref) {
      try {
        Refs.validate(ref);
      } catch (IllegalArgumentException e) {
        throw new CliException(
            "Error parsing reference: \""
                + ref
                + "\" is not a valid repository/tag: "
                + e.getMessage(),
            1);
      }
    }
  }

  @Command(name = "history")
  @Docker(
      use = "[OPTIONS] IMAGE",
      summary = "Show the history of an image",
      aliases = "docker image history, docker history",
      minArgs = 1,
      maxArgs = 1)
  public static final class History extends DockerCommand implements ImageArgs {
    @Option(names = "--format", paramLabel = "string", description = TABLE_FORMAT_HELP)
    String format = "";

    @Option(
        names = {"-H", "--human"},
        description = "Print sizes and dates in human readable format",
        defaultValue = "true",
        arity = "0..1")
    boolean human = true;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(
        names = {"-q", "--quiet"},
        description = "Only show image IDs")
    boolean quiet;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      long now = now();
      List<GoObject> rows = new ArrayList<>();
      for (HistoryItem h : engine.images().history(args.get(0))) {
        GoObject o = new GoObject("*formatter.historyContext").jsonSorted();
        boolean trunc = !noTrunc;
        o.getter(
            "ID", () -> h.id().startsWith("<") ? h.id() : trunc ? Refs.truncateId(h.id()) : h.id());
        o.getter(
            "CreatedSince",
            () ->
                human
                    ? GoUnits.ago(h.created(), now)
                    : dev.ddlab.go.GoTime.rfc3339Nano(h.created() * 1_000_000_000L));
        o.getter("CreatedAt", () -> dev.ddlab.go.GoTime.rfc3339Nano(h.created() * 1_000_000_000L));
        o.getter(
            "CreatedBy",
            () -> {
              String by = h.createdBy() == null ? "" : h.createdBy().replace("\t", " ");
              return trunc ? dev.ddlab.cli.formatter.Ellipsis.of(by, 45) : by;
            });
        o.getter("Size", () -> human ? GoUnits.humanSize(h.size()) : Long.toString(h.size()));
        o.getter("Comment", () -> h.comment() == null ? "" : h.comment());
        rows.add(o);
      }
      String fmt =
          format.isEmpty() || format.equals("table")
              ? (quiet
                  ? "{{.ID}}"
                  : "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}")
              : format;
      print(
          fmt,
          rows,
          FormatContext.header(
              "ID", "IMAGE",
              "CreatedSince", "CREATED",
              "CreatedAt", "CREATED AT",
              "CreatedBy", "CREATED BY",
              "Size", "SIZE",
              "Comment", "COMMENT"));
      return 0;
    }
  }

  @Command(name = "inspect")
  @Docker(
      use = "[OPTIONS] IMAGE [IMAGE...]",
      summary = "Display detailed information on one or more images",
      minArgs = 1)
  public static final class Inspect extends DockerCommand implements ImageArgs {
    @Option(
        names = {"-f", "--format"},
        paramLabel = "string",
        description = INSPECT_FORMAT_HELP)
    String format = "";

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      return Inspector.inspect(this, args, format, ref -> engine.images().inspect(ref));
    }
  }

  @Command(name = "prune")
  @Docker(use = "[OPTIONS]", summary = "Remove unused images", maxArgs = 0)
  public static final class Prune extends DockerCommand {
    @Option(
        names = {"-a", "--all"},
        description = "Remove all unused images, not just dangling ones")
    boolean all;

    @Mixin PruneOptions prune = new PruneOptions();

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String warning =
          all
              ? "WARNING! This will remove all images without at least one container associated to them."
              : "WARNING! This will remove all dangling images.";
      return confirmThen(
          prune.force,
          PruneOptions.question(warning),
          () -> {
            out(pruneText(engine.images().prune(pruneFilters(all, prune.filter))));
            return 0;
          });
    }
  }

  static Map<String, List<String>> pruneFilters(boolean all, List<String> filter) {
    Map<String, List<String>> f = DockerCommand.filters(filter);
    f.put("dangling", List.of(Boolean.toString(!all)));
    return f;
  }

  /** "Deleted Images:" block then "Total reclaimed space: …". */
  static String pruneText(ImagePruneResponse r) {
    StringBuilder sb = new StringBuilder();
    List<ImageDeleteItem> items = r.imagesDeleted() == null ? List.of() : r.imagesDeleted();
    if (!items.isEmpty()) {
      sb.append("Deleted Images:\n");
      for (ImageDeleteItem d : items) {
        sb.append(d.deleted() != null ? "deleted: " + d.deleted() : "untagged: " + d.untagged())
            .append('\n');
      }
      sb.append('\n');
    }
    sb.append("Total reclaimed space: ").append(GoUnits.humanSize(r.spaceReclaimed()));
    return sb.toString();
  }

  @Command(name = "save")
  @Docker(
      use = "[OPTIONS] IMAGE [IMAGE...]",
      summary = "Save one or more images to a tar archive (streamed to STDOUT by default)",
      aliases = "docker image save, docker save",
      minArgs = 1)
  public static final class Save extends DockerCommand implements ImageArgs {
    @Option(
        names = {"-o", "--output"},
        paramLabel = "string",
        description = "Write to a file, instead of STDOUT")
    String output;

    @Parameters List<String> images = new ArrayList<>();

    @Override
    public Integer call() {
      if (output == null) {
        if (io.isTty()) {
          throw new CliException(
              "Cowardly refusing to save to a terminal. Use the -o flag or redirect", 1);
        }
        throw new CliException("docker save to a pipe is not supported here: use -o FILE", 1);
      }
      FileSystem fs = hostFs();
      String path = Paths.resolve(ctx.workingDir(), output);
      String parent = Paths.parent(path);
      if (!fs.isDirectory(parent)) {
        throw new CliException(
            "failed to save image: invalid output path: directory \""
                + parent
                + "\" does not exist",
            1);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      engine.images().save(images, bytes);
      try {
        fs.write(path, bytes.toByteArray(), false);
      } catch (FsException e) {
        throw new CliException("open " + path + ": " + e.getMessage().toLowerCase(), 1);
      }
      return 0;
    }

    private FileSystem hostFs() {
      if (ctx.hostFs() == null) {
        throw new CliException("no local filesystem on this node", 1);
      }
      return ctx.hostFs();
    }
  }

  @Command(name = "load")
  @Docker(
      use = "[OPTIONS]",
      summary = "Load an image from a tar archive or STDIN",
      aliases = "docker image load, docker load",
      maxArgs = 0)
  public static final class Load extends DockerCommand {
    @Option(
        names = {"-i", "--input"},
        paramLabel = "string",
        description = "Read from tar archive file, instead of STDIN")
    String input;

    @Option(
        names = {"-q", "--quiet"},
        description = "Suppress the load output")
    boolean quiet;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      if (input == null) {
        throw new CliException("requested load from stdin, but stdin is empty", 1);
      }
      if (ctx.hostFs() == null) {
        throw new CliException("no local filesystem on this node", 1);
      }
      String path = Paths.resolve(ctx.workingDir(), input);
      byte[] data;
      try {
        data = ctx.hostFs().read(path);
      } catch (FsException e) {
        throw new CliException("open " + path + ": " + e.getMessage().toLowerCase(), 1);
      }
      List<String> lines = new ArrayList<>();
      engine
          .images()
          .load(
              new ByteArrayInputStream(data),
              m -> {
                if (m.error() != null) {
                  throw new EngineException(500, m.error());
                }
                if (m.status() != null) {
                  lines.add(m.status());
                }
              });
      if (!quiet) {
        for (String l : lines) {
          out(l);
        }
      }
      return 0;
    }
  }

  @Command(name = "search")
  @Docker(
      use = "[OPTIONS] TERM",
      summary = "Search Docker Hub for images",
      minArgs = 1,
      maxArgs = 1)
  public static final class Search extends DockerCommand {
    @Option(
        names = {"-f", "--filter"},
        paramLabel = "filter",
        description = "Filter output based on conditions provided")
    List<String> filter = new ArrayList<>();

    @Option(
        names = "--format",
        paramLabel = "string",
        description = "Pretty-print search using a Go template")
    String format = "";

    @Option(
        names = "--limit",
        paramLabel = "int",
        description = "Max number of search results",
        defaultValue = "25")
    int limit = 25;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      if (limit < 1 || limit > 100) {
        throw new CliException(
            "Error response from daemon: limit " + limit + " is outside the range of [1, 100]", 1);
      }
      List<SearchResult> results = engine.images().search(args.get(0), limit, filters(filter));
      List<GoObject> rows = new ArrayList<>();
      for (SearchResult r : results) {
        GoObject o = new GoObject("*formatter.searchContext").jsonSorted();
        o.getter("Name", () -> r.name());
        o.getter(
            "Description",
            () -> {
              String d =
                  r.description() == null
                      ? ""
                      : r.description().replace("\n", " ").replace("\r", " ");
              return noTrunc ? d : dev.ddlab.cli.formatter.Ellipsis.of(d, 45);
            });
        o.getter("StarCount", () -> Integer.toString(r.starCount()));
        o.getter("IsOfficial", () -> r.official() ? "[OK]" : "");
        o.getter("IsAutomated", () -> r.automated() ? "[OK]" : "");
        rows.add(o);
      }
      String fmt =
          format.isEmpty() || format.equals("table")
              ? "table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}\t{{.IsAutomated}}"
              : format;
      print(
          fmt,
          rows,
          FormatContext.header(
              "Name", "NAME",
              "Description", "DESCRIPTION",
              "StarCount", "STARS",
              "IsOfficial", "OFFICIAL",
              "IsAutomated", "AUTOMATED"));
      return 0;
    }
  }

  @Command(name = "inspect")
  @Docker(
      use = "[OPTIONS] [MANIFEST_LIST] MANIFEST",
      summary = "Display an image manifest, or manifest list",
      minArgs = 1,
      maxArgs = 2)
  public static final class ManifestInspect extends DockerCommand implements ImageArgs {
    @Option(names = "--insecure", description = "Allow communication with an insecure registry")
    boolean insecure;

    @Option(
        names = {"-v", "--verbose"},
        description = "Output additional info including layers and platform")
    boolean verbose;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String ref = args.get(args.size() - 1);
      try {
        Refs.validate(ref);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage(), 1);
      }
      try {
        String json = engine.images().manifestInspect(ref, verbose);
        io.out(json.endsWith("\n") ? json : json + "\n");
      } catch (EngineException e) {
        if (e.isNotConnected()) {
          throw e;
        }
        throw new CliException(
            e.isNotFound() ? "no such manifest: " + Refs.normalize(ref, true) : e.getMessage(), 1);
      }
      return 0;
    }
  }
}
