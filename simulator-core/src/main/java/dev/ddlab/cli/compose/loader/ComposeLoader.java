package dev.ddlab.cli.compose.loader;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ddlab.cli.compose.types.Project;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Loads a Compose project as compose-go's loader does: finds the file ({@code compose.yaml} …
 * upwards from the working directory, or {@code -f}), reads {@code .env}, parses the YAML with
 * Jackson, interpolates every value, validates against the specification's shapes (with compose's
 * wording: {@code services.web Additional property foo is not allowed}, {@code services.web.image
 * must be a string}), normalises short forms, and checks the project is consistent (undefined
 * networks and volumes, a service with neither image nor build).
 */
public final class ComposeLoader {
  /** The default file names, in compose's order of preference. */
  public static final List<String> DEFAULT_FILES =
      List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The file name that means stdin. */
  public static final String STDIN = "-";

  /**
   * What the command line says: {@code -f} files, {@code -p}, {@code --project-directory}, {@code
   * --env-file}.
   */
  /**
   * @param profiles the {@code --profile} flags (when none, COMPOSE_PROFILES of the shell, comma
   *     separated); null for a reader that knows no profiles ({@code docker stack deploy})
   */
  public record Options(
      List<String> files,
      String projectName,
      String projectDirectory,
      List<String> envFiles,
      List<String> profiles) {
    public Options(
        List<String> files, String projectName, String projectDirectory, List<String> envFiles) {
      this(files, projectName, projectDirectory, envFiles, null);
    }

    public static Options defaults() {
      return new Options(List.of(), "", "", List.of(), List.of());
    }
  }

  private final FileSystem fs;
  private final String cwd;
  private final Map<String, String> osEnv;
  private final Consumer<String> warnings;

  /** The main files of the projects that include this one, outermost first (include cycles). */
  private final List<String> loaded;

  /** The file named {@code -}: the rest of stdin, read when the loader comes to it. */
  private final Supplier<String> stdin;

  /**
   * @param fs where the files are (the client machine's filesystem)
   * @param cwd the shell's working directory
   * @param osEnv the shell's environment (wins over {@code .env})
   * @param warnings compose's warnings, one line each, without the {@code WARN[0000]} prefix
   */
  public ComposeLoader(
      FileSystem fs, String cwd, Map<String, String> osEnv, Consumer<String> warnings) {
    this(fs, cwd, osEnv, warnings, List.of(), () -> "");
  }

  private ComposeLoader(
      FileSystem fs,
      String cwd,
      Map<String, String> osEnv,
      Consumer<String> warnings,
      List<String> loaded,
      Supplier<String> stdin) {
    this.fs = fs;
    this.cwd = cwd;
    this.osEnv = osEnv;
    this.warnings = warnings;
    this.loaded = loaded;
    this.stdin = stdin;
  }

  /**
   * This loader reading the file named {@code -} from {@code stdin} (compose-go's
   * ProjectFromOptions and docker/cli's stack loader: {@code io.ReadAll} of stdin, the file's name
   * stays {@code -}). Each {@code -} reads what is left, so a second one reads nothing.
   */
  public ComposeLoader withStdin(Supplier<String> stdin) {
    return new ComposeLoader(fs, cwd, osEnv, warnings, loaded, stdin);
  }

  public Project load(Options options) {
    List<String> files = configFiles(options);
    String workingDir =
        options.projectDirectory().isEmpty()
            ? files.stream()
                .filter(f -> !f.equals(STDIN))
                .findFirst()
                .map(Paths::parent)
                .orElse(cwd)
            : Paths.resolve(cwd, options.projectDirectory());
    Map<String, String> env = environment(workingDir, options.envFiles());
    ObjectNode merged = null;
    Extends extend = new Extends(path -> checked(path, env));
    for (String f : files) {
      ObjectNode doc = checked(f, env);
      // extends' relative files from stdin are found from the working directory
      extend.resolve(doc, f.equals(STDIN) ? Paths.resolve(workingDir, STDIN) : f);
      merged = merged == null ? doc : mergeFiles(merged, doc);
    }
    String name = projectName(options, merged, workingDir, env);
    List<Included> included = include(merged.get("include"), files.get(0), name, workingDir, env);
    Project p =
        new Normaliser(name, workingDir, env, f -> isFile(f) ? read(f) : null)
            .project(merged, files, included);
    if (options.profiles() == null) {
      return p;
    }
    List<String> profiles = options.profiles();
    if (profiles.isEmpty()) {
      // compose-go's WithDefaultProfiles reads the process's environment, not .env
      profiles = List.of(osEnv.getOrDefault("COMPOSE_PROFILES", "").split(",", -1));
    }
    return p.withProfiles(profiles);
  }

  /** A project an {@code include} entry loaded, with the paths it names (for errors). */
  record Included(Project project, List<String> paths) {}

  /**
   * compose-go's loadInclude: each entry's files loaded as a project of their own (its directory
   * the first file's unless {@code project_directory}, its own {@code .env} or {@code env_file},
   * relative paths against that directory, the including project's name), whose services, networks,
   * volumes, secrets and configs the including project then takes.
   */
  private List<Included> include(
      JsonNode entries, String mainFile, String name, String workingDir, Map<String, String> env) {
    List<Included> out = new ArrayList<>();
    if (entries == null || !entries.isArray()) {
      return out;
    }
    List<String> chain = new ArrayList<>(loaded);
    if (chain.contains(mainFile)) {
      chain.add(mainFile);
      throw new ComposeException(
          "include cycle detected:\n"
              + chain.get(0)
              + "\n include "
              + String.join("\n include ", chain.subList(1, chain.size())));
    }
    chain.add(mainFile);
    for (JsonNode e : entries) {
      JsonNode pathNode = e.isObject() ? e.get("path") : e;
      List<String> paths = new ArrayList<>();
      if (pathNode != null && pathNode.isArray()) {
        pathNode.forEach(x -> paths.add(Paths.resolve(workingDir, x.asText())));
      } else if (pathNode != null) {
        paths.add(Paths.resolve(workingDir, pathNode.asText()));
      }
      String dir =
          e.isObject() && e.hasNonNull("project_directory")
              ? Paths.resolve(workingDir, e.get("project_directory").asText())
              : Paths.parent(paths.get(0));
      List<String> envFiles = new ArrayList<>();
      JsonNode ef = e.isObject() ? e.get("env_file") : null;
      if (ef != null && ef.isArray()) {
        ef.forEach(x -> envFiles.add(Paths.resolve(dir, x.asText())));
      } else if (ef != null && !ef.isNull()) {
        envFiles.add(Paths.resolve(dir, ef.asText()));
      }
      Project p =
          new ComposeLoader(fs, cwd, env, warnings, chain, stdin)
              .load(new Options(paths, name, dir, envFiles, null));
      out.add(new Included(p, paths));
    }
    return out;
  }

  /** A file parsed, interpolated and validated. */
  private ObjectNode checked(String path, Map<String, String> env) {
    if (!path.equals(STDIN) && !isFile(path)) {
      throw new ComposeException("open " + path + ": no such file or directory");
    }
    ObjectNode doc = parse(path);
    interpolate(doc, "", env, path);
    new Validation(path).validate(doc);
    return doc;
  }

  // ---- files and environment ----

  private List<String> configFiles(Options options) {
    List<String> out = new ArrayList<>();
    if (options.files().isEmpty()) {
      String dir =
          options.projectDirectory().isEmpty()
              ? cwd
              : Paths.resolve(cwd, options.projectDirectory());
      while (true) {
        List<String> found = existing(dir, DEFAULT_FILES);
        if (!found.isEmpty()) {
          out.add(chosen(found, "config"));
          List<String> overrides = existing(dir, OVERRIDE_FILES);
          if (!overrides.isEmpty()) {
            out.add(chosen(overrides, "override"));
          }
          return out;
        }
        if (dir.equals("/")) {
          throw new ComposeException("no configuration file provided: not found");
        }
        dir = Paths.parent(dir);
      }
    }
    for (String f : options.files()) {
      if (f.equals(STDIN)) {
        out.add(f);
        continue;
      }
      String p = Paths.resolve(cwd, f);
      if (!isFile(p)) {
        throw new ComposeException("open " + p + ": no such file or directory");
      }
      out.add(p);
    }
    return out;
  }

  /** compose-go's DefaultOverrideFileNames: found beside the default file, it is merged over it. */
  private static final List<String> OVERRIDE_FILES =
      List.of(
          "compose.override.yml",
          "compose.override.yaml",
          "docker-compose.override.yml",
          "docker-compose.override.yaml");

  private List<String> existing(String dir, List<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      String p = Paths.normalize(dir + "/" + n);
      if (isFile(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /** The first of {@code found}, with compose-go's warning when there are several. */
  private String chosen(List<String> found, String kind) {
    if (found.size() > 1) {
      warnings.accept(
          "Found multiple " + kind + " files with supported names: " + String.join(", ", found));
      warnings.accept("Using " + found.get(0));
    }
    return found.get(0);
  }

  private boolean isFile(String p) {
    return fs != null && fs.exists(p) && !fs.isDirectory(p);
  }

  private String read(String path) {
    if (path.equals(STDIN)) {
      return stdin.get();
    }
    try {
      return new String(fs.read(path), StandardCharsets.UTF_8);
    } catch (FsException e) {
      throw new ComposeException("open " + path + ": no such file or directory");
    }
  }

  private Map<String, String> environment(String workingDir, List<String> envFiles) {
    Map<String, String> env = new LinkedHashMap<>();
    List<String> files = new ArrayList<>();
    if (envFiles.isEmpty()) {
      String dotEnv = Paths.normalize(workingDir + "/.env");
      if (isFile(dotEnv)) {
        files.add(dotEnv);
      }
    } else {
      for (String f : envFiles) {
        String p = Paths.resolve(cwd, f);
        if (!isFile(p)) {
          throw new ComposeException("couldn't find env file: " + p);
        }
        files.add(p);
      }
    }
    for (String f : files) {
      try {
        env.putAll(DotEnv.parse(read(f), osEnv));
      } catch (DotEnv.ParseError e) {
        throw new ComposeException("failed to read " + f + ": " + e.getMessage());
      }
    }
    env.putAll(osEnv);
    return env;
  }

  private static final String NAME_RULE =
      "must consist only of lowercase alphanumeric characters, hyphens, and underscores as well"
          + " as start with a letter or number";

  private String projectName(
      Options options, ObjectNode doc, String workingDir, Map<String, String> env) {
    String explicit = options.projectName();
    if (explicit.isEmpty() && env.containsKey("COMPOSE_PROJECT_NAME")) {
      explicit = env.get("COMPOSE_PROJECT_NAME");
    }
    if (explicit.isEmpty() && doc.hasNonNull("name")) {
      explicit = doc.get("name").asText();
    }
    if (!explicit.isEmpty()) {
      if (!explicit.matches("[a-z0-9][a-z0-9_-]*")) {
        throw new ComposeException("invalid project name \"" + explicit + "\": " + NAME_RULE);
      }
      return explicit;
    }
    return normalizeProjectName(Paths.name(workingDir));
  }

  /** compose-go's NormalizeProjectName: lower case, only [a-z0-9_-], no leading '_' or '-'. */
  /** A port in the short syntax ({@code [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]}: run -p). */
  public static dev.ddlab.cli.compose.types.Project.Port port(String spec) {
    return Normaliser.shortPort(spec);
  }

  public static String normalizeProjectName(String s) {
    String r = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
    return r.replaceFirst("^[_-]+", "");
  }

  // ---- YAML ----

  private ObjectNode parse(String path) {
    String text = read(path);
    JsonNode node;
    try {
      node = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String line = loc == null ? "?" : Integer.toString(Math.max(1, loc.getLineNr()));
      throw new ComposeException("yaml: line " + line + ": " + firstLine(e.getOriginalMessage()));
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw new ComposeException("empty compose file");
    }
    if (!node.isObject()) {
      throw new ComposeException("validating " + path + ": top-level object must be a mapping");
    }
    return (ObjectNode) node;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "syntax error";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  private void interpolate(JsonNode node, String path, Map<String, String> env, String file) {
    Set<String> warned = new LinkedHashSet<>();
    Interpolation interp =
        new Interpolation(
            env::get,
            v -> {
              if (warned.add(v)) {
                warnings.accept(
                    "The \"" + v + "\" variable is not set. Defaulting to a blank string.");
              }
            });
    walk(node, path, interp);
  }

  private void walk(JsonNode node, String path, Interpolation interp) {
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (e.getValue().isTextual()) {
          e.setValue(JsonNodeFactory.instance.textNode(sub(interp, e.getValue().asText(), p)));
        } else {
          walk(e.getValue(), p, interp);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        String p = path + "[" + i + "]";
        if (a.get(i).isTextual()) {
          a.set(i, JsonNodeFactory.instance.textNode(sub(interp, a.get(i).asText(), p)));
        } else {
          walk(a.get(i), p, interp);
        }
      }
    }
  }

  private static String sub(Interpolation interp, String value, String path) {
    try {
      return interp.substitute(value);
    } catch (Interpolation.MissingRequired | Interpolation.InvalidTemplate e) {
      throw new ComposeException("error while interpolating " + path + ": " + e.getMessage());
    }
  }

  /** Later files override earlier ones key by key; lists are replaced. */
  /**
   * A later {@code -f} file over the earlier ones: services merge by compose-go's rules (those of
   * {@code extends}: lists by key or appended), the other sections key by key.
   */
  static ObjectNode mergeFiles(ObjectNode base, ObjectNode over) {
    JsonNode bs = base.get("services");
    JsonNode os = over.get("services");
    if (bs instanceof ObjectNode baseServices && os instanceof ObjectNode overServices) {
      overServices
          .fields()
          .forEachRemaining(
              e -> {
                JsonNode b = baseServices.get(e.getKey());
                baseServices.set(
                    e.getKey(),
                    b instanceof ObjectNode bo && e.getValue() instanceof ObjectNode oo
                        ? Extends.merge(bo, oo)
                        : e.getValue());
              });
      over = over.deepCopy();
      over.remove("services");
    }
    return merge(base, over);
  }

  static ObjectNode merge(ObjectNode base, ObjectNode over) {
    for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode b = base.get(e.getKey());
      if (b instanceof ObjectNode bo && e.getValue() instanceof ObjectNode oo) {
        merge(bo, oo);
      } else {
        base.set(e.getKey(), e.getValue());
      }
    }
    return base;
  }

  /** Sorted copy, for config output. */
  static <V> Map<String, V> sorted(Map<String, V> m) {
    return new TreeMap<>(m);
  }
}
