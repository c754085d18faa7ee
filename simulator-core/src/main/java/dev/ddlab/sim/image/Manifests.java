package dev.ddlab.sim.image;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.DistributionInspect;
import java.util.List;

/**
 * Distribution manifests as JSON: the schema2 image manifest and manifest list a registry stores
 * (3-space indent; their sha256 is the repo digest), and what {@code docker manifest inspect
 * [--verbose]} prints of them (docker/cli, tab-indented).
 */
final class Manifests {
  private Manifests() {}

  /** The manifest (list) the registry serves for {@code reference}, as the CLI prints it. */
  static String inspect(Registry registry, String reference, boolean verbose) {
    Reference r = Reference.parse(reference).withDefaultTag();
    Registry.Tagged t;
    try {
      t = registry.resolve(r);
    } catch (EngineException e) {
      if (e.isNotFound()) {
        throw EngineException.notFound("no such manifest: " + r);
      }
      throw e;
    }
    return render(r, t, verbose);
  }

  /** GET /distribution/{name}/json: the descriptor the registry serves and its platforms. */
  static DistributionInspect distribution(Registry registry, String reference) {
    Registry.Tagged t = registry.resolve(Reference.parse(reference).withDefaultTag());
    List<Registry.Manifest> ms =
        t instanceof Registry.ManifestList l ? l.manifests() : List.of((Registry.Manifest) t);
    List<DistributionInspect.PlatformSpec> platforms = new java.util.ArrayList<>();
    for (Registry.Manifest m : ms) {
      Platform p = m.platform();
      platforms.add(
          new DistributionInspect.PlatformSpec(
              p.architecture(), p.os(), p.osVersion(), p.variant()));
    }
    return new DistributionInspect(
        new DistributionInspect.Descriptor(t.mediaType(), t.digest(), t.json().length), platforms);
  }

  private static String render(Reference ref, Registry.Tagged t, boolean verbose) {
    if (!verbose) {
      return t instanceof Registry.ManifestList l
          ? listJson(l.manifests(), "\t")
          : manifestJson(((Registry.Manifest) t).image(), "\t");
    }
    if (t instanceof Registry.Manifest m) {
      return verboseEntry(ref.toString(), m, "");
    }
    List<Registry.Manifest> ms = ((Registry.ManifestList) t).manifests();
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < ms.size(); i++) {
      Registry.Manifest m = ms.get(i);
      sb.append("\t")
          .append(verboseEntry(ref.name() + "@" + m.digest(), m, "\t"))
          .append(i < ms.size() - 1 ? ",\n" : "\n");
    }
    return sb.append("]").toString();
  }

  private static String verboseEntry(String refText, Registry.Manifest m, String base) {
    String i1 = base + "\t";
    String i2 = i1 + "\t";
    String schema = manifestJson(m.image(), "\t").replace("\n", "\n" + i1);
    return "{\n"
        + i1
        + "\"Ref\": \""
        + refText
        + "\",\n"
        + i1
        + "\"Descriptor\": {\n"
        + i2
        + "\"mediaType\": \""
        + Registry.MANIFEST_V2
        + "\",\n"
        + i2
        + "\"digest\": \""
        + m.digest()
        + "\",\n"
        + i2
        + "\"size\": "
        + m.json().length
        + ",\n"
        + i2
        + "\"platform\": "
        + platformJson(m.platform(), i2, i2 + "\t")
        + "\n"
        + i1
        + "},\n"
        + i1
        + "\"SchemaV2Manifest\": "
        + schema
        + "\n"
        + base
        + "}";
  }

  /** Schema2 manifest JSON, indented with {@code unit} (registries store it with 3 spaces). */
  static String manifestJson(Image image, String unit) {
    String i1 = unit;
    String i2 = unit + unit;
    String i3 = i2 + unit;
    StringBuilder sb = header(unit, Registry.MANIFEST_V2);
    sb.append(i1).append("\"config\": {\n");
    descriptor(sb, i2, Registry.CONFIG_V1, image.configJson().length, image.id(), false);
    sb.append(i1).append("},\n");
    sb.append(i1).append("\"layers\": [");
    List<ImageLayer> layers = image.layers();
    for (int k = 0; k < layers.size(); k++) {
      ImageLayer l = layers.get(k);
      sb.append(k == 0 ? "\n" : ",\n").append(i2).append("{\n");
      descriptor(
          sb, i3, Registry.LAYER_GZIP, l.digest().blobSize(), l.digest().blobDigest(), false);
      sb.append(i2).append("}");
    }
    sb.append(layers.isEmpty() ? "]\n" : "\n" + i1 + "]\n");
    return sb.append("}").toString();
  }

  static String listJson(List<Registry.Manifest> manifests, String unit) {
    String i1 = unit;
    String i2 = unit + unit;
    String i3 = i2 + unit;
    String i4 = i3 + unit;
    StringBuilder sb = header(unit, Registry.MANIFEST_LIST_V2);
    sb.append(i1).append("\"manifests\": [");
    for (int k = 0; k < manifests.size(); k++) {
      Registry.Manifest m = manifests.get(k);
      sb.append(k == 0 ? "\n" : ",\n").append(i2).append("{\n");
      descriptor(sb, i3, Registry.MANIFEST_V2, m.json().length, m.digest(), true);
      sb.append(i3)
          .append("\"platform\": ")
          .append(platformJson(m.platform(), i3, i4))
          .append("\n");
      sb.append(i2).append("}");
    }
    sb.append("\n").append(i1).append("]\n");
    return sb.append("}").toString();
  }

  /** {@code {"schemaVersion": 2, "mediaType": …,} opened. */
  private static StringBuilder header(String unit, String mediaType) {
    StringBuilder sb = new StringBuilder("{\n");
    sb.append(unit).append("\"schemaVersion\": 2,\n");
    sb.append(unit).append("\"mediaType\": \"").append(mediaType).append("\",\n");
    return sb;
  }

  /** A descriptor's mediaType, size and digest, one per line; a comma after the digest if more. */
  private static void descriptor(
      StringBuilder sb, String indent, String mediaType, long size, String digest, boolean more) {
    sb.append(indent).append("\"mediaType\": \"").append(mediaType).append("\",\n");
    sb.append(indent).append("\"size\": ").append(size).append(",\n");
    sb.append(indent).append("\"digest\": \"").append(digest).append(more ? "\",\n" : "\"\n");
  }

  static String platformJson(Platform p, String outer, String inner) {
    StringBuilder sb = new StringBuilder("{\n");
    sb.append(inner).append("\"architecture\": \"").append(p.architecture()).append("\",\n");
    sb.append(inner).append("\"os\": \"").append(p.os()).append("\"");
    if (p.osVersion() != null) {
      sb.append(",\n")
          .append(inner)
          .append("\"os.version\": \"")
          .append(p.osVersion())
          .append("\"");
    }
    if (p.variant() != null) {
      sb.append(",\n").append(inner).append("\"variant\": \"").append(p.variant()).append("\"");
    }
    return sb.append("\n").append(outer).append("}").toString();
  }
}
