package dev.ddlab.sim.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ProgressMessage;
import dev.ddlab.sim.fs.Digests;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.TarCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code docker save} and {@code docker load} (moby {@code image/tarexport}). Writes the Docker 25+
 * layout, which is also an OCI image layout: {@code oci-layout}, {@code index.json}, content in
 * {@code blobs/sha256/} (OCI manifest, config named by the image ID, uncompressed layer tars named
 * by DiffID), plus the classic {@code manifest.json} and {@code repositories}. Reads that layout,
 * the classic one ({@code <id>.json}, {@code <hex>/layer.tar}) and plain OCI layouts, checks every
 * layer's DiffID, and stores what it read.
 */
final class TarExport {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";

  private final ImageService service;

  TarExport(ImageService service) {
    this.service = service;
  }

  /** An image to save and the reference it was named by (null when named by ID). */
  record Named(Image image, String reference) {}

  /** An image read from a tarball with the tags manifest.json gives it. */
  record Loaded(Image image, List<String> repoTags) {}

  /** {@code docker save NAME…}: each image once, with the tags it was named by. */
  void save(List<String> names, OutputStream out) {
    List<Named> selected = new ArrayList<>();
    for (String name : names) {
      StoredImage s = service.require(name);
      Reference r = Reference.tryParse(name);
      String tagRef = null;
      if (r != null && !ImageService.isImageIdPrefix(s.id(), name)) {
        Reference t = r.digest() != null ? r : r.withDefaultTag();
        tagRef = t.digest() == null ? t.toString() : null;
      }
      selected.add(new Named(s.image(), tagRef));
      service.logImageEvent("save", s.id(), Map.of("name", name));
    }
    write(selected, out);
  }

  /**
   * {@code docker load}: stores every image of the tarball and points its tags at it, moving a tag
   * away from another image as Docker does ("renaming the old one … to empty string").
   */
  void load(InputStream tarball, Consumer<ProgressMessage> progress) {
    for (Loaded l : read(tarball, service.registry())) {
      Image img = l.image();
      service.store().add(img, "");
      for (String ref : l.repoTags()) {
        Reference r = Reference.parseWithDefaultTag(ref);
        String old = service.references().get(r);
        if (old != null && !old.equals(img.id())) {
          progress.accept(
              ProgressMessage.status(
                  "The image "
                      + r.familiarString()
                      + " already exists, renaming the old one with ID "
                      + old
                      + " to empty string"));
        }
        service.reference(r, img.id());
        progress.accept(ProgressMessage.status("Loaded image: " + r.familiarString()));
      }
      if (l.repoTags().isEmpty()) {
        progress.accept(ProgressMessage.status("Loaded image ID: " + img.id()));
      }
      service.logImageEvent("load", img.id(), Map.of("name", img.id()));
    }
  }

  // ---- save ----------------------------------------------------------------------------------

  private static void write(List<Named> images, OutputStream out) {
    TreeMap<String, byte[]> files = new TreeMap<>();
    Map<String, ImageLayer> layerBlobs = new LinkedHashMap<>();
    ArrayNode manifestJson = ImageConfig.JSON.createArrayNode();
    ObjectNode index = ImageConfig.JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", OCI_INDEX);
    ArrayNode indexManifests = index.putArray("manifests");
    Map<String, Map<String, String>> repositories = new TreeMap<>();
    Map<String, ObjectNode> byId = new HashMap<>();
    for (Named n : images) {
      Image img = n.image();
      String configPath = "blobs/sha256/" + Digests.hex(img.id());
      files.put(configPath, img.configJson());
      ObjectNode m = byId.get(img.id());
      if (m == null) {
        m = manifestJson.addObject();
        m.put("Config", configPath);
        m.putArray("RepoTags");
        ArrayNode layers = m.putArray("Layers");
        for (ImageLayer l : img.layers()) {
          layers.add("blobs/sha256/" + Digests.hex(l.diffId()));
          layerBlobs.putIfAbsent(l.diffId(), l);
        }
        byId.put(img.id(), m);
      }
      byte[] ociManifest = ociManifest(img);
      String manifestDigest = Digests.sha256(ociManifest);
      files.put("blobs/sha256/" + Digests.hex(manifestDigest), ociManifest);
      ObjectNode desc = ImageConfig.JSON.createObjectNode();
      desc.put("mediaType", OCI_MANIFEST);
      desc.put("digest", manifestDigest);
      desc.put("size", ociManifest.length);
      if (n.reference() != null) {
        Reference r = Reference.parse(n.reference());
        ((ArrayNode) m.get("RepoTags")).add(r.familiarString());
        ObjectNode ann = desc.putObject("annotations");
        ann.put("io.containerd.image.name", r.toString());
        ann.put("org.opencontainers.image.ref.name", r.tag());
        repositories
            .computeIfAbsent(r.familiarName(), k -> new TreeMap<>())
            .put(r.tag(), Digests.hex(img.id()));
      } else {
        ObjectNode ann = desc.putObject("annotations");
        ann.put("io.containerd.image.name", img.id());
      }
      indexManifests.add(desc);
    }
    for (ObjectNode m : byId.values()) {
      if (m.get("RepoTags").isEmpty()) {
        m.putNull("RepoTags");
      }
    }
    try {
      files.put(
          "index.json",
          (ImageConfig.JSON.writeValueAsString(index) + "\n").getBytes(StandardCharsets.UTF_8));
      files.put(
          "manifest.json",
          (ImageConfig.JSON.writeValueAsString(manifestJson) + "\n")
              .getBytes(StandardCharsets.UTF_8));
      files.put(
          "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
      if (!repositories.isEmpty()) {
        files.put(
            "repositories",
            (ImageConfig.JSON.writeValueAsString(repositories) + "\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      TarArchiveOutputStream tar = TarCodec.writer(out);
      for (String dir : List.of("blobs/", "blobs/sha256/")) {
        tar.putArchiveEntry(TarCodec.dirHeader(dir, 0755, 0, 0, 0));
        tar.closeArchiveEntry();
      }
      TreeMap<String, Object> entries = new TreeMap<>(files);
      for (ImageLayer l : layerBlobs.values()) {
        entries.put("blobs/sha256/" + Digests.hex(l.diffId()), l);
      }
      for (Map.Entry<String, Object> e : entries.entrySet()) {
        if (e.getValue() instanceof byte[] bytes) {
          tar.putArchiveEntry(file(e.getKey(), bytes.length));
          tar.write(bytes);
        } else {
          ImageLayer l = (ImageLayer) e.getValue();
          long size = l.rawTar() != null ? l.rawTar().length : l.digest().tarSize();
          tar.putArchiveEntry(file(e.getKey(), size));
          l.writeTar(tar);
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
      tar.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] ociManifest(Image img) {
    ObjectNode m = ImageConfig.JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", OCI_MANIFEST);
    ObjectNode config = m.putObject("config");
    config.put("mediaType", OCI_CONFIG);
    config.put("digest", img.id());
    config.put("size", img.configJson().length);
    ArrayNode layers = m.putArray("layers");
    for (ImageLayer l : img.layers()) {
      ObjectNode d = layers.addObject();
      d.put("mediaType", OCI_LAYER);
      d.put("digest", l.diffId());
      d.put("size", l.rawTar() != null ? l.rawTar().length : l.digest().tarSize());
    }
    try {
      return ImageConfig.JSON.writeValueAsBytes(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TarArchiveEntry file(String name, long size) {
    TarArchiveEntry t = TarCodec.fileHeader(name, 0644, 0, 0, 0);
    t.setSize(size);
    return t;
  }

  // ---- load ----------------------------------------------------------------------------------

  private static List<Loaded> read(InputStream in, Registry registry) {
    Map<String, byte[]> files = new HashMap<>();
    try {
      TarArchiveInputStream tar = new TarArchiveInputStream(in);
      TarArchiveEntry t;
      while ((t = tar.getNextEntry()) != null) {
        if (t.isFile()) {
          String name = t.getName().startsWith("./") ? t.getName().substring(2) : t.getName();
          files.put(name, tar.readAllBytes());
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw EngineException.serverError("archive/tar: invalid tar header");
    }
    if (files.isEmpty()) {
      throw EngineException.serverError("unexpected EOF");
    }
    try {
      if (files.containsKey("manifest.json")) {
        return fromManifestJson(files, registry);
      }
      if (files.containsKey("index.json")) {
        return fromOciIndex(files, registry);
      }
    } catch (IOException e) {
      throw EngineException.serverError("invalid archive: " + e.getMessage());
    }
    throw EngineException.serverError(
        "open /var/lib/docker/tmp/docker-import-0/repositories: no such file or directory");
  }

  private static List<Loaded> fromManifestJson(Map<String, byte[]> files, Registry registry)
      throws IOException {
    List<Loaded> out = new ArrayList<>();
    for (JsonNode m : ImageConfig.JSON.readTree(files.get("manifest.json"))) {
      byte[] config = need(files, m.path("Config").asText());
      List<String> layerPaths = new ArrayList<>();
      m.path("Layers").forEach(l -> layerPaths.add(l.asText()));
      List<String> tags = new ArrayList<>();
      m.path("RepoTags").forEach(tg -> tags.add(tg.asText()));
      out.add(new Loaded(image(config, layerPaths, files, registry), tags));
    }
    return out;
  }

  private static List<Loaded> fromOciIndex(Map<String, byte[]> files, Registry registry)
      throws IOException {
    List<Loaded> out = new ArrayList<>();
    for (JsonNode d : ImageConfig.JSON.readTree(files.get("index.json")).path("manifests")) {
      JsonNode manifest =
          ImageConfig.JSON.readTree(need(files, blobPath(d.path("digest").asText())));
      byte[] config = need(files, blobPath(manifest.path("config").path("digest").asText()));
      List<String> layerPaths = new ArrayList<>();
      manifest.path("layers").forEach(l -> layerPaths.add(blobPath(l.path("digest").asText())));
      List<String> tags = new ArrayList<>();
      String name = d.path("annotations").path("io.containerd.image.name").asText("");
      if (!name.isEmpty() && !name.startsWith("sha256:")) {
        tags.add(Reference.parse(name).familiarString());
      }
      out.add(new Loaded(image(config, layerPaths, files, registry), tags));
    }
    return out;
  }

  private static String blobPath(String digest) {
    return "blobs/" + digest.replace(':', '/');
  }

  private static Image image(
      byte[] config, List<String> layerPaths, Map<String, byte[]> files, Registry registry)
      throws IOException {
    ImageConfig cfg = ImageConfig.parse(config);
    if (cfg.diffIds().size() != layerPaths.size()) {
      throw EngineException.serverError(
          "invalid manifest, layers length mismatch: expected "
              + cfg.diffIds().size()
              + ", got "
              + layerPaths.size());
    }
    List<ImageLayer> layers = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < layerPaths.size(); i++) {
      byte[] raw = need(files, layerPaths.get(i));
      if (raw.length > 2 && raw[0] == 0x1f && (raw[1] & 0xff) == 0x8b) {
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(raw))) {
          raw = gz.readAllBytes();
        }
      }
      String diffId = Digests.sha256(raw);
      String expected = cfg.diffIds().get(i);
      if (!diffId.equals(expected)) {
        throw EngineException.serverError(
            "invalid diffID for layer "
                + i
                + ": expected \""
                + expected
                + "\", got \""
                + diffId
                + "\"");
      }
      seen.add(diffId);
      ImageLayer known = registry.layerByDiffId(diffId).orElse(null);
      if (known != null) {
        layers.add(known);
        continue;
      }
      Layer tree = TarCodec.read(new ByteArrayInputStream(raw));
      TarCodec.LayerDigest d = new TarCodec.LayerDigest(diffId, raw.length, diffId, raw.length);
      TarCodec.LayerDigest canonical = TarCodec.digest(tree);
      boolean same = canonical.diffId().equals(diffId);
      layers.add(new ImageLayer(tree, same ? canonical : d, tree.size(), same ? null : raw));
    }
    return new Image(config, layers);
  }

  private static byte[] need(Map<String, byte[]> files, String path) {
    byte[] b = files.get(path.startsWith("./") ? path.substring(2) : path);
    if (b == null) {
      throw EngineException.serverError(
          "open /var/lib/docker/tmp/docker-import-0/" + path + ": no such file or directory");
    }
    return b;
  }
}
