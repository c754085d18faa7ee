package dev.ddlab.sim.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.go.GoJsonIndent;
import dev.ddlab.sim.fs.Digests;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Manifests as BuildKit's image exporter writes them ({@code exporter/containerimage/writer.go}):
 * Go's {@code json.MarshalIndent(v, "", " ")} of the OCI structs, descriptors in their field order
 * (mediaType, digest, size, annotations, platform), Docker's media types or OCI's. With
 * attestations the index is OCI's and every media type too (BuildKit turns OCI types on for them):
 * after the platform manifests, one attestation manifest per platform, for platform {@code
 * unknown/unknown}, with the {@code vnd.docker.reference.digest} of the manifest it attests.
 * Digests are the sha256 of these exact bytes.
 */
public final class BuildKitManifests {
  private BuildKitManifests() {}

  static final String IN_TOTO = "application/vnd.in-toto+json";
  static final String REFERENCE_DIGEST = "vnd.docker.reference.digest";
  static final String REFERENCE_TYPE = "vnd.docker.reference.type";
  static final String ATTESTATION_MANIFEST = "attestation-manifest";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One platform's image manifest. */
  public static Registry.Manifest manifest(Image image, Platform p, boolean oci) {
    ObjectNode m = head(oci ? Registry.OCI_MANIFEST : Registry.MANIFEST_V2);
    m.set(
        "config",
        descriptor(
            oci ? Registry.OCI_CONFIG : Registry.CONFIG_V1, image.id(), image.configJson().length));
    ArrayNode layers = m.putArray("layers");
    for (ImageLayer l : image.layers()) {
      layers.add(
          descriptor(
              oci ? Registry.OCI_LAYER_GZIP : Registry.LAYER_GZIP,
              l.digest().blobDigest(),
              l.digest().blobSize()));
    }
    byte[] json = indented(m);
    return new Registry.Manifest(
        image, p, json, Digests.sha256(json), oci ? Registry.OCI_MANIFEST : Registry.MANIFEST_V2);
  }

  /**
   * The attestation manifest for the manifest {@code subject}: a config for {@code unknown/unknown}
   * whose DiffIDs are the statements' digests, and each statement as an in-toto layer.
   */
  public static Registry.Attestation attestation(
      String subject, List<Registry.Attestation.Statement> statements) {
    ObjectNode config = JSON.createObjectNode();
    config.put("architecture", "unknown");
    config.put("os", "unknown");
    config.putObject("config");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    for (Registry.Attestation.Statement st : statements) {
      diffIds.add(Digests.sha256(st.json()));
    }
    byte[] configJson = compact(config);
    ObjectNode m = head(Registry.OCI_MANIFEST);
    m.set("config", descriptor(Registry.OCI_CONFIG, Digests.sha256(configJson), configJson.length));
    ArrayNode layers = m.putArray("layers");
    for (Registry.Attestation.Statement st : statements) {
      ObjectNode d = descriptor(IN_TOTO, Digests.sha256(st.json()), st.json().length);
      d.putObject("annotations").put("in-toto.io/predicate-type", st.predicateType());
      layers.add(d);
    }
    byte[] json = indented(m);
    return new Registry.Attestation(
        subject, json, Digests.sha256(json), configJson, List.copyOf(statements));
  }

  /**
   * The index of these manifests (then their attestations): OCI's when there are attestations or
   * the manifests are OCI's, else Docker's manifest list.
   */
  public static Registry.ManifestList index(
      List<Registry.Manifest> manifests, List<Registry.Attestation> attestations) {
    boolean oci =
        !attestations.isEmpty()
            || !manifests.isEmpty() && manifests.get(0).mediaType().equals(Registry.OCI_MANIFEST);
    String mediaType = oci ? Registry.OCI_INDEX : Registry.MANIFEST_LIST_V2;
    ObjectNode idx = head(mediaType);
    ArrayNode list = idx.putArray("manifests");
    for (Registry.Manifest m : manifests) {
      ObjectNode d = descriptor(m.mediaType(), m.digest(), m.json().length);
      d.set("platform", platform(m.platform()));
      list.add(d);
    }
    for (Registry.Attestation a : attestations) {
      ObjectNode d = descriptor(Registry.OCI_MANIFEST, a.digest(), a.json().length);
      ObjectNode ann = d.putObject("annotations");
      ann.put(REFERENCE_DIGEST, a.subject());
      ann.put(REFERENCE_TYPE, ATTESTATION_MANIFEST);
      d.set("platform", platform(new Platform("unknown", "unknown", null, null)));
      list.add(d);
    }
    byte[] json = indented(idx);
    return new Registry.ManifestList(
        List.copyOf(manifests),
        json,
        Digests.sha256(json),
        mediaType,
        List.copyOf(new ArrayList<>(attestations)));
  }

  private static ObjectNode head(String mediaType) {
    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", mediaType);
    return m;
  }

  private static ObjectNode descriptor(String mediaType, String digest, long size) {
    ObjectNode d = JSON.createObjectNode();
    d.put("mediaType", mediaType);
    d.put("digest", digest);
    d.put("size", size);
    return d;
  }

  private static ObjectNode platform(Platform p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("architecture", p.architecture());
    n.put("os", p.os());
    if (p.osVersion() != null) {
      n.put("os.version", p.osVersion());
    }
    if (p.variant() != null) {
      n.put("variant", p.variant());
    }
    return n;
  }

  /** JSON bytes indented as Go's json.Indent(dst, src, "", unit) does. */
  public static String indent(byte[] json, String unit) {
    return GoJsonIndent.indent(new String(json, StandardCharsets.UTF_8), unit);
  }

  /** Go's json.Marshal of a node (compact). */
  public static byte[] compact(ObjectNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Go's json.MarshalIndent(v, "", " ") of a node. */
  public static byte[] indented(ObjectNode n) {
    return indent(compact(n), "  ").getBytes(StandardCharsets.UTF_8);
  }
}
