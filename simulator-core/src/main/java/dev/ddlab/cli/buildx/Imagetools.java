package dev.ddlab.cli.buildx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.cli.command.CliException;
import dev.ddlab.cli.command.Docker;
import dev.ddlab.cli.command.DockerCommand;
import dev.ddlab.cli.formatter.Refs;
import dev.ddlab.cli.formatter.TabWriter;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.DistributionInspect;
import dev.ddlab.go.GoJsonIndent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docker buildx imagetools inspect [--raw] [--format] NAME}: what the registry serves for a
 * name, as buildx v0.11's printer shows it: its name, media type and digest; for a manifest list or
 * image index each entry by digest with its media type and platform, and an attestation manifest's
 * annotations ({@code vnd.docker.reference.digest}, {@code vnd.docker.reference.type}) in a block
 * of their own; {@code --raw} the registry's bytes as they are; {@code --format '{{json
 * .Provenance}}'} the SLSA predicates of the attestations (per platform when there are several),
 * {@code '{{json .Manifest}}'} the index. buildx asks the registry itself; here the engine's
 * registry access answers ({@code GET /distribution/{name}/json} and {@link
 * dev.ddlab.engine.ImagesApi#registryContent}).
 */
@Command(name = "imagetools")
@Docker(
    use = "inspect [OPTIONS] NAME",
    summary = "Commands to work on images in registry",
    minArgs = 2,
    maxArgs = 2)
final class Imagetools extends DockerCommand {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PFX = "  ";
  private static final Pattern JSON_FIELD = Pattern.compile("^\\{\\{\\s*json\\s+\\.(\\w+)\\s*}}$");

  @Parameters List<String> args = new ArrayList<>();

  @Option(names = "--raw", description = "Show original, unformatted JSON manifest")
  boolean raw;

  @Option(
      names = "--format",
      paramLabel = "string",
      description = "Format the output using the given Go template")
  String format;

  @Override
  public Integer call() {
    if (!args.get(0).equals("inspect")) {
      throw new CliException(
          "ERROR: unknown command \"" + args.get(0) + "\" for \"docker buildx imagetools\"", 1);
    }
    String name = args.get(1);
    String ref;
    try {
      ref = Refs.normalize(name, true);
    } catch (IllegalArgumentException e) {
      throw new CliException("ERROR: " + e.getMessage(), 1);
    }
    DistributionInspect d;
    byte[] content;
    try {
      d = engine.images().distributionInspect(name);
      content = engine.images().registryContent(name);
    } catch (EngineException e) {
      if (e.isNotConnected()) {
        throw e;
      }
      throw new CliException(
          "ERROR: " + (e.isNotFound() ? ref + ": not found" : e.getMessage()), 1);
    }
    if (raw) {
      io.out(new String(content, StandardCharsets.UTF_8)); // no newline: the bytes as digested
      return 0;
    }
    JsonNode index = read(content);
    if (format != null
        && !format.isBlank()
        && !format.strip().matches("\\{\\{\\s*\\.Manifest\\s*}}")) {
      io.out(formatted(name, d, index) + "\n");
      return 0;
    }
    StringBuilder head = new StringBuilder();
    head.append("Name:\t").append(ref).append('\n');
    head.append("MediaType:\t").append(d.descriptor().mediaType()).append('\n');
    head.append("Digest:\t").append(d.descriptor().digest()).append('\n');
    StringBuilder text = new StringBuilder(new TabWriter(0, 1).format(head.toString()));
    JsonNode entries = index.path("manifests");
    if (entries.isArray()) {
      text.append(new TabWriter(0, 1).format("\t\nManifests:\t\n"));
      // buildx flushes its tabwriter before an entry's annotations and aligns those apart
      StringBuilder block = new StringBuilder();
      for (int i = 0; i < entries.size(); i++) {
        JsonNode m = entries.get(i);
        JsonNode p = m.path("platform");
        if (i > 0) {
          block.append("\t\n");
        }
        block.append(PFX + "Name:\t").append(ref).append('@');
        block.append(m.path("digest").asText()).append('\n');
        block.append(PFX + "MediaType:\t").append(m.path("mediaType").asText()).append('\n');
        if (p.isMissingNode()) {
          continue;
        }
        block.append(PFX + "Platform:\t").append(platform(p)).append('\n');
        if (p.has("os.version")) {
          block.append(PFX + "OSVersion:\t").append(p.path("os.version").asText()).append('\n');
        }
        JsonNode ann = m.path("annotations");
        if (ann.size() > 0) {
          block.append(PFX + "Annotations:\t\n");
          text.append(new TabWriter(0, 1).format(block.toString()));
          block.setLength(0);
          StringBuilder lines = new StringBuilder();
          for (Map.Entry<String, String> a : sorted(ann).entrySet()) {
            lines.append(PFX + PFX).append(a.getKey()).append(":\t").append(a.getValue());
            lines.append('\n');
          }
          text.append(new TabWriter(0, 1).format(lines.toString()));
        }
      }
      text.append(new TabWriter(0, 1).format(block.toString()));
    }
    io.out(text.toString());
    return 0;
  }

  /** {@code --format '{{json .X}}'}: Go's MarshalIndent of X with two spaces, keys sorted. */
  private String formatted(String name, DistributionInspect d, JsonNode index) {
    Matcher m = JSON_FIELD.matcher(format.strip());
    if (!m.matches()) {
      throw new CliException(
          "ERROR: ddlab simulates the formats {{json .Provenance}}, {{json .Manifest}} and"
              + " {{.Manifest}} of imagetools inspect",
          1);
    }
    switch (m.group(1)) {
      case "Provenance" -> {
        Map<String, JsonNode> byPlatform = provenance(name, index);
        if (byPlatform.size() <= 1) {
          ObjectNode stub = JSON.createObjectNode();
          if (!byPlatform.isEmpty()) {
            stub.set("SLSA", byPlatform.values().iterator().next());
          }
          return indent(stub);
        }
        ObjectNode all = JSON.createObjectNode();
        byPlatform.forEach((p, pred) -> all.putObject(p).set("SLSA", pred));
        return indent(all);
      }
      case "Manifest" -> {
        ObjectNode mf = JSON.createObjectNode();
        mf.put("schemaVersion", index.path("schemaVersion").asInt());
        mf.put("mediaType", d.descriptor().mediaType());
        mf.put("digest", d.descriptor().digest());
        mf.put("size", d.descriptor().size());
        if (index.has("manifests")) {
          mf.set("manifests", index.get("manifests"));
        }
        return indentKeepingOrder(mf);
      }
      default ->
          throw new CliException(
              "ERROR: template: :1:8: executing \"\" at <.>: can't evaluate field " + m.group(1),
              1);
    }
  }

  /**
   * The SLSA predicate of each platform's attestation manifest, by platform ("linux/amd64"): the
   * in-toto layer whose predicate type is SLSA provenance, fetched by digest.
   */
  private Map<String, JsonNode> provenance(String name, JsonNode index) {
    Map<String, String> platformOf = new TreeMap<>();
    for (JsonNode e : index.path("manifests")) {
      if (!e.path("annotations").has("vnd.docker.reference.digest")) {
        platformOf.put(e.path("digest").asText(), platform(e.path("platform")));
      }
    }
    Map<String, JsonNode> out = new TreeMap<>();
    String repo = Refs.splitTag(name)[0];
    for (JsonNode e : index.path("manifests")) {
      String subject = e.path("annotations").path("vnd.docker.reference.digest").asText("");
      if (subject.isEmpty()) {
        continue;
      }
      JsonNode manifest =
          read(engine.images().registryContent(repo + "@" + e.path("digest").asText()));
      for (JsonNode layer : manifest.path("layers")) {
        String type = layer.path("annotations").path("in-toto.io/predicate-type").asText("");
        if (type.startsWith("https://slsa.dev/provenance/")) {
          JsonNode st =
              read(engine.images().registryContent(repo + "@" + layer.path("digest").asText()));
          out.put(platformOf.getOrDefault(subject, "unknown/unknown"), st.path("predicate"));
          break;
        }
      }
    }
    return out;
  }

  private static String platform(JsonNode p) {
    return p.path("os").asText()
        + "/"
        + p.path("architecture").asText()
        + (p.has("variant") ? "/" + p.path("variant").asText() : "");
  }

  private static Map<String, String> sorted(JsonNode obj) {
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static JsonNode read(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new CliException("ERROR: " + e.getMessage(), 1);
    }
  }

  /** Go's MarshalIndent of a value decoded into {@code any}: map keys sorted, HTML escaped. */
  private static String indent(JsonNode n) {
    return indentKeepingOrder(sortKeys(n))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026");
  }

  private static String indentKeepingOrder(JsonNode n) {
    try {
      return GoJsonIndent.indent(JSON.writeValueAsString(n), "  ");
    } catch (IOException e) {
      throw new CliException("ERROR: " + e.getMessage(), 1);
    }
  }

  private static JsonNode sortKeys(JsonNode n) {
    if (n.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      new TreeMap<>(toMap(n)).forEach((k, v) -> out.set(k, sortKeys(v)));
      return out;
    }
    if (n.isArray()) {
      var out = JSON.createArrayNode();
      n.forEach(v -> out.add(sortKeys(v)));
      return out;
    }
    return n;
  }

  private static Map<String, JsonNode> toMap(JsonNode obj) {
    Map<String, JsonNode> m = new java.util.LinkedHashMap<>();
    obj.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }
}
