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

  /** What the registry serves under {@code reference}, byte for byte. */
  static byte[] content(Registry registry, String reference) {
    return registry.content(Reference.parse(reference).withDefaultTag());
  }

  /** GET /distribution/{name}/json: the descriptor the registry serves and its platforms. */
  static DistributionInspect distribution(Registry registry, String reference) {
    Registry.Tagged t = registry.resolve(Reference.parse(reference).withDefaultTag());
    List<DistributionInspect.PlatformSpec> platforms = new java.util.ArrayList<>();
    for (Entry e : entries(t)) {
      Platform p = e.platform();
      platforms.add(
          new DistributionInspect.PlatformSpec(
              p.architecture(), p.os(), p.osVersion(), p.variant()));
    }
    return new DistributionInspect(
        new DistributionInspect.Descriptor(t.mediaType(), t.digest(), t.json().length), platforms);
  }

  /** A list's entry as docker/cli rebuilds it: media type, size, digest, platform. */
  private record Entry(String mediaType, long size, String digest, Platform platform) {}

  private static final Platform UNKNOWN = new Platform("unknown", "unknown", null, null);

  /** The entries of a list (its platforms' manifests, then their attestation manifests). */
  private static List<Entry> entries(Registry.Tagged t) {
    List<Entry> out = new java.util.ArrayList<>();
    if (t instanceof Registry.Manifest m) {
      out.add(new Entry(m.mediaType(), m.json().length, m.digest(), m.platform()));
      return out;
    }
    Registry.ManifestList l = (Registry.ManifestList) t;
    for (Registry.Manifest m : l.manifests()) {
      out.add(new Entry(m.mediaType(), m.json().length, m.digest(), m.platform()));
    }
    for (Registry.Attestation a : l.attestations()) {
      out.add(new Entry(Registry.OCI_MANIFEST, a.json().length, a.digest(), UNKNOWN));
    }
    return out;
  }

  private static String render(Reference ref, Registry.Tagged t, boolean verbose) {
    if (!verbose) {
      // docker/cli rebuilds a list from its entries (distribution's FromDescriptors: an OCI index
      // when the first entry is an OCI manifest, annotations dropped) and prints its canonical
      // JSON, indented with three spaces; a single manifest is the registry's JSON, tab-indented.
      return t instanceof Registry.ManifestList
          ? entriesJson(entries(t), "   ")
          : BuildKitManifests.indent(t.json(), "\t");
    }
    if (t instanceof Registry.Manifest m) {
      return verboseEntry(ref.toString(), entries(m).get(0), m.json(), "");
    }
    Registry.ManifestList l = (Registry.ManifestList) t;
    List<Entry> es = entries(l);
    List<byte[]> bodies = new java.util.ArrayList<>();
    l.manifests().forEach(m -> bodies.add(m.json()));
    l.attestations().forEach(a -> bodies.add(a.json()));
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < es.size(); i++) {
      Entry e = es.get(i);
      sb.append("\t")
          .append(verboseEntry(ref.name() + "@" + e.digest(), e, bodies.get(i), "\t"))
          .append(i < es.size() - 1 ? ",\n" : "\n");
    }
    return sb.append("]").toString();
  }

  /** docker/cli's ImageManifest: Ref, Descriptor, and the manifest (SchemaV2Manifest or OCI's). */
  private static String verboseEntry(String refText, Entry m, byte[] body, String base) {
    String i1 = base + "\t";
    String i2 = i1 + "\t";
    String schema = BuildKitManifests.indent(body, "\t").replace("\n", "\n" + i1);
    boolean oci = m.mediaType().equals(Registry.OCI_MANIFEST);
    return "{\n"
        + i1
        + "\"Ref\": \""
        + refText
        + "\",\n"
        + i1
        + "\"Descriptor\": {\n"
        + i2
        + "\"mediaType\": \""
        + m.mediaType()
        + "\",\n"
        + i2
        + "\"digest\": \""
        + m.digest()
        + "\",\n"
        + i2
        + "\"size\": "
        + m.size()
        + ",\n"
        + i2
        + "\"platform\": "
        + platformJson(m.platform(), i2, i2 + "\t")
        + "\n"
        + i1
        + "},\n"
        + i1
        + (oci ? "\"OCIManifest\": " : "\"SchemaV2Manifest\": ")
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

  /** A Docker manifest list over these manifests, as a registry stores it. */
  static String listJson(List<Registry.Manifest> manifests, String unit) {
    List<Entry> entries = new java.util.ArrayList<>();
    for (Registry.Manifest m : manifests) {
      entries.add(new Entry(Registry.MANIFEST_V2, m.json().length, m.digest(), m.platform()));
    }
    return entriesJson(entries, unit);
  }

  private static String entriesJson(List<Entry> entries, String unit) {
    String i1 = unit;
    String i2 = unit + unit;
    String i3 = i2 + unit;
    String i4 = i3 + unit;
    boolean oci = !entries.isEmpty() && entries.get(0).mediaType().equals(Registry.OCI_MANIFEST);
    StringBuilder sb = header(unit, oci ? Registry.OCI_INDEX : Registry.MANIFEST_LIST_V2);
    sb.append(i1).append("\"manifests\": [");
    for (int k = 0; k < entries.size(); k++) {
      Entry m = entries.get(k);
      sb.append(k == 0 ? "\n" : ",\n").append(i2).append("{\n");
      descriptor(sb, i3, m.mediaType(), m.size(), m.digest(), true);
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
