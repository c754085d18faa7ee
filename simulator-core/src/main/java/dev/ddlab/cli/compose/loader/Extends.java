package dev.ddlab.cli.compose.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.fs.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A service's {@code extends} (compose-go's loadServiceWithExtends and its merge rules), on the
 * parsed and interpolated file before normalisation: the base service (of the same file, or of
 * {@code file:} relative to the extending file, whose relative paths are made absolute against its
 * own directory) is resolved first, then the service is merged over it:
 *
 * <ul>
 *   <li>a scalar of the service replaces the base's;
 *   <li>mappings ({@code environment}, {@code labels}, {@code depends_on}, {@code networks} …, list
 *       forms read as mappings) merge key by key, the service's value winning; {@code build},
 *       {@code healthcheck}, {@code deploy} and {@code logging} merge field by field;
 *   <li>{@code command}, {@code entrypoint} and a health check's {@code test} are replaced;
 *   <li>{@code ports} merge by (target, published, host IP, protocol), {@code volumes} by target,
 *       {@code secrets} and {@code configs} by source (each sorted, as compose-go sorts them);
 *       {@code expose} is the union; other lists are appended.
 * </ul>
 */
final class Extends {
  /** Parses, interpolates and validates another compose file (its {@code services} section). */
  interface Files {
    ObjectNode load(String absolutePath);
  }

  private static final Set<String> MAPPINGS =
      Set.of(
          "environment",
          "labels",
          "depends_on",
          "networks",
          "sysctls",
          "ulimits",
          "extra_hosts",
          "annotations",
          "storage_opt");

  private static final Set<String> STRUCTS = Set.of("build", "healthcheck", "deploy", "logging");

  private static final Set<String> REPLACED = Set.of("command", "entrypoint");

  private final Files files;

  Extends(Files files) {
    this.files = files;
  }

  /** Every service of {@code doc} (read from {@code file}) with its {@code extends} resolved. */
  void resolve(ObjectNode doc, String file) {
    JsonNode services = doc.get("services");
    if (services == null || !services.isObject()) {
      return;
    }
    Map<String, JsonNode> resolved = new LinkedHashMap<>();
    for (Iterator<String> it = services.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.startsWith("x-")) {
        resolved.put(name, service(file, name, (ObjectNode) services, new ArrayList<>()));
      }
    }
    resolved.forEach(((ObjectNode) services)::set);
  }

  private ObjectNode service(String file, String name, ObjectNode services, List<String[]> chain) {
    for (String[] seen : chain) {
      if (seen[0].equals(file) && seen[1].equals(name)) {
        StringBuilder msg = new StringBuilder("Circular reference:");
        msg.append("\n  ").append(chain.get(0)[1]).append(" in ").append(chain.get(0)[0]);
        for (String[] s : chain.subList(1, chain.size())) {
          msg.append("\n  extends ").append(s[1]).append(" in ").append(s[0]);
        }
        msg.append("\n  extends ").append(name).append(" in ").append(file);
        throw new ComposeException(msg.toString());
      }
    }
    chain.add(new String[] {file, name});
    JsonNode found = services.get(name);
    if (found == null) {
      throw new ComposeException(
          "cannot extend service \"" + name + "\" in " + file + ": service not found");
    }
    ObjectNode service =
        found.isObject() ? ((ObjectNode) found).deepCopy() : JsonNodeFactory.instance.objectNode();
    JsonNode ext = service.remove("extends");
    if (ext == null || ext.isNull()) {
      return service;
    }
    String baseName = ext.isTextual() ? ext.asText() : ext.path("service").asText();
    String baseFile = ext.isObject() && ext.hasNonNull("file") ? ext.get("file").asText() : null;
    ObjectNode base;
    if (baseFile == null) {
      base = service(file, baseName, services, chain);
    } else {
      String path = Paths.resolve(Paths.parent(file), baseFile);
      ObjectNode other = files.load(path);
      JsonNode otherServices = other.get("services");
      base =
          service(
              path,
              baseName,
              otherServices != null && otherServices.isObject()
                  ? (ObjectNode) otherServices
                  : JsonNodeFactory.instance.objectNode(),
              chain);
      absolutePaths(base, Paths.parent(path));
    }
    return merge(base, service);
  }

  /** compose-go's ResolveServiceRelativePaths for a base read from another file. */
  private void absolutePaths(ObjectNode s, String dir) {
    JsonNode build = s.get("build");
    if (build != null && build.isTextual()) {
      s.put("build", Paths.resolve(dir, build.asText()));
    } else if (build != null && build.isObject() && build.hasNonNull("context")) {
      ((ObjectNode) build).put("context", Paths.resolve(dir, build.get("context").asText()));
    }
    JsonNode envFile = s.get("env_file");
    if (envFile != null && envFile.isTextual()) {
      s.put("env_file", Paths.resolve(dir, envFile.asText()));
    } else if (envFile != null && envFile.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      envFile.forEach(f -> out.add(Paths.resolve(dir, f.asText())));
      s.set("env_file", out);
    }
    JsonNode volumes = s.get("volumes");
    if (volumes != null && volumes.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode v : volumes) {
        if (v.isTextual() && isPath(v.asText())) {
          int colon = v.asText().indexOf(':');
          String src = colon < 0 ? v.asText() : v.asText().substring(0, colon);
          out.add(absolute(dir, src) + (colon < 0 ? "" : v.asText().substring(colon)));
        } else if (v.isObject() && "bind".equals(v.path("type").asText())) {
          ObjectNode copy = ((ObjectNode) v).deepCopy();
          copy.put("source", absolute(dir, v.path("source").asText()));
          out.add(copy);
        } else {
          out.add(v);
        }
      }
      s.set("volumes", out);
    }
  }

  private static boolean isPath(String spec) {
    return spec.contains(":") && (spec.startsWith(".") || spec.startsWith("/"));
  }

  private static String absolute(String dir, String path) {
    return path.startsWith("~") ? path : Paths.resolve(dir, path);
  }

  /** The service over its base. */
  static ObjectNode merge(ObjectNode base, ObjectNode over) {
    ObjectNode out = base.deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode mine = e.getValue();
      JsonNode theirs = out.get(key);
      if (theirs == null || theirs.isNull() || mine == null || mine.isNull()) {
        out.set(key, mine);
      } else if (MAPPINGS.contains(key)) {
        ObjectNode m = mapping(theirs, key);
        mapping(mine, key).fields().forEachRemaining(f -> m.set(f.getKey(), f.getValue()));
        out.set(key, m);
      } else if (STRUCTS.contains(key)) {
        out.set(key, struct(struct(theirs, key), struct(mine, key)));
      } else if (REPLACED.contains(key) || !mine.isArray() || !theirs.isArray()) {
        out.set(key, mine);
      } else {
        out.set(key, list(key, (ArrayNode) theirs, (ArrayNode) mine));
      }
    }
    return out;
  }

  /** A struct's fields merged: the service's scalars and lists (a test) win, mappings merge. */
  private static JsonNode struct(JsonNode base, JsonNode over) {
    if (!base.isObject() || !over.isObject()) {
      return over;
    }
    ObjectNode out = ((ObjectNode) base).deepCopy();
    over.fields()
        .forEachRemaining(
            f -> {
              JsonNode b = out.get(f.getKey());
              out.set(
                  f.getKey(),
                  b != null && b.isObject() && f.getValue().isObject()
                      ? struct(b, f.getValue())
                      : f.getValue());
            });
    return out;
  }

  private static JsonNode struct(JsonNode n, String key) {
    if (key.equals("build") && n.isTextual()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("context", n.asText());
      return o;
    }
    return n;
  }

  /** A mapping, or a list form read as one ({@code KEY=VALUE}, {@code [a, b]}). */
  private static ObjectNode mapping(JsonNode n, String key) {
    if (n.isObject()) {
      return ((ObjectNode) n).deepCopy();
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (JsonNode x : n) {
      String s = x.asText();
      if (key.equals("depends_on")) {
        out.set(s, JsonNodeFactory.instance.objectNode().put("condition", "service_started"));
      } else if (key.equals("networks")) {
        out.putNull(s);
      } else {
        int sep = s.indexOf(key.equals("extra_hosts") ? ':' : '=');
        if (sep < 0) {
          out.putNull(s);
        } else {
          out.put(s.substring(0, sep), s.substring(sep + 1));
        }
      }
    }
    return out;
  }

  private static ArrayNode list(String key, ArrayNode base, ArrayNode over) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    switch (key) {
      case "ports", "volumes", "secrets", "configs" -> {
        Map<String, JsonNode> byKey = new TreeMap<>(Comparator.naturalOrder());
        for (ArrayNode l : List.of(base, over)) {
          for (JsonNode x : l) {
            byKey.put(mergeKey(key, x), x);
          }
        }
        byKey.values().forEach(out::add);
      }
      case "expose" -> {
        Set<String> seen = new LinkedHashSet<>();
        for (ArrayNode l : List.of(base, over)) {
          for (JsonNode x : l) {
            if (seen.add(x.asText())) {
              out.add(x);
            }
          }
        }
      }
      default -> {
        out.addAll(base);
        out.addAll(over);
      }
    }
    return out;
  }

  /** What two entries must share to be one: sortable as compose-go sorts the merged list. */
  private static String mergeKey(String key, JsonNode x) {
    switch (key) {
      case "ports" -> {
        PortKey p =
            x.isObject()
                ? new PortKey(
                    x.path("target").asInt(),
                    x.path("published").asText(""),
                    x.path("host_ip").asText(""),
                    x.path("protocol").asText("tcp"))
                : PortKey.of(Normaliser.shortPort(x.asText()));
        return String.format("%010d %s %s %s", p.target(), p.published(), p.hostIp(), p.protocol());
      }
      case "volumes" -> {
        if (x.isObject()) {
          return x.path("target").asText();
        }
        String[] parts = x.asText().split(":");
        return parts.length == 1 ? parts[0] : parts[1];
      }
      default -> {
        return x.isObject() ? x.path("source").asText() : x.asText();
      }
    }
  }

  /** The fields a port merges on. */
  private record PortKey(int target, String published, String hostIp, String protocol) {
    static PortKey of(dev.ddlab.cli.compose.types.Project.Port p) {
      return new PortKey(p.target(), p.published(), p.hostIp(), p.protocol());
    }
  }
}
