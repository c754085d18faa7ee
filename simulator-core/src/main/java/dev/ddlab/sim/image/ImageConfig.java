package dev.ddlab.sim.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.HealthConfig;
import dev.ddlab.go.GoTime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An image configuration (OCI image-spec config.md, plus Docker's extra fields). Its JSON bytes are
 * what the image ID hashes, so an image keeps the exact bytes it was made or loaded with; this
 * record is the parsed view.
 */
public record ImageConfig(
    String architecture,
    String variant,
    String os,
    String osVersion,
    long createdNanos,
    String author,
    String comment,
    String container,
    String dockerVersion,
    ContainerConfig config,
    ContainerConfig containerConfig,
    List<History> history,
    List<String> diffIds) {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One build step; {@code emptyLayer} steps (ENV, CMD …) add no layer. */
  public record History(
      long createdNanos, String createdBy, String comment, String author, boolean emptyLayer) {}

  /** Serialises in a fixed key order (compact, as registries store configs). */
  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("architecture", architecture);
    if (!author.isEmpty()) {
      root.put("author", author);
    }
    if (!comment.isEmpty()) {
      root.put("comment", comment);
    }
    root.set("config", configJson(config));
    if (!container.isEmpty()) {
      root.put("container", container);
    }
    if (containerConfig != null) {
      root.set("container_config", configJson(containerConfig));
    }
    root.put("created", GoTime.rfc3339Nano(createdNanos));
    if (!dockerVersion.isEmpty()) {
      root.put("docker_version", dockerVersion);
    }
    ArrayNode hist = root.putArray("history");
    for (History h : history) {
      ObjectNode o = hist.addObject();
      o.put("created", GoTime.rfc3339Nano(h.createdNanos()));
      if (!h.author().isEmpty()) {
        o.put("author", h.author());
      }
      o.put("created_by", h.createdBy());
      if (!h.comment().isEmpty()) {
        o.put("comment", h.comment());
      }
      if (h.emptyLayer()) {
        o.put("empty_layer", true);
      }
    }
    root.put("os", os);
    if (osVersion != null) {
      root.put("os.version", osVersion);
    }
    ObjectNode rootfs = root.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    diffIds.forEach(ids::add);
    if (variant != null) {
      root.put("variant", variant);
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode configJson(ContainerConfig c) {
    ObjectNode o = JSON.createObjectNode();
    if (c.hostname() != null && !c.hostname().isEmpty()) {
      o.put("Hostname", c.hostname());
    }
    if (c.user() != null && !c.user().isEmpty()) {
      o.put("User", c.user());
    }
    if (c.exposedPorts() != null && !c.exposedPorts().isEmpty()) {
      ObjectNode ports = o.putObject("ExposedPorts");
      new TreeMap<>(c.exposedPorts()).keySet().forEach(p -> ports.putObject(p));
    }
    if (c.tty()) {
      o.put("Tty", true);
    }
    if (c.openStdin()) {
      o.put("OpenStdin", true);
    }
    putList(o, "Env", c.env());
    putList(o, "Entrypoint", c.entrypoint());
    putList(o, "Cmd", c.cmd());
    if (c.healthcheck() != null) {
      o.set("Healthcheck", JSON.valueToTree(c.healthcheck()));
    }
    if (c.image() != null && !c.image().isEmpty()) {
      o.put("Image", c.image());
    }
    if (c.volumes() != null && !c.volumes().isEmpty()) {
      ObjectNode vols = o.putObject("Volumes");
      new TreeMap<>(c.volumes()).keySet().forEach(v -> vols.putObject(v));
    }
    if (c.workingDir() != null && !c.workingDir().isEmpty()) {
      o.put("WorkingDir", c.workingDir());
    }
    if (c.labels() != null && !c.labels().isEmpty()) {
      ObjectNode labels = o.putObject("Labels");
      new TreeMap<>(c.labels()).forEach(labels::put);
    }
    putList(o, "OnBuild", c.onBuild());
    if (c.stopSignal() != null && !c.stopSignal().isEmpty()) {
      o.put("StopSignal", c.stopSignal());
    }
    return o;
  }

  private static void putList(ObjectNode o, String key, List<String> values) {
    if (values != null) {
      ArrayNode a = o.putArray(key);
      values.forEach(a::add);
    }
  }

  /** Parses config JSON bytes (from a registry, a commit or a docker save tarball). */
  public static ImageConfig parse(byte[] json) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.isObject()) {
        throw EngineException.badRequest("invalid image config");
      }
      List<History> history = new ArrayList<>();
      for (JsonNode h : root.path("history")) {
        history.add(
            new History(
                GoTime.parseRfc3339(h.path("created").asText("")),
                h.path("created_by").asText(""),
                h.path("comment").asText(""),
                h.path("author").asText(""),
                h.path("empty_layer").asBoolean(false)));
      }
      List<String> diffIds = new ArrayList<>();
      for (JsonNode d : root.path("rootfs").path("diff_ids")) {
        diffIds.add(d.asText());
      }
      JsonNode cc = root.get("container_config");
      return new ImageConfig(
          root.path("architecture").asText(""),
          root.hasNonNull("variant") ? root.get("variant").asText() : null,
          root.path("os").asText(""),
          root.hasNonNull("os.version") ? root.get("os.version").asText() : null,
          GoTime.parseRfc3339(root.path("created").asText("")),
          root.path("author").asText(""),
          root.path("comment").asText(""),
          root.path("container").asText(""),
          root.path("docker_version").asText(""),
          parseConfig(root.path("config")),
          cc == null || cc.isNull() ? null : parseConfig(cc),
          List.copyOf(history),
          List.copyOf(diffIds));
    } catch (IOException e) {
      throw EngineException.badRequest("invalid image config: " + e.getMessage());
    }
  }

  static ContainerConfig parseConfig(JsonNode c) {
    return new ContainerConfig(
        c.path("Hostname").asText(""),
        c.path("Domainname").asText(""),
        c.path("User").asText(""),
        c.path("AttachStdin").asBoolean(false),
        c.path("AttachStdout").asBoolean(false),
        c.path("AttachStderr").asBoolean(false),
        objectKeys(c.get("ExposedPorts")),
        c.path("Tty").asBoolean(false),
        c.path("OpenStdin").asBoolean(false),
        c.path("StdinOnce").asBoolean(false),
        strings(c.get("Env")),
        strings(c.get("Cmd")),
        health(c.get("Healthcheck")),
        c.path("Image").asText(""),
        objectKeys(c.get("Volumes")),
        c.path("WorkingDir").asText(""),
        strings(c.get("Entrypoint")),
        strings(c.get("OnBuild")),
        labels(c.get("Labels")),
        c.hasNonNull("StopSignal") ? c.get("StopSignal").asText() : null,
        c.hasNonNull("StopTimeout") ? c.get("StopTimeout").asInt() : null);
  }

  private static List<String> strings(JsonNode a) {
    if (a == null || !a.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    a.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  private static Map<String, Map<String, Object>> objectKeys(JsonNode o) {
    if (o == null || !o.isObject()) {
      return null;
    }
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    Iterator<String> it = o.fieldNames();
    while (it.hasNext()) {
      out.put(it.next(), Map.of());
    }
    return out;
  }

  private static HealthConfig health(JsonNode h) {
    if (h == null || !h.isObject()) {
      return null;
    }
    return new HealthConfig(
        strings(h.get("Test")),
        h.path("Interval").asLong(0),
        h.path("Timeout").asLong(0),
        h.path("StartPeriod").asLong(0),
        h.path("Retries").asInt(0));
  }

  private static Map<String, String> labels(JsonNode o) {
    if (o == null || !o.isObject()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** The platform this config was built for. */
  public Platform platform() {
    return new Platform(os, architecture, variant, osVersion);
  }
}
