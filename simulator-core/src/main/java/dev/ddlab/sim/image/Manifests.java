package dev.ddlab.sim.image;

import java.util.List;

/** What {@code docker manifest inspect [--verbose]} prints (docker/cli, tab-indented JSON). */
final class Manifests {
  private Manifests() {}

  static String inspect(Reference ref, Registry.Tagged t, boolean verbose) {
    if (!verbose) {
      return t instanceof Registry.ManifestList l
          ? Registry.listJson(l.manifests(), "\t")
          : Registry.manifestJson(((Registry.Manifest) t).image(), "\t");
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
    String schema = Registry.manifestJson(m.image(), "\t").replace("\n", "\n" + i1);
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
        + Registry.platformJson(m.platform(), i2, i2 + "\t")
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
}
