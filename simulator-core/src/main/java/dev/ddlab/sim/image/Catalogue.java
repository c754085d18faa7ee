package dev.ddlab.sim.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.engine.dto.SearchResult;
import dev.ddlab.sim.fs.LayerBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every image the simulated registries serve: the repositories and tags of {@code catalogue.yaml},
 * built on demand by running their recipes ({@code recipes.yaml}, with the file trees of {@code
 * trees.yaml}) through {@link ImageBuild}. Built images are pure functions of the data, so each is
 * built once per JVM and shared by every registry and node. {@link CatalogueLoader} reads the data
 * and refuses malformed data at startup.
 */
final class Catalogue {
  /** Docker's default PATH on Linux (moby's system.DefaultPathEnv), which base images set. */
  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** Recipe step kinds and the arguments each takes besides its own key ("?": optional). */
  static final Map<String, Set<String>> STEPS =
      Map.ofEntries(
          Map.entry("from", Set.of()),
          Map.entry("include", Set.of("with?")),
          Map.entry("at", Set.of()),
          Map.entry("add", Set.of("size", "files")),
          Map.entry("run", Set.of("size", "files")),
          Map.entry("copy", Set.of("size", "files")),
          Map.entry("env", Set.of()),
          Map.entry("label", Set.of()),
          Map.entry("arg", Set.of()),
          Map.entry("cmd", Set.of()),
          Map.entry("entrypoint", Set.of()),
          Map.entry("workdir", Set.of()),
          Map.entry("expose", Set.of()),
          Map.entry("volume", Set.of()),
          Map.entry("user", Set.of()),
          Map.entry("stopsignal", Set.of()),
          Map.entry("shell", Set.of()));

  // Platforms of the data, by name (after STEPS: reading the data needs it).
  static final Platform AMD64 = Platform.LINUX_AMD64;
  static final Platform ARM64 = builtIn().platform("arm64");
  static final Platform ARMV7 = builtIn().platform("armv7");
  static final Platform WIN_2022 = builtIn().platform("win2022");

  /** One tag of a repository: its platforms (one means a plain manifest) and how it is built. */
  record TagSpec(
      List<Platform> platforms,
      Map<String, String> recipeByOs,
      JsonNode with,
      boolean buildkit,
      String where) {
    boolean isList() {
      return platforms.size() > 1;
    }
  }

  private static Catalogue builtIn;

  private final Set<String> registries;
  private final Map<String, Platform> platforms;
  private final Map<String, Map<String, String>> architectures;
  private final Map<String, Map<String, TagSpec>> repositories;
  private final Map<String, List<Op>> recipes;
  private final Trees trees;
  private final List<SearchResult> hub;
  private final Map<String, Image> built = new HashMap<>();

  Catalogue(
      Set<String> registries,
      Map<String, Platform> platforms,
      Map<String, Map<String, String>> architectures,
      Map<String, Map<String, TagSpec>> repositories,
      Map<String, List<Op>> recipes,
      Trees trees,
      List<SearchResult> hub) {
    this.registries = registries;
    this.platforms = platforms;
    this.architectures = architectures;
    this.repositories = repositories;
    this.recipes = recipes;
    this.trees = trees;
    this.hub = hub;
  }

  /** The catalogue of this build's resources, read on first use. */
  static synchronized Catalogue builtIn() {
    if (builtIn == null) {
      builtIn = CatalogueLoader.load(CatalogueLoader::resource);
    }
    return builtIn;
  }

  Platform platform(String name) {
    Platform p = platforms.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no platform named " + name + " in the catalogue");
    }
    return p;
  }

  /** Every repository, in the order the data declares them. */
  List<String> repositories() {
    return List.copyOf(repositories.keySet());
  }

  /** The tags of a repository ("docker.io/library/alpine"), sorted; empty when unknown. */
  Map<String, TagSpec> tags(String repoName) {
    return repositories.getOrDefault(repoName, Map.of());
  }

  boolean hasRegistry(String domain) {
    return registries.contains(domain);
  }

  /** The image of repo:tag for a platform the tag has (built once per JVM). */
  synchronized Image image(String repoName, String tag, Platform p) {
    String key = repoName + ":" + tag + "@" + p + "/" + p.osVersion();
    Image img = built.get(key);
    if (img == null) {
      img = build(repositories.get(repoName).get(tag), p);
      built.put(key, img);
    }
    return img;
  }

  /** Docker Hub search: exact name first, then names or descriptions containing the term. */
  List<SearchResult> search(String term) {
    String t = term.toLowerCase(Locale.ROOT);
    List<SearchResult> exact = new ArrayList<>();
    List<SearchResult> rest = new ArrayList<>();
    for (SearchResult r : hub) {
      if (r.name().equals(t)) {
        exact.add(r);
      } else if (r.name().contains(t) || r.description().toLowerCase(Locale.ROOT).contains(t)) {
        rest.add(r);
      }
    }
    rest.sort((a, b) -> Integer.compare(b.starCount(), a.starCount()));
    exact.addAll(rest);
    return exact;
  }

  // ---- recipes -------------------------------------------------------------------------------

  /** The state of one recipe run: the image being written and the image it started FROM. */
  private static final class Run {
    final Platform platform;
    final boolean buildkit;
    ImageBuild build;
    Image from;

    Run(Platform platform, boolean buildkit) {
      this.platform = platform;
      this.buildkit = buildkit;
    }

    ImageBuild build() {
      if (build == null) {
        build = new ImageBuild(platform, buildkit);
      }
      return build;
    }
  }

  private Image build(TagSpec spec, Platform p) {
    String recipe = spec.recipeByOs().get(p.os());
    if (recipe == null) {
      throw Op.error(spec.where(), "no recipe for " + p.os());
    }
    Run run = new Run(p, spec.buildkit());
    Vars vars = platformVars(p).with(spec.with(), spec.where());
    steps(recipe, spec.where(), run, vars);
    return run.build().build();
  }

  private Vars platformVars(Platform p) {
    String name = null;
    for (Map.Entry<String, Platform> e : platforms.entrySet()) {
      if (e.getValue().equals(p)) {
        name = e.getKey();
      }
    }
    return Vars.of(name, p, architectures.getOrDefault(p.architecture(), Map.of()));
  }

  private void steps(String recipe, String where, Run run, Vars vars) {
    List<Op> steps = recipes.get(recipe);
    if (steps == null) {
      throw Op.error(where, "no recipe named " + recipe);
    }
    for (Op step : steps) {
      step(step, run, vars);
    }
  }

  private void step(Op op, Run run, Vars vars) {
    switch (op.kind()) {
      case "from" -> {
        if (run.build != null) {
          throw op.error("from must be the first step");
        }
        Reference ref = Reference.parseWithDefaultTag(op.text("from", vars));
        if (!tags(ref.name()).containsKey(ref.tag())) {
          throw op.error(ref.familiarString() + " is not in the catalogue");
        }
        run.from = image(ref.name(), ref.tag(), run.platform);
        run.build = new ImageBuild(run.platform, run.buildkit).from(run.from);
      }
      case "include" ->
          steps(op.text("include", vars), op.where(), run, vars.with(op.raw("with"), op.where()));
      case "at" -> run.build().at(at(op, run, vars));
      case "add" -> run.build().add(op.text("add", vars), op.size("size", vars), files(op, vars));
      case "run" -> run.build().run(op.text("run", vars), op.size("size", vars), files(op, vars));
      case "copy" -> {
        List<String> srcDest = op.strings("copy", vars);
        if (srcDest.size() != 2) {
          throw op.error("'copy' must be [SRC, DEST]");
        }
        run.build().copy(srcDest.get(0), srcDest.get(1), op.size("size", vars), files(op, vars));
      }
      case "env" -> {
        String[] kv = keyValue(op, "env", vars);
        run.build().env(kv[0], kv[1]);
      }
      case "label" -> {
        String[] kv = keyValue(op, "label", vars);
        run.build().label(kv[0], kv[1]);
      }
      case "arg" -> run.build().arg(op.text("arg", vars));
      case "cmd" -> run.build().cmd(op.strings("cmd", vars));
      case "entrypoint" -> run.build().entrypoint(op.strings("entrypoint", vars));
      case "shell" -> run.build().shell(op.strings("shell", vars));
      case "workdir" -> run.build().workdir(op.text("workdir", vars));
      case "expose" -> run.build().expose(op.text("expose", vars));
      case "volume" -> run.build().volume(op.text("volume", vars));
      case "user" -> run.build().user(op.text("user", vars));
      case "stopsignal" -> run.build().stopSignal(op.text("stopsignal", vars));
      default -> throw op.error("unknown step " + op.kind());
    }
  }

  /** Epoch seconds, or {after-from: SECONDS} after the FROM image was made. */
  private static long at(Op op, Run run, Vars vars) {
    JsonNode at = op.value("at", vars);
    if (at.isObject() && at.size() == 1 && at.has("after-from")) {
      if (run.from == null) {
        throw op.error("'after-from' needs a from step before it");
      }
      return run.from.createdNanos() / 1_000_000_000L + at.get("after-from").asLong();
    }
    return op.number("at", vars);
  }

  private static String[] keyValue(Op op, String key, Vars vars) {
    String text = op.text(key, vars);
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw op.error("'" + key + "' must be KEY=VALUE, not " + text);
    }
    return new String[] {text.substring(0, eq), text.substring(eq + 1)};
  }

  private Consumer<LayerBuilder> files(Op op, Vars vars) {
    return b -> trees.apply(op.files(), b, vars);
  }
}
