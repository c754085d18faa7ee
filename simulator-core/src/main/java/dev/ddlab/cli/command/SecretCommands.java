package dev.ddlab.cli.command;

import dev.ddlab.cli.formatter.FormatContext;
import dev.ddlab.cli.template.GoObject;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.swarm.Config;
import dev.ddlab.engine.dto.swarm.ConfigReference;
import dev.ddlab.engine.dto.swarm.ConfigSpec;
import dev.ddlab.engine.dto.swarm.Secret;
import dev.ddlab.engine.dto.swarm.SecretReference;
import dev.ddlab.engine.dto.swarm.SecretReferenceFileTarget;
import dev.ddlab.engine.dto.swarm.SecretSpec;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.go.GoTime;
import dev.ddlab.go.GoUnits;
import java.nio.charset.StandardCharsets;
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
 * docker/cli's cli/command/secret and cli/command/config (create, ls, inspect, rm), and the
 * services' {@code --secret}/{@code --config} references (opts.SecretOpt, opts.ConfigOpt,
 * service.ParseSecrets/ParseConfigs).
 */
public final class SecretCommands {
  private SecretCommands() {}

  /**
   * The content of FILE, or of stdin for {@code -} (the shell hands stdin over line by line; each
   * line is given back with its newline, as {@code echo} writes it).
   */
  static byte[] readData(DockerCommand c, String file) {
    if (file.equals("-")) {
      return c.io.readAll().getBytes(StandardCharsets.UTF_8);
    }
    if (c.ctx.hostFs() == null) {
      throw new CliException("no local filesystem on this node", 1);
    }
    try {
      return c.ctx.hostFs().read(Paths.resolve(c.ctx.workingDir(), file));
    } catch (FsException e) {
      throw new CliException(
          "Error reading content from \""
              + file
              + "\": open "
              + file
              + ": "
              + e.getMessage().toLowerCase(java.util.Locale.ROOT),
          1);
    }
  }

  /** "2 hours ago", as the ls tables show CreatedAt and UpdatedAt. */
  static String ago(DockerCommand c, String rfc3339) {
    return GoUnits.humanDuration(c.now() - GoTime.parseRfc3339(rfc3339)) + " ago";
  }

  /** command.PrettyPrint of a time: Go's time.Time String(), first letter up, the rest down. */
  static String prettyTime(String rfc3339) {
    String s = GoTime.timeString(GoTime.parseRfc3339(rfc3339));
    return s.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
        + s.substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  /** The pretty templates' labels block (" - k=v", sorted as Go ranges over a map). */
  static void prettyLabels(DockerCommand c, Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return;
    }
    c.out("Labels:");
    new TreeMap<>(labels).forEach((k, v) -> c.out(" - " + k + (v.isEmpty() ? "" : "=" + v)));
  }

  static GoObject labelled(GoObject o, Map<String, String> labels) {
    o.getter(
        "Labels",
        () -> {
          List<String> kv = new ArrayList<>();
          (labels == null ? Map.<String, String>of() : labels)
              .forEach((k, v) -> kv.add(k + "=" + v));
          return String.join(",", kv);
        });
    o.method(
        "Label", 1, a -> labels == null ? "" : labels.getOrDefault(String.valueOf(a.get(0)), ""));
    return o;
  }

  /**
   * secret/config inspect: the pretty template for each object ({@code --pretty} or {@code --format
   * pretty}), else docker/cli's inspect.Inspect.
   */
  static <T> int inspect(
      DockerCommand c,
      List<String> refs,
      String format,
      boolean pretty,
      java.util.function.Function<String, T> fetch,
      java.util.function.Consumer<T> print) {
    String f = pretty ? "pretty" : format;
    if (f.startsWith("pretty") && !f.equals("pretty")) {
      throw new CliException("cannot supply extra formatting options to the pretty template", 1);
    }
    if (!f.equals("pretty")) {
      return Inspector.inspect(c, refs, f, fetch::apply);
    }
    for (String ref : refs) {
      T o;
      try {
        o = fetch.apply(ref);
      } catch (EngineException e) {
        throw new CliException(DockerCommand.daemonError(e), 1);
      }
      print.accept(o);
    }
    return 0;
  }

  // ---- docker secret ----------------------------------------------------------------------------

  @Command(name = "create")
  @Docker(
      use = "[OPTIONS] SECRET [file|-]",
      summary = "Create a secret from a file or STDIN as content",
      minArgs = 1,
      maxArgs = 2)
  public static final class SecretCreate extends DockerCommand {
    @Option(
        names = {"-l", "--label"},
        paramLabel = "list",
        description = "Secret labels")
    List<String> labels = new ArrayList<>();

    @Option(
        names = {"-d", "--driver"},
        paramLabel = "string",
        description = "Secret driver")
    String driver = "";

    @Option(names = "--template-driver", paramLabel = "string", description = "Template driver")
    String templateDriver = "";

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String file = args.size() == 2 ? args.get(1) : "";
      if (!driver.isEmpty() && !file.isEmpty()) {
        throw new CliException("When using secret driver secret data must be empty", 1);
      }
      byte[] data = file.isEmpty() ? new byte[0] : readData(this, file);
      String id =
          engine
              .secrets()
              .create(
                  new SecretSpec(
                      args.get(0),
                      DockerCommand.kv(labels),
                      data.length == 0 ? null : Base64.getEncoder().encodeToString(data),
                      driver.isEmpty() ? null : new dev.ddlab.engine.dto.swarm.Driver(driver, null),
                      templateDriver.isEmpty()
                          ? null
                          : new dev.ddlab.engine.dto.swarm.Driver(templateDriver, null)))
              .id();
      out(id);
      return 0;
    }
  }

  /** The options {@code secret ls} and {@code config ls} share (docker/cli's list options). */
  abstract static class ObjectLs extends DockerCommand {
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
  }

  /** The options {@code secret inspect} and {@code config inspect} share. */
  abstract static class ObjectInspect extends DockerCommand {
    @Option(
        names = {"-f", "--format"},
        paramLabel = "string",
        description = "Format output using a custom template")
    String format = "";

    @Option(names = "--pretty", description = "Print the information in a human friendly format")
    boolean pretty;

    @Parameters List<String> args = new ArrayList<>();
  }

  @Command(name = "ls")
  @Docker(
      use = "[OPTIONS]",
      summary = "List secrets",
      aliases = "docker secret ls, docker secret list",
      maxArgs = 0)
  public static final class SecretLs extends ObjectLs {

    @Override
    public Integer call() {
      List<Secret> secrets = new ArrayList<>(engine.secrets().list(filters(filter)));
      secrets.sort((a, b) -> NaturalOrder.compare(a.spec().name(), b.spec().name()));
      List<GoObject> rows = new ArrayList<>();
      for (Secret s : secrets) {
        GoObject o = new GoObject("*secret.secretContext");
        o.getter("ID", s::id);
        o.getter("Name", () -> s.spec().name());
        o.getter("Driver", () -> s.spec().driver() == null ? "" : s.spec().driver().name());
        o.getter("CreatedAt", () -> ago(this, s.createdAt()));
        o.getter("UpdatedAt", () -> ago(this, s.updatedAt()));
        rows.add(labelled(o, s.spec().labels()));
      }
      print(
          listFormat(
              format,
              quiet,
              "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}"),
          rows,
          FormatContext.header(
              "ID", "ID",
              "Name", "NAME",
              "Driver", "DRIVER",
              "CreatedAt", "CREATED",
              "UpdatedAt", "UPDATED",
              "Labels", "LABELS"));
      return 0;
    }
  }

  @Command(name = "inspect")
  @Docker(
      use = "[OPTIONS] SECRET [SECRET...]",
      summary = "Display detailed information on one or more secrets",
      minArgs = 1)
  public static final class SecretInspect extends ObjectInspect {

    @Override
    public Integer call() {
      return inspect(this, args, format, pretty, engine.secrets()::inspect, this::pretty);
    }

    private void pretty(Secret s) {
      out("ID:              " + s.id());
      out("Name:              " + s.spec().name());
      prettyLabels(this, s.spec().labels());
      out("Driver:            " + (s.spec().driver() == null ? "" : s.spec().driver().name()));
      out("Created at:        " + prettyTime(s.createdAt()));
      out("Updated at:        " + prettyTime(s.updatedAt()));
    }
  }

  @Command(name = "rm")
  @Docker(
      use = "SECRET [SECRET...]",
      summary = "Remove one or more secrets",
      aliases = "docker secret rm, docker secret remove",
      minArgs = 1)
  public static final class SecretRm extends DockerCommand {
    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      return forEachName(args, n -> engine.secrets().remove(n));
    }
  }

  // ---- docker config ----------------------------------------------------------------------------

  @Command(name = "create")
  @Docker(
      use = "[OPTIONS] CONFIG file|-",
      summary = "Create a config from a file or STDIN",
      minArgs = 2,
      maxArgs = 2)
  public static final class ConfigCreate extends DockerCommand {
    @Option(
        names = {"-l", "--label"},
        paramLabel = "list",
        description = "Config labels")
    List<String> labels = new ArrayList<>();

    @Option(names = "--template-driver", paramLabel = "string", description = "Template driver")
    String templateDriver = "";

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      byte[] data = readData(this, args.get(1));
      String id =
          engine
              .configs()
              .create(
                  new ConfigSpec(
                      args.get(0),
                      DockerCommand.kv(labels),
                      data.length == 0 ? null : Base64.getEncoder().encodeToString(data),
                      templateDriver.isEmpty()
                          ? null
                          : new dev.ddlab.engine.dto.swarm.Driver(templateDriver, null)))
              .id();
      out(id);
      return 0;
    }
  }

  @Command(name = "ls")
  @Docker(
      use = "[OPTIONS]",
      summary = "List configs",
      aliases = "docker config ls, docker config list",
      maxArgs = 0)
  public static final class ConfigLs extends ObjectLs {

    @Override
    public Integer call() {
      List<Config> configs = new ArrayList<>(engine.configs().list(filters(filter)));
      configs.sort((a, b) -> NaturalOrder.compare(a.spec().name(), b.spec().name()));
      List<GoObject> rows = new ArrayList<>();
      for (Config c : configs) {
        GoObject o = new GoObject("*config.configContext");
        o.getter("ID", c::id);
        o.getter("Name", () -> c.spec().name());
        o.getter("CreatedAt", () -> ago(this, c.createdAt()));
        o.getter("UpdatedAt", () -> ago(this, c.updatedAt()));
        rows.add(labelled(o, c.spec().labels()));
      }
      print(
          listFormat(format, quiet, "table {{.ID}}\t{{.Name}}\t{{.CreatedAt}}\t{{.UpdatedAt}}"),
          rows,
          FormatContext.header(
              "ID", "ID",
              "Name", "NAME",
              "CreatedAt", "CREATED",
              "UpdatedAt", "UPDATED",
              "Labels", "LABELS"));
      return 0;
    }
  }

  @Command(name = "inspect")
  @Docker(
      use = "[OPTIONS] CONFIG [CONFIG...]",
      summary = "Display detailed information on one or more configs",
      minArgs = 1)
  public static final class ConfigInspect extends ObjectInspect {

    @Override
    public Integer call() {
      return inspect(this, args, format, pretty, engine.configs()::inspect, this::pretty);
    }

    private void pretty(Config c) {
      out("ID:\t\t\t" + c.id());
      out("Name:\t\t\t" + c.spec().name());
      prettyLabels(this, c.spec().labels());
      out("Created at:            \t" + prettyTime(c.createdAt()));
      out("Updated at:            \t" + prettyTime(c.updatedAt()));
      out("Data:");
      out(
          c.spec().data() == null
              ? ""
              : new String(Base64.getDecoder().decode(c.spec().data()), StandardCharsets.UTF_8));
    }
  }

  @Command(name = "rm")
  @Docker(
      use = "CONFIG [CONFIG...]",
      summary = "Remove one or more configs",
      aliases = "docker config rm, docker config remove",
      minArgs = 1)
  public static final class ConfigRm extends DockerCommand {
    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      return forEachName(args, n -> engine.configs().remove(n));
    }
  }

  // ---- a service's references -------------------------------------------------------------------

  /** One {@code --secret}/{@code --config} value as opts.SecretOpt and opts.ConfigOpt read it. */
  record Ref(String source, SecretReferenceFileTarget file) {}

  /**
   * {@code source=x,target=y,uid=0,gid=0,mode=0400} or just {@code x}: the file is named as the
   * source unless a target is given, owned by root, mode 0444.
   */
  static Ref parseRef(String flag, String value) {
    String source = null;
    String target = null;
    String uid = "0";
    String gid = "0";
    int mode = 0444;
    String[] fields = value.split(",", -1);
    if (fields.length == 1 && !fields[0].contains("=")) {
      return new Ref(fields[0], new SecretReferenceFileTarget(fields[0], uid, gid, mode));
    }
    for (String field : fields) {
      int eq = field.indexOf('=');
      if (eq <= 0) {
        throw flagError(flag, value, "invalid field '" + field + "' must be a key=value pair");
      }
      String key = field.substring(0, eq).toLowerCase(java.util.Locale.ROOT);
      String val = field.substring(eq + 1);
      switch (key) {
        case "source", "src" -> source = val;
        case "target" -> target = val;
        case "uid" -> uid = val;
        case "gid" -> gid = val;
        case "mode" -> mode = parseMode(flag, value, val);
        default ->
            throw flagError(
                flag,
                value,
                "invalid field in " + flag.substring(2).replace("-add", "") + " request: " + key);
      }
    }
    if (source == null || source.isEmpty()) {
      throw flagError(flag, value, "source is required");
    }
    return new Ref(
        source, new SecretReferenceFileTarget(target == null ? source : target, uid, gid, mode));
  }

  /** strconv.ParseUint(val, 0, 32): 0x…, 0o…, 0… octal, else decimal. */
  private static int parseMode(String flag, String value, String val) {
    String s = val.toLowerCase(java.util.Locale.ROOT);
    try {
      if (s.startsWith("0x")) {
        return Integer.parseInt(s.substring(2), 16);
      }
      if (s.startsWith("0o")) {
        return Integer.parseInt(s.substring(2), 8);
      }
      if (s.startsWith("0b")) {
        return Integer.parseInt(s.substring(2), 2);
      }
      if (s.length() > 1 && s.startsWith("0")) {
        return Integer.parseInt(s.substring(1), 8);
      }
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw flagError(
          flag,
          value,
          "invalid mode specified: strconv.ParseUint: parsing \"" + val + "\": invalid syntax");
    }
  }

  private static FlagError flagError(String flag, String value, String why) {
    return new FlagError("invalid argument \"" + value + "\" for \"" + flag + "\" flag: " + why);
  }

  /**
   * service.ParseSecrets: every source looked up by name (one list request), each reference given
   * its secret's ID; a target used twice or a name not found is the CLI's error.
   */
  static List<SecretReference> resolveSecrets(DockerCommand c, List<Ref> refs) {
    Map<String, Ref> byTarget = byTarget(refs, "secret");
    if (byTarget.isEmpty()) {
      return List.of();
    }
    Map<String, String> ids = new LinkedHashMap<>();
    for (Secret s : c.engine.secrets().list(Map.of("name", sources(byTarget)))) {
      ids.put(s.spec().name(), s.id());
    }
    List<SecretReference> out = new ArrayList<>();
    for (Ref r : byTarget.values()) {
      String id = ids.get(r.source());
      if (id == null) {
        throw new CliException("secret not found: " + r.source(), 1);
      }
      out.add(new SecretReference(r.file(), id, r.source()));
    }
    return out;
  }

  /** service.ParseConfigs, as {@link #resolveSecrets}. */
  static List<ConfigReference> resolveConfigs(DockerCommand c, List<Ref> refs) {
    Map<String, Ref> byTarget = byTarget(refs, "config");
    if (byTarget.isEmpty()) {
      return List.of();
    }
    Map<String, String> ids = new LinkedHashMap<>();
    for (Config s : c.engine.configs().list(Map.of("name", sources(byTarget)))) {
      ids.put(s.spec().name(), s.id());
    }
    List<ConfigReference> out = new ArrayList<>();
    for (Ref r : byTarget.values()) {
      String id = ids.get(r.source());
      if (id == null) {
        throw new CliException("config not found: " + r.source(), 1);
      }
      out.add(new ConfigReference(r.file(), id, r.source()));
    }
    return out;
  }

  private static Map<String, Ref> byTarget(List<Ref> refs, String word) {
    Map<String, Ref> out = new LinkedHashMap<>();
    for (Ref r : refs) {
      if (out.putIfAbsent(r.file().name(), r) != null) {
        throw new CliException(
            "duplicate " + word + " target for " + r.source() + " not allowed", 1);
      }
    }
    return out;
  }

  private static List<String> sources(Map<String, Ref> byTarget) {
    return byTarget.values().stream().map(Ref::source).distinct().toList();
  }

  /** {@code --secret} and {@code --config} of {@code service create}. */
  public static final class CreateOptions {
    @Option(
        names = "--secret",
        paramLabel = "secret",
        description = "Specify secrets to expose to the service")
    List<String> secrets = new ArrayList<>();

    @Option(
        names = "--config",
        paramLabel = "config",
        description = "Specify configurations to expose to the service")
    List<String> configs = new ArrayList<>();

    List<SecretReference> secrets(DockerCommand c) {
      return resolveSecrets(c, secrets.stream().map(v -> parseRef("--secret", v)).toList());
    }

    List<ConfigReference> configs(DockerCommand c) {
      return resolveConfigs(c, configs.stream().map(v -> parseRef("--config", v)).toList());
    }
  }

  /**
   * {@code --secret-add/--secret-rm} and {@code --config-add/--config-rm} of {@code service update}
   * (docker/cli's getUpdatedSecrets/getUpdatedConfigs: the references not removed by name, then the
   * additions; a target used twice is the daemon's error).
   */
  public static final class UpdateOptions {
    @Option(
        names = "--secret-add",
        paramLabel = "secret",
        description = "Add or update a secret on a service")
    List<String> secretAdd = new ArrayList<>();

    @Option(names = "--secret-rm", paramLabel = "list", description = "Remove a secret")
    List<String> secretRm = new ArrayList<>();

    @Option(
        names = "--config-add",
        paramLabel = "config",
        description = "Add or update a config file on a service")
    List<String> configAdd = new ArrayList<>();

    @Option(names = "--config-rm", paramLabel = "list", description = "Remove a configuration file")
    List<String> configRm = new ArrayList<>();

    boolean any() {
      return !secretAdd.isEmpty()
          || !secretRm.isEmpty()
          || !configAdd.isEmpty()
          || !configRm.isEmpty();
    }

    List<SecretReference> secrets(DockerCommand c, List<SecretReference> have) {
      List<SecretReference> out = new ArrayList<>();
      for (SecretReference r : have == null ? List.<SecretReference>of() : have) {
        if (!secretRm.contains(r.secretName())) {
          out.add(r);
        }
      }
      out.addAll(
          resolveSecrets(c, secretAdd.stream().map(v -> parseRef("--secret-add", v)).toList()));
      return out;
    }

    List<ConfigReference> configs(DockerCommand c, List<ConfigReference> have) {
      List<ConfigReference> out = new ArrayList<>();
      for (ConfigReference r : have == null ? List.<ConfigReference>of() : have) {
        if (!configRm.contains(r.configName())) {
          out.add(r);
        }
      }
      out.addAll(
          resolveConfigs(c, configAdd.stream().map(v -> parseRef("--config-add", v)).toList()));
      return out;
    }
  }
}
