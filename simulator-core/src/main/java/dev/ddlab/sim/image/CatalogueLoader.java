package dev.ddlab.sim.image;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.SearchResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the image catalogue ({@code catalogue.yaml}, {@code recipes.yaml}, {@code trees.yaml},
 * beside this class) with Jackson and checks it before anything is built: the shape of every entry,
 * the kinds of steps and tree operations and their arguments, and that every recipe, tree, list,
 * platform and FROM image named exists. Anything wrong is an {@link IllegalStateException} naming
 * the file, the entry and the reason, at the first use of the catalogue (startup), never a
 * different image.
 */
final class CatalogueLoader {
  static final String CATALOGUE = "catalogue.yaml";
  static final String RECIPES = "recipes.yaml";
  static final String TREES = "trees.yaml";

  /** YAML with duplicate keys refused (by default the last one would silently win). */
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  private CatalogueLoader() {}

  /** A resource of this package, or null. */
  static InputStream resource(String name) {
    return CatalogueLoader.class.getResourceAsStream(name);
  }

  /** Reads and checks the three files that {@code open} gives by name (null: missing). */
  static Catalogue load(Function<String, InputStream> open) {
    JsonNode catalogue = read(open, CATALOGUE);
    JsonNode recipesDoc = read(open, RECIPES);
    JsonNode treesDoc = read(open, TREES);
    only(
        catalogue, CATALOGUE, "registries", "platforms", "architectures", "repositories", "search");
    only(treesDoc, TREES, "lists", "trees");

    Map<String, List<String>> lists = new LinkedHashMap<>();
    forEach(
        treesDoc.path("lists"),
        TREES + ": lists",
        (name, node, where) -> lists.put(name, strings(node, where)));
    Map<String, List<Op>> treeOps = new LinkedHashMap<>();
    forEach(
        treesDoc.path("trees"),
        TREES + ": trees",
        (name, node, where) -> treeOps.put(name, ops(node, where, Trees.KINDS)));
    Trees trees = new Trees(treeOps, lists);

    Map<String, List<Op>> recipes = new LinkedHashMap<>();
    forEach(
        recipesDoc,
        RECIPES,
        (name, node, where) -> recipes.put(name, ops(node, where, Catalogue.STEPS)));

    Map<String, Platform> platforms = new LinkedHashMap<>();
    forEach(
        catalogue.path("platforms"),
        CATALOGUE + ": platforms",
        (name, node, where) -> platforms.put(name, platform(node, where)));
    Map<String, Map<String, String>> architectures = new LinkedHashMap<>();
    forEach(
        catalogue.path("architectures"),
        CATALOGUE + ": architectures",
        (name, node, where) -> {
          Map<String, String> names = new LinkedHashMap<>();
          forEach(node, where, (k, v, w) -> names.put(k, string(v, w)));
          architectures.put(name, names);
        });
    Map<String, Map<String, Catalogue.TagSpec>> repositories = new LinkedHashMap<>();
    forEach(
        catalogue.path("repositories"),
        CATALOGUE + ": repositories",
        (name, node, where) ->
            repositories.put(name, repository(name, node, where, platforms, recipes)));

    Set<String> registries =
        new LinkedHashSet<>(strings(catalogue.path("registries"), CATALOGUE + ": registries"));
    List<SearchResult> hub = new ArrayList<>();
    JsonNode search = catalogue.path("search");
    if (!search.isMissingNode() && !search.isArray()) {
      throw Op.error(CATALOGUE + ": search", "must be a list");
    }
    for (int i = 0; i < search.size(); i++) {
      hub.add(searchResult(search.get(i), CATALOGUE + ": search[" + i + "]"));
    }

    for (List<Op> steps : recipes.values()) {
      for (Op step : steps) {
        checkStep(step, recipes, repositories, trees);
      }
    }
    for (List<Op> ops : treeOps.values()) {
      checkTreeOps(ops, trees);
    }
    return new Catalogue(
        registries, platforms, architectures, repositories, recipes, trees, List.copyOf(hub));
  }

  // ---- reading -------------------------------------------------------------------------------

  private static JsonNode read(Function<String, InputStream> open, String name) {
    try (InputStream in = open.apply(name)) {
      if (in == null) {
        throw new IllegalStateException("image catalogue, " + name + ": not found");
      }
      JsonNode doc = YAML.readTree(in);
      if (doc == null || !doc.isObject()) {
        throw new IllegalStateException("image catalogue, " + name + ": must be a mapping");
      }
      return doc;
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      throw new IllegalStateException(
          "image catalogue, "
              + name
              + (at == null ? "" : ", line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new IllegalStateException("image catalogue, " + name + ": " + e.getMessage(), e);
    }
  }

  private interface Entry {
    void accept(String name, JsonNode node, String where);
  }

  /** Each field of a mapping, in order; {@code node} may be missing (no fields). */
  private static void forEach(JsonNode node, String where, Entry entry) {
    if (node.isMissingNode()) {
      return;
    }
    if (!node.isObject()) {
      throw new IllegalStateException("image catalogue, " + where + ": must be a mapping");
    }
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      entry.accept(
          e.getKey(), e.getValue(), where + (where.endsWith(".yaml") ? ": " : ".") + e.getKey());
    }
  }

  private static void only(JsonNode node, String where, String... keys) {
    Set<String> allowed = Set.of(keys);
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!allowed.contains(k)) {
                throw Op.error(
                    where, "unknown key '" + k + "' (expected " + new TreeSet<>(allowed) + ")");
              }
            });
  }

  private static String string(JsonNode node, String where) {
    if (node == null || !node.isTextual()) {
      throw Op.error(
          where,
          "must be a string, not "
              + (node == null ? "nothing" : Op.describe(node))
              + " (quote it)");
    }
    return node.asText();
  }

  private static List<String> strings(JsonNode node, String where) {
    if (!node.isArray()) {
      throw Op.error(where, "must be a list");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(string(node.get(i), where + "[" + i + "]"));
    }
    return List.copyOf(out);
  }

  /** A list of steps or tree operations, each a mapping with one key of {@code kinds}. */
  private static List<Op> ops(JsonNode node, String where, Map<String, Set<String>> kinds) {
    if (!node.isArray()) {
      throw Op.error(where, "must be a list");
    }
    List<Op> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(op(node.get(i), where + "[" + i + "]", kinds));
    }
    return List.copyOf(out);
  }

  private static Op op(JsonNode node, String where, Map<String, Set<String>> kinds) {
    if (!node.isObject()) {
      throw Op.error(
          where, "must be a mapping such as {" + kinds.keySet().iterator().next() + ": …}");
    }
    List<String> named = new ArrayList<>();
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (kinds.containsKey(k)) {
                named.add(k);
              }
            });
    if (named.size() != 1) {
      throw Op.error(
          where,
          (named.isEmpty() ? "says what to do with none" : "says what to do with " + named)
              + " of "
              + new TreeSet<>(kinds.keySet()));
    }
    String kind = named.get(0);
    Set<String> args = kinds.get(kind);
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
    for (String k : fields.keySet()) {
      if (!k.equals(kind) && !args.contains(k) && !args.contains(k + "?")) {
        throw Op.error(
            where, "'" + kind + "' takes no '" + k + "' (it takes " + describe(args) + ")");
      }
    }
    for (String a : args) {
      if (!a.endsWith("?") && !fields.containsKey(a)) {
        throw Op.error(where, "'" + kind + "' needs '" + a + "'");
      }
    }
    List<Op> files = List.of();
    if (fields.containsKey("files")) {
      files = ops(fields.get("files"), where + ".files", Trees.KINDS);
    }
    return new Op(where, kind, fields, files);
  }

  private static String describe(Set<String> args) {
    return args.isEmpty()
        ? "nothing else"
        : String.join(", ", new TreeSet<>(args)).replace("?", "");
  }

  // ---- catalogue.yaml ------------------------------------------------------------------------

  private static Platform platform(JsonNode node, String where) {
    only(node, where, "os", "architecture", "variant", "os.version");
    return new Platform(
        string(node.get("os"), where + ".os"),
        string(node.get("architecture"), where + ".architecture"),
        node.has("variant") ? string(node.get("variant"), where + ".variant") : null,
        node.has("os.version") ? string(node.get("os.version"), where + ".os.version") : null);
  }

  private static Map<String, Catalogue.TagSpec> repository(
      String name,
      JsonNode groups,
      String where,
      Map<String, Platform> platforms,
      Map<String, List<Op>> recipes) {
    Reference ref = Reference.tryParse(name);
    if (ref == null || ref.tag() != null || ref.digest() != null || !ref.name().equals(name)) {
      throw Op.error(where, "must be a full repository name such as docker.io/library/alpine");
    }
    if (!groups.isArray()) {
      throw Op.error(where, "must be a list of tag groups");
    }
    Map<String, Catalogue.TagSpec> tags = new TreeMap<>();
    for (int i = 0; i < groups.size(); i++) {
      JsonNode g = groups.get(i);
      String w = where + "[" + i + "]";
      only(g, w, "tags", "platforms", "recipe", "with", "builder");
      List<Platform> ps = new ArrayList<>();
      for (String p : strings(g.path("platforms"), w + ".platforms")) {
        if (!platforms.containsKey(p)) {
          throw Op.error(w + ".platforms", "no platform named " + p);
        }
        ps.add(platforms.get(p));
      }
      if (ps.isEmpty()) {
        throw Op.error(w + ".platforms", "must name at least one platform");
      }
      Map<String, String> recipeByOs = new TreeMap<>();
      JsonNode recipe = g.get("recipe");
      if (recipe != null && recipe.isObject()) {
        forEach(recipe, w + ".recipe", (os, r, rw) -> recipeByOs.put(os, string(r, rw)));
      } else {
        String r = string(recipe, w + ".recipe");
        ps.forEach(p -> recipeByOs.put(p.os(), r));
      }
      for (String r : recipeByOs.values()) {
        if (!recipes.containsKey(r)) {
          throw Op.error(w + ".recipe", "no recipe named " + r);
        }
      }
      for (Platform p : ps) {
        if (!recipeByOs.containsKey(p.os())) {
          throw Op.error(w + ".recipe", "no recipe for " + p.os());
        }
      }
      String builder = g.has("builder") ? string(g.get("builder"), w + ".builder") : "classic";
      if (!builder.equals("classic") && !builder.equals("buildkit")) {
        throw Op.error(w + ".builder", "must be classic or buildkit, not " + builder);
      }
      JsonNode with = g.get("with");
      if (with != null && !with.isObject()) {
        throw Op.error(w + ".with", "must be a mapping of variables");
      }
      Catalogue.TagSpec spec =
          new Catalogue.TagSpec(List.copyOf(ps), recipeByOs, with, builder.equals("buildkit"), w);
      for (String tag : strings(g.path("tags"), w + ".tags")) {
        if (!tag.matches("[\\w][\\w.-]{0,127}")) {
          throw Op.error(w + ".tags", "not a tag: " + tag);
        }
        if (tags.put(tag, spec) != null) {
          throw Op.error(w + ".tags", "tag " + tag + " twice");
        }
      }
    }
    return tags;
  }

  private static SearchResult searchResult(JsonNode node, String where) {
    only(node, where, "name", "description", "stars", "official", "automated");
    JsonNode stars = node.path("stars");
    if (!stars.isIntegralNumber()) {
      throw Op.error(where + ".stars", "must be a whole number");
    }
    return new SearchResult(
        string(node.get("description"), where + ".description"),
        node.path("official").asBoolean(false),
        node.path("automated").asBoolean(false),
        string(node.get("name"), where + ".name"),
        stars.asInt());
  }

  // ---- references ----------------------------------------------------------------------------

  private static boolean literal(JsonNode n) {
    return n != null && n.isTextual() && !n.asText().contains("{{");
  }

  private static void checkStep(
      Op step,
      Map<String, List<Op>> recipes,
      Map<String, Map<String, Catalogue.TagSpec>> repositories,
      Trees trees) {
    JsonNode arg = step.raw(step.kind());
    if (step.kind().equals("include") && literal(arg) && !recipes.containsKey(arg.asText())) {
      throw step.error("no recipe named " + arg.asText());
    }
    if (step.kind().equals("from") && literal(arg)) {
      Reference ref;
      try {
        ref = Reference.parseWithDefaultTag(arg.asText());
      } catch (EngineException e) {
        throw step.error(e.getMessage() + ": " + arg.asText());
      }
      if (!repositories.getOrDefault(ref.name(), Map.of()).containsKey(ref.tag())) {
        throw step.error(ref.familiarString() + " is not in the catalogue");
      }
    }
    checkTreeOps(step.files(), trees);
  }

  private static void checkTreeOps(List<Op> ops, Trees trees) {
    for (Op op : ops) {
      JsonNode tree = op.raw("tree");
      if (op.kind().equals("tree") && literal(tree) && !trees.hasTree(tree.asText())) {
        throw op.error("no tree named " + tree.asText());
      }
      for (String key : List.of("names", "omit")) {
        JsonNode list = op.raw(key);
        if (literal(list) && !trees.hasList(list.asText())) {
          throw op.error("'" + key + "' names no list: " + list.asText());
        }
      }
    }
  }
}
