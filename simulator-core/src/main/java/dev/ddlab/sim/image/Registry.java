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
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  /** Docker Hub's address in logins and in the CLI's config.json. */
  public static final String HUB = "https://index.docker.io/v1/";

  private static final String DENIED = "denied: requested access to the resource is denied";

  private final Catalogue catalogue;
  private final Map<String, Tagged> resolved = new HashMap<>();

  /** What nodes pushed (a manifest, or a builder's manifest list), by repository then tag. */
  private final Map<String, Map<String, Tagged>> pushed = new java.util.TreeMap<>();

  /** DiffIDs of the layers pushed, which a later push finds already there. */
  private final java.util.Set<String> pushedLayers = new java.util.HashSet<>();

  /**
   * The registry's storage: the layers pushed to it take their bytes from it, so that a loop of
   * commit, push and rmi cannot keep a disk's worth of the server's heap per round (the registry
   * never deletes). As large as a node's disk, and on the session's disk budget when it has one.
   */
  private final dev.ddlab.fs.Disk storage;

  /** Docker IDs of the session: the first login of a name sets its password. */
  private final Map<String, String> accounts = new HashMap<>();

  /** The registries of the built-in catalogue (read, and checked, here at the latest). */
  public Registry() {
    this(Catalogue.builtIn(), null);
  }

  /** The registries of a session whose pushed layers also count on {@code budget}. */
  public Registry(dev.ddlab.fs.Disk budget) {
    this(Catalogue.builtIn(), budget);
  }

  Registry(Catalogue catalogue) {
    this(catalogue, null);
  }

  private Registry(Catalogue catalogue, dev.ddlab.fs.Disk budget) {
    this.catalogue = catalogue;
    this.storage = dev.ddlab.fs.Disk.ofDefaultSize(budget);
  }

  /** What a tag or digest names: a single manifest, or a list of them. */
  public sealed interface Tagged permits Manifest, ManifestList {
    String digest();

    byte[] json();

    String mediaType();
  }

  /**
   * One platform's image manifest: Docker's schema2, or OCI's (a BuildKit export with OCI types).
   */
  public record Manifest(
      Image image, Platform platform, byte[] json, String digest, String mediaType)
      implements Tagged {
    public Manifest(Image image, Platform platform, byte[] json, String digest) {
      this(image, platform, json, digest, MANIFEST_V2);
    }
  }

  /**
   * A manifest list (Docker's) or image index (OCI's): one manifest per platform, and in an index
   * BuildKit pushes with attestations, one attestation manifest per platform after them.
   */
  public record ManifestList(
      List<Manifest> manifests,
      byte[] json,
      String digest,
      String mediaType,
      List<Attestation> attestations)
      implements Tagged {
    public ManifestList(List<Manifest> manifests, byte[] json, String digest) {
      this(manifests, json, digest, MANIFEST_LIST_V2, List.of());
    }
  }

  /**
   * An attestation manifest of an image index (BuildKit's attestation storage): the manifest it
   * attests ({@code vnd.docker.reference.digest}), its own manifest JSON and digest, its config and
   * its layers, in-toto statements (JSON, one per attestation type).
   */
  public record Attestation(
      String subject, byte[] json, String digest, byte[] config, List<Statement> statements) {
    /** One in-toto statement as a layer: its predicate type and its JSON. */
    public record Statement(String predicateType, byte[] json) {}
  }

  /** Tags of a repository ("docker.io/library/alpine"), sorted; pushed tags included. */
  public synchronized List<String> tags(String repoName) {
    java.util.TreeSet<String> all = new java.util.TreeSet<>(catalogue.tags(repoName).keySet());
    all.addAll(pushed.getOrDefault(repoName, Map.of()).keySet());
    return new ArrayList<>(all);
  }

  /**
   * POST /auth at Docker Hub. A Docker ID is any name of 4 to 30 lower-case letters and digits; its
   * first login in the session sets the password, later ones must repeat it.
   *
   * @return "Login Succeeded"
   * @throws EngineException 401 with Docker Hub's answer, or the dial error of other registries
   */
  public synchronized String login(String username, String password, String server) {
    String domain = loginDomain(server);
    if (!domain.equals("docker.io")) {
      if (!catalogue.hasRegistry(domain)) {
        throw unreachable(domain);
      }
      throw new EngineException(
          401, "Get \"https://" + domain + "/v2/\": unauthorized: authentication required");
    }
    String user = username == null ? "" : username.trim();
    String known = accounts.get(user);
    if (!user.matches("[a-z0-9]{4,30}")
        || password == null
        || password.isEmpty()
        || (known != null && !known.equals(password))) {
      throw new EngineException(
          401,
          "Get \"https://registry-1.docker.io/v2/\": unauthorized: incorrect username or password");
    }
    accounts.put(user, password);
    return "Login Succeeded";
  }

  /** The registry a login's server address names ("docker.io" for Docker Hub's spellings). */
  static String loginDomain(String server) {
    if (server == null || server.isBlank()) {
      return "docker.io";
    }
    String s = server.replaceFirst("^https?://", "");
    int slash = s.indexOf('/');
    String host = slash < 0 ? s : s.substring(0, slash);
    return switch (host) {
      case "index.docker.io", "docker.io", "registry-1.docker.io" -> "docker.io";
      default -> host;
    };
  }

  /**
   * Whether {@code auth} may push to the repository: a Docker Hub repository under the namespace of
   * a Docker ID whose password the auth repeats.
   */
  public synchronized boolean mayPush(Reference ref, dev.ddlab.engine.dto.AuthConfig auth) {
    if (!ref.domain().equals("docker.io") || auth.username() == null) {
      return false;
    }
    String known = accounts.get(auth.username());
    return known != null
        && known.equals(auth.password())
        && ref.name().startsWith("docker.io/" + auth.username() + "/");
  }

  static String denied() {
    return DENIED;
  }

  /** Whether the registry already holds the blob of this layer. */
  public synchronized boolean hasLayer(ImageLayer layer) {
    return pushedLayers.contains(layer.diffId()) || layerByDiffId(layer.diffId()).isPresent();
  }

  /**
   * Uploads a layer's blob (nothing when the registry has it): its bytes are taken from the
   * registry's storage; on a full one the upload fails as distribution's 500 reaches the CLI.
   */
  public synchronized void upload(ImageLayer layer) {
    if (hasLayer(layer)) {
      return;
    }
    try {
      storage.charge(layer.heldBytes(), "/var/lib/registry");
    } catch (dev.ddlab.fs.FsException full) {
      throw dev.ddlab.engine.EngineException.serverError(
          "received unexpected HTTP status: 500 Internal Server Error");
    }
    pushedLayers.add(layer.diffId());
  }

  /** Stores a pushed image under its tag; returns the manifest the registry now serves. */
  synchronized Manifest push(Reference ref, Image image, Platform platform) {
    Manifest m = manifest(image, platform);
    push(ref, m);
    return m;
  }

  /**
   * Stores what a builder pushed under its tag (a manifest list: one image per platform, as buildx
   * pushes a multi-platform build), with the blobs of every layer.
   */
  public synchronized void push(Reference ref, Tagged t) {
    List<Manifest> ms = t instanceof ManifestList l ? l.manifests() : List.of((Manifest) t);
    for (Manifest m : ms) {
      m.image().layers().forEach(this::upload);
    }
    pushed.computeIfAbsent(ref.name(), k -> new java.util.TreeMap<>()).put(ref.tag(), t);
  }

  /** A pushed manifest (list) by tag, or by its digest or that of one of a list's manifests. */
  private synchronized Tagged pushedTagged(Reference ref) {
    Map<String, Tagged> repo = pushed.get(ref.name());
    if (repo == null) {
      return null;
    }
    if (ref.digest() != null) {
      for (Tagged t : repo.values()) {
        if (t.digest().equals(ref.digest())) {
          return t;
        }
        if (t instanceof ManifestList l) {
          for (Manifest m : l.manifests()) {
            if (m.digest().equals(ref.digest())) {
              return m;
            }
          }
        }
      }
      return null;
    }
    return repo.get(ref.tag());
  }

  /**
   * The bytes the registry serves under a reference: a manifest (list, index) by tag or digest, or
   * by digest an attestation manifest, an image or attestation config, an in-toto statement.
   *
   * @throws EngineException as {@link #resolve} for what it does not have
   */
  public byte[] content(Reference ref) {
    String d = ref.digest();
    if (d != null) {
      List<Tagged> all = new ArrayList<>();
      synchronized (this) {
        Map<String, Tagged> repo = pushed.get(ref.name());
        if (repo != null) {
          all.addAll(repo.values());
        }
      }
      for (Tagged t : all) {
        List<Manifest> ms = t instanceof ManifestList l ? l.manifests() : List.of((Manifest) t);
        for (Manifest m : ms) {
          if (m.image().id().equals(d)) {
            return m.image().configJson();
          }
        }
        List<Attestation> as = t instanceof ManifestList l ? l.attestations() : List.of();
        for (Attestation a : as) {
          if (a.digest().equals(d)) {
            return a.json();
          }
          if (Digests.sha256(a.config()).equals(d)) {
            return a.config();
          }
          for (Attestation.Statement st : a.statements()) {
            if (Digests.sha256(st.json()).equals(d)) {
              return st.json();
            }
          }
        }
      }
    }
    return resolve(ref).json();
  }

  /**
   * Resolves a reference (with tag or digest) to what the registry serves.
   *
   * @throws EngineException with Docker's pull errors for unknown registries, repositories, tags
   */
  public Tagged resolve(Reference ref) {
    String domain = ref.domain();
    if (!catalogue.hasRegistry(domain)) {
      throw unreachable(domain);
    }
    Tagged mine = pushedTagged(ref);
    if (mine != null) {
      return mine;
    }
    Map<String, Catalogue.TagSpec> tags = catalogue.tags(ref.name());
    if (tags.isEmpty() && pushed.containsKey(ref.name())) {
      throw EngineException.notFound(
          "manifest for "
              + ref.familiarString()
              + " not found: manifest unknown: manifest unknown");
    }
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

  /**
   * The daemon's error for a registry that does not answer (no such host, or nothing listening).
   */
  private static EngineException unreachable(String domain) {
    String scheme = domain.startsWith("localhost") || domain.startsWith("127.") ? "http" : "https";
    String host = domain.contains(":") ? domain.substring(0, domain.lastIndexOf(':')) : domain;
    String why =
        host.equals("localhost") || host.startsWith("127.")
            ? "dial tcp 127.0.0.1:"
                + (domain.contains(":") ? domain.substring(domain.lastIndexOf(':') + 1) : "443")
                + ": connect: connection refused"
            : "dial tcp: lookup " + host + ": no such host";
    return EngineException.serverError("Get \"" + scheme + "://" + domain + "/v2/\": " + why);
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
        t = list(manifests);
      } else {
        t = manifests.get(0);
      }
      resolved.put(key, t);
    }
    return t;
  }

  /** An image's schema2 manifest as a registry stores it (its sha256 is the digest). */
  public static Manifest manifest(Image image, Platform p) {
    byte[] json = Manifests.manifestJson(image, "   ").getBytes(StandardCharsets.UTF_8);
    return new Manifest(image, p, json, Digests.sha256(json));
  }

  /** The manifest list of these manifests, in this order, as a registry stores it. */
  public static ManifestList list(List<Manifest> manifests) {
    byte[] json = Manifests.listJson(manifests, "   ").getBytes(StandardCharsets.UTF_8);
    return new ManifestList(List.copyOf(manifests), json, Digests.sha256(json));
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
