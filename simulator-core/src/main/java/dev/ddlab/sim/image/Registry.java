package dev.ddlab.sim.image;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.SearchResult;
import dev.ddlab.sim.fs.Digests;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated registries (Docker Hub, gcr.io, mcr.microsoft.com) serving the {@link Catalogue}:
 * schema2 manifests whose layers are gzip blobs, and manifest lists for multi-platform tags. One
 * instance is shared by all nodes of a cluster. Errors carry the text the daemon reports.
 */
public final class Registry {
  public static final String MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String MANIFEST_LIST_V2 =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String CONFIG_V1 = "application/vnd.docker.container.image.v1+json";
  public static final String LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

  private final Catalogue catalogue;
  private final Map<String, Tagged> resolved = new HashMap<>();

  /** The registries of the built-in catalogue (read, and checked, here at the latest). */
  public Registry() {
    this(Catalogue.builtIn());
  }

  Registry(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** What a tag or digest names: a single manifest, or a list of them. */
  public sealed interface Tagged permits Manifest, ManifestList {
    String digest();

    byte[] json();
  }

  /** One platform's schema2 manifest. */
  public record Manifest(Image image, Platform platform, byte[] json, String digest)
      implements Tagged {
    public String mediaType() {
      return MANIFEST_V2;
    }
  }

  /** A manifest list: one manifest per platform. */
  public record ManifestList(List<Manifest> manifests, byte[] json, String digest)
      implements Tagged {}

  /** Tags of a repository ("docker.io/library/alpine"), sorted. */
  public List<String> tags(String repoName) {
    return new ArrayList<>(catalogue.tags(repoName).keySet());
  }

  /**
   * Resolves a reference (with tag or digest) to what the registry serves.
   *
   * @throws EngineException with Docker's pull errors for unknown registries, repositories, tags
   */
  public Tagged resolve(Reference ref) {
    String domain = ref.domain();
    if (!catalogue.hasRegistry(domain)) {
      String scheme =
          domain.startsWith("localhost") || domain.startsWith("127.") ? "http" : "https";
      String host = domain.contains(":") ? domain.substring(0, domain.lastIndexOf(':')) : domain;
      String why =
          host.equals("localhost") || host.startsWith("127.")
              ? "dial tcp 127.0.0.1:"
                  + (domain.contains(":") ? domain.substring(domain.lastIndexOf(':') + 1) : "443")
                  + ": connect: connection refused"
              : "dial tcp: lookup " + host + ": no such host";
      throw EngineException.serverError("Get \"" + scheme + "://" + domain + "/v2/\": " + why);
    }
    Map<String, Catalogue.TagSpec> tags = catalogue.tags(ref.name());
    if (tags.isEmpty()) {
      throw accessDenied(ref);
    }
    if (ref.digest() != null) {
      for (String tag : tags.keySet()) {
        Tagged t = byTag(ref.name(), tag);
        if (t.digest().equals(ref.digest())) {
          return t;
        }
        if (t instanceof ManifestList list) {
          for (Manifest m : list.manifests()) {
            if (m.digest().equals(ref.digest())) {
              return m;
            }
          }
        }
      }
      throw EngineException.notFound(
          "manifest for "
              + ref.familiarString()
              + " not found: manifest unknown: manifest unknown");
    }
    if (!tags.containsKey(ref.tag())) {
      throw EngineException.notFound(
          "manifest for "
              + ref.familiarString()
              + " not found: manifest unknown: manifest unknown");
    }
    return byTag(ref.name(), ref.tag());
  }

  static EngineException accessDenied(Reference ref) {
    return EngineException.notFound(
        "pull access denied for "
            + ref.familiarName()
            + ", repository does not exist or may require 'docker login': denied: requested access"
            + " to the resource is denied");
  }

  /**
   * The manifest for {@code platform} ("no matching manifest for … in the manifest list entries").
   */
  public Manifest select(Tagged t, Platform platform) {
    if (t instanceof Manifest m) {
      if (!m.platform().os().equals(platform.os())) {
        throw EngineException.serverError(
            "image operating system \"" + m.platform().os() + "\" cannot be used on this platform");
      }
      return m;
    }
    ManifestList list = (ManifestList) t;
    for (Manifest m : list.manifests()) {
      if (platform.matches(m.platform())) {
        return m;
      }
    }
    throw EngineException.notFound(
        "no matching manifest for " + platform + " in the manifest list entries");
  }

  private synchronized Tagged byTag(String repoName, String tag) {
    String key = repoName + ":" + tag;
    Tagged t = resolved.get(key);
    if (t == null) {
      Catalogue.TagSpec spec = catalogue.tags(repoName).get(tag);
      List<Manifest> manifests = new ArrayList<>();
      for (Platform p : spec.platforms()) {
        manifests.add(manifest(catalogue.image(repoName, tag, p), p));
      }
      if (spec.isList()) {
        byte[] json = Manifests.listJson(manifests, "   ").getBytes(StandardCharsets.UTF_8);
        t = new ManifestList(List.copyOf(manifests), json, Digests.sha256(json));
      } else {
        t = manifests.get(0);
      }
      resolved.put(key, t);
    }
    return t;
  }

  private static Manifest manifest(Image image, Platform p) {
    byte[] json = Manifests.manifestJson(image, "   ").getBytes(StandardCharsets.UTF_8);
    return new Manifest(image, p, json, Digests.sha256(json));
  }

  /** A layer the registry serves, by DiffID (used to give loaded layers their catalogue size). */
  public synchronized Optional<ImageLayer> layerByDiffId(String diffId) {
    for (Tagged t : resolved.values()) {
      List<Manifest> ms = t instanceof ManifestList l ? l.manifests() : List.of((Manifest) t);
      for (Manifest m : ms) {
        for (ImageLayer il : m.image().layers()) {
          if (il.diffId().equals(diffId)) {
            return Optional.of(il);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Docker Hub search over the catalogue's repositories and a few well-known others. */
  public List<SearchResult> search(String term) {
    return catalogue.search(term);
  }
}
