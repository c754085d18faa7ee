package dev.ddlab.sim.image;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.ImagesApi;
import dev.ddlab.engine.dto.CommitRequest;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.EventActor;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.engine.dto.GraphDriver;
import dev.ddlab.engine.dto.HistoryItem;
import dev.ddlab.engine.dto.IdResponse;
import dev.ddlab.engine.dto.ImageDeleteItem;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.engine.dto.ImagePruneResponse;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.ProgressMessage;
import dev.ddlab.engine.dto.RootFs;
import dev.ddlab.engine.dto.SearchResult;
import dev.ddlab.events.EngineEvent;
import dev.ddlab.events.EventBus;
import dev.ddlab.go.GoTime;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.fs.ContainerRootFs;
import dev.ddlab.sim.fs.Digests;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.UnionFs;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One node's local image store behind the Engine API's image endpoints, with moby's rules
 * (daemon/images): references and tags, pull from the shared {@link Registry} with the API's
 * progress stream, delete with its conflicts, prune, history, commit, save and load. It is also the
 * {@link LocalImages} seam through which containers get their root filesystems.
 */
public final class SimImagesApi implements ImagesApi, LocalImages {
  private final VirtualClock clock;
  private final EventBus events;
  private final Platform platform;
  private final String node;
  private final Registry registry;
  private ImageUsage usage;

  /** Images by ID, in the order they arrived. */
  private final Map<String, StoredImage> images = new LinkedHashMap<>();

  /** Tag and digest references ("docker.io/library/alpine:latest") to image IDs. */
  private final Map<String, String> refs = new TreeMap<>();

  /**
   * What typed references parse to (a pure function, so a bounded memo): every container create, ps
   * and rmi looks an image up by the name the learner typed.
   */
  private final Map<String, String> canonicalRefs =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > 256;
        }
      };

  /** Parsed forms of the reference strings (parsing is the costly part of a lookup). */
  private final Map<String, Reference> parsedRefs = new java.util.HashMap<>();

  /** Layer chains still held by containers of images deleted with -f. */
  private final Map<String, List<String>> retained = new LinkedHashMap<>();

  /** An image in this store: shared content plus what is local (parent, time it arrived). */
  record StoredImage(Image image, String parent, long lastTagNanos) {
    String id() {
      return image.id();
    }
  }

  public SimImagesApi(
      VirtualClock clock,
      SeededRandom random,
      EventBus events,
      String platform,
      String node,
      Registry registry,
      ImageUsage usage) {
    this.clock = clock;
    this.events = events;
    this.platform =
        platform == null || platform.isEmpty() ? Platform.LINUX_AMD64 : Platform.parse(platform);
    this.node = node;
    this.registry = registry;
    this.usage = usage == null ? ImageUsage.NONE : usage;
  }

  /** Sets the container side once it exists (the two stores are built in either order). */
  public void usage(ImageUsage usage) {
    this.usage = usage == null ? ImageUsage.NONE : usage;
  }

  public Registry registry() {
    return registry;
  }

  public Platform platform() {
    return platform;
  }

  // ---- LocalImages -------------------------------------------------------------------------

  @Override
  public Optional<LocalImage> find(String referenceOrId) {
    StoredImage s = lookup(referenceOrId);
    return s == null ? Optional.empty() : Optional.of(view(s));
  }

  @Override
  public ContainerRootFs newRootFs(LocalImage image) {
    StoredImage s = images.get(image.id());
    if (s == null) {
      throw EngineException.notFound("No such image: " + image.id());
    }
    List<Layer> layers = new ArrayList<>();
    s.image().layers().forEach(l -> layers.add(l.layer()));
    return new UnionFs(layers, s.image().size(), clock::nowNanos);
  }

  /** The stored image content by ID (for save, build, the visualisers). */
  public Optional<Image> image(String id) {
    StoredImage s = images.get(id);
    return s == null ? Optional.empty() : Optional.of(s.image());
  }

  private LocalImage view(StoredImage s) {
    Image img = s.image();
    ImageConfig c = img.config();
    return new View(img.id(), repoTags(img.id()), c.config(), c.os(), c.architecture(), img.size());
  }

  private record View(
      String id,
      List<String> repoTags,
      ContainerConfig config,
      String os,
      String architecture,
      long size)
      implements LocalImage {}

  // ---- lookup --------------------------------------------------------------------------------

  /** GetImage: full ID, reference (tag added), digest reference, then a unique ID prefix. */
  StoredImage lookup(String refOrId) {
    if (refOrId == null || refOrId.isEmpty()) {
      return null;
    }
    if (Digests.isDigest(refOrId)) {
      return images.get(refOrId);
    }
    if (Digests.isHex(refOrId, 64)) {
      return images.get(Digests.SHA256 + refOrId);
    }
    String key = canonicalRefs.computeIfAbsent(refOrId, SimImagesApi::canonicalRef);
    if (!key.isEmpty()) {
      String id = refs.get(key);
      if (id != null) {
        return images.get(id);
      }
    }
    String hex = refOrId.startsWith(Digests.SHA256) ? refOrId.substring(7) : refOrId;
    if (!hex.isEmpty() && hex.matches("[0-9a-f]+")) {
      StoredImage found = null;
      for (StoredImage s : images.values()) {
        if (Digests.hex(s.id()).startsWith(hex)) {
          if (found != null) {
            return null;
          }
          found = s;
        }
      }
      return found;
    }
    return null;
  }

  /** The key of {@code refs} that a typed reference means, or "" when it does not parse. */
  private static String canonicalRef(String typed) {
    Reference r = tryParse(typed);
    return r == null ? "" : r.withDefaultTag().toString();
  }

  private static Reference tryParse(String s) {
    try {
      return Reference.parse(s);
    } catch (EngineException e) {
      return null;
    }
  }

  private StoredImage require(String refOrId) {
    StoredImage s = lookup(refOrId);
    if (s == null) {
      throw noSuchImage(refOrId);
    }
    return s;
  }

  /**
   * moby's ErrImageDoesNotExist: a full 64-hex ID (with or without "sha256:") is a digest reference
   * and shows as "sha256:…"; anything else, a short ID included, parses as a name and shows with
   * its default tag ("No such image: f70734b6a266:latest").
   */
  static EngineException noSuchImage(String refOrId) {
    if (refOrId.matches("(sha256:)?[0-9a-f]{64}")) {
      String hex = refOrId.substring(refOrId.length() - 64);
      return EngineException.notFound("No such image: sha256:" + hex);
    }
    Reference r = tryParse(refOrId);
    String shown = r != null ? r.withDefaultTag().familiarString() : refOrId;
    return EngineException.notFound("No such image: " + shown);
  }

  /** References to an image, sorted as the reference store sorts them (familiar string). */
  private List<Reference> references(String id) {
    List<Reference> out = new ArrayList<>();
    refs.forEach(
        (ref, target) -> {
          if (target.equals(id)) {
            out.add(parsedRefs.computeIfAbsent(ref, Reference::parse));
          }
        });
    out.sort(Comparator.comparing(Reference::familiarString));
    return out;
  }

  private List<String> repoTags(String id) {
    List<String> out = new ArrayList<>();
    for (Reference r : references(id)) {
      if (r.digest() == null) {
        out.add(r.familiarString());
      }
    }
    return out;
  }

  private List<String> repoDigests(String id) {
    List<String> out = new ArrayList<>();
    for (Reference r : references(id)) {
      if (r.digest() != null) {
        out.add(r.familiarString());
      }
    }
    return out;
  }

  private List<StoredImage> children(String id) {
    List<StoredImage> out = new ArrayList<>();
    for (StoredImage s : images.values()) {
      if (id.equals(s.parent())) {
        out.add(s);
      }
    }
    return out;
  }

  private boolean hasChain(String chainId) {
    for (StoredImage s : images.values()) {
      if (s.image().chainIds().contains(chainId)) {
        return true;
      }
    }
    for (List<String> chains : retained.values()) {
      if (chains.contains(chainId)) {
        return true;
      }
    }
    return false;
  }

  // ---- list / inspect ------------------------------------------------------------------------

  private static final Set<String> LIST_FILTERS =
      Set.of("dangling", "label", "before", "since", "reference", "until");

  @Override
  public List<ImageSummary> list(boolean all, Map<String, List<String>> filters) {
    Map<String, List<String>> f = filters == null ? Map.of() : filters;
    Filters.validate(f, LIST_FILTERS);
    Boolean dangling = Filters.bool(f, "dangling");
    Long before = f.containsKey("before") ? createdOf(f.get("before")) : null;
    Long since = f.containsKey("since") ? sinceOf(f.get("since")) : null;
    List<String> patterns = f.getOrDefault("reference", List.of());
    List<ImageSummary> out = new ArrayList<>();
    for (StoredImage s : images.values()) {
      Image img = s.image();
      if (before != null && img.createdNanos() >= before) {
        continue;
      }
      if (since != null && img.createdNanos() <= since) {
        continue;
      }
      Map<String, String> labels = img.config().config().labels();
      if (f.containsKey("label") && !Filters.matchLabels(f.get("label"), labels)) {
        continue;
      }
      if (f.containsKey("until") && img.createdNanos() >= Filters.until(f.get("until"), clock)) {
        continue;
      }
      List<String> tags = new ArrayList<>();
      List<String> digests = new ArrayList<>();
      for (Reference r : references(s.id())) {
        if (!patterns.isEmpty() && !Filters.matchesAny(patterns, r)) {
          continue;
        }
        (r.digest() == null ? tags : digests).add(r.familiarString());
      }
      if (tags.isEmpty() && digests.isEmpty()) {
        if (!patterns.isEmpty() || Boolean.FALSE.equals(dangling)) {
          continue;
        }
        if (!all && !children(s.id()).isEmpty() && references(s.id()).isEmpty()) {
          continue;
        }
      } else if (Boolean.TRUE.equals(dangling) && !tags.isEmpty()) {
        continue;
      } else if (Boolean.FALSE.equals(dangling) && tags.isEmpty()) {
        continue;
      }
      out.add(
          new ImageSummary(
              -1,
              img.createdNanos() / 1_000_000_000L,
              s.id(),
              labels,
              s.parent(),
              digests,
              tags,
              -1,
              img.size()));
    }
    out.sort(
        Comparator.comparingLong(ImageSummary::created).reversed().thenComparing(ImageSummary::id));
    return out;
  }

  private long createdOf(List<String> refsOrIds) {
    long min = Long.MAX_VALUE;
    for (String r : refsOrIds) {
      min = Math.min(min, require(r).image().createdNanos());
    }
    return min;
  }

  private long sinceOf(List<String> refsOrIds) {
    long max = Long.MIN_VALUE;
    for (String r : refsOrIds) {
      max = Math.max(max, require(r).image().createdNanos());
    }
    return max;
  }

  @Override
  public ImageInspect inspect(String nameOrId) {
    StoredImage s = require(nameOrId);
    Image img = s.image();
    ImageConfig c = img.config();
    return new ImageInspect(
        s.id(),
        repoTags(s.id()),
        repoDigests(s.id()),
        s.parent(),
        c.comment(),
        GoTime.rfc3339Nano(c.createdNanos()),
        c.container(),
        c.containerConfig() == null ? ContainerConfig.empty() : c.containerConfig(),
        c.dockerVersion(),
        c.author(),
        c.config(),
        c.architecture(),
        c.variant(),
        c.os(),
        c.osVersion(),
        img.size(),
        img.size(),
        graphDriver(img),
        new RootFs("layers", img.diffIds()),
        Map.of(
            "LastTagTime",
            s.lastTagNanos() == 0 ? "0001-01-01T00:00:00Z" : GoTime.rfc3339Nano(s.lastTagNanos())));
  }

  private static GraphDriver graphDriver(Image img) {
    List<String> chains = img.chainIds();
    Map<String, String> data = new LinkedHashMap<>();
    if (!chains.isEmpty()) {
      String top = "/var/lib/docker/overlay2/" + cacheId(chains.get(chains.size() - 1));
      if (chains.size() > 1) {
        List<String> lower = new ArrayList<>();
        for (int i = chains.size() - 2; i >= 0; i--) {
          lower.add("/var/lib/docker/overlay2/" + cacheId(chains.get(i)) + "/diff");
        }
        data.put("LowerDir", String.join(":", lower));
      }
      data.put("MergedDir", top + "/merged");
      data.put("UpperDir", top + "/diff");
      data.put("WorkDir", top + "/work");
    }
    return new GraphDriver(data, "overlay2");
  }

  /** The overlay2 directory of a layer (random in Docker; derived from the ChainID here). */
  static String cacheId(String chainId) {
    return Digests.hex(Digests.sha256("cache-id " + chainId));
  }

  // ---- pull ----------------------------------------------------------------------------------

  @Override
  public void pull(
      String reference, String platformText, boolean allTags, Consumer<ProgressMessage> progress) {
    Reference r = Reference.parse(reference);
    if (r.name().equals("docker.io/library/scratch")) {
      throw EngineException.serverError("'scratch' is a reserved name");
    }
    Platform p =
        platformText == null || platformText.isEmpty() ? platform : Platform.parse(platformText);
    if (allTags) {
      if (r.tag() != null || r.digest() != null) {
        throw EngineException.badRequest("tag can't be used with --all-tags/-a");
      }
      registry.resolve(r.withDefaultTag().withTag("latest")); // unknown registries and repos
      List<String> tags = registry.tags(r.name());
      if (tags.isEmpty()) {
        throw Registry.accessDenied(r);
      }
      boolean updated = false;
      for (String tag : tags) {
        updated |= pullOne(r.withTag(tag), p, progress);
      }
      progress.accept(ProgressMessage.status(status(updated, r.familiarName())));
      return;
    }
    Reference tagged = r.withDefaultTag();
    boolean updated = pullOne(tagged, p, progress);
    progress.accept(ProgressMessage.status(status(updated, tagged.familiarString())));
  }

  private static String status(boolean updated, String name) {
    return updated
        ? "Status: Downloaded newer image for " + name
        : "Status: Image is up to date for " + name;
  }

  /** pullV2Tag: returns whether a reference was added or moved. */
  private boolean pullOne(Reference ref, Platform p, Consumer<ProgressMessage> progress) {
    Registry.Tagged tagged;
    try {
      tagged = registry.resolve(ref);
    } catch (EngineException e) {
      if (e.isNotFound() && e.getMessage().startsWith("pull access denied")) {
        throw e;
      }
      throw e;
    }
    Registry.Manifest m = registry.select(tagged, p);
    if (!m.platform().os().equals(platform.os())) {
      // A Linux daemon stores no Windows images (pull_v2: system.IsOSSupported).
      throw EngineException.serverError(
          "image operating system \"" + m.platform().os() + "\" cannot be used on this platform");
    }
    String tagOrDigest = ref.digest() != null ? ref.digest() : ref.tag();
    progress.accept(ProgressMessage.status(tagOrDigest, "Pulling from " + ref.remoteName()));
    Image img = m.image();
    if (!images.containsKey(img.id())) {
      downloadLayers(img, progress);
      images.put(img.id(), new StoredImage(img, "", 0));
    }
    progress.accept(ProgressMessage.status("Digest: " + tagged.digest()));
    boolean updated = false;
    if (ref.digest() == null) {
      updated = putRef(ref.toString(), img.id());
    } else {
      updated = putRef(ref.toString(), img.id());
    }
    putRef(ref.withDigest(tagged.digest()).toString(), img.id());
    publish("pull", ref.familiarString(), Map.of("name", ref.familiarName()));
    return updated;
  }

  private void downloadLayers(Image img, Consumer<ProgressMessage> progress) {
    List<ImageLayer> layers = img.layers();
    List<String> chains = img.chainIds();
    int existing = 0;
    while (existing < layers.size() && hasChain(chains.get(existing))) {
      existing++;
    }
    List<ImageLayer> fresh = layers.subList(existing, layers.size());
    for (int i = 0; i < existing; i++) {
      progress.accept(Progress.empty(shortBlob(layers.get(i)), "Already exists"));
    }
    for (ImageLayer l : fresh) {
      progress.accept(Progress.empty(shortBlob(l), "Pulling fs layer"));
    }
    for (int i = 3; i < fresh.size(); i++) {
      progress.accept(Progress.empty(shortBlob(fresh.get(i)), "Waiting"));
    }
    for (ImageLayer l : fresh) {
      String id = shortBlob(l);
      long total = l.digest().blobSize();
      progress.accept(Progress.bar(id, "Downloading", total / 2, total));
      progress.accept(Progress.bar(id, "Downloading", total, total));
      progress.accept(Progress.empty(id, "Verifying Checksum"));
      progress.accept(Progress.empty(id, "Download complete"));
    }
    for (ImageLayer l : fresh) {
      String id = shortBlob(l);
      long total = l.digest().blobSize();
      progress.accept(Progress.bar(id, "Extracting", total, total));
      progress.accept(Progress.empty(id, "Pull complete"));
    }
  }

  private static String shortBlob(ImageLayer l) {
    return Digests.shortId(l.digest().blobDigest());
  }

  /** Points a reference at an image; true when it is new or moved. */
  private boolean putRef(String ref, String id) {
    String old = refs.put(ref, id);
    if (!id.equals(old)) {
      StoredImage s = images.get(id);
      images.put(id, new StoredImage(s.image(), s.parent(), clock.nowNanos()));
      return true;
    }
    return false;
  }

  // ---- tag -----------------------------------------------------------------------------------

  @Override
  public void tag(String source, String repository, String tag) {
    StoredImage s = require(source);
    Reference r = Reference.parse(repository);
    if (r.digest() != null) {
      throw EngineException.badRequest("refusing to create a tag with a digest reference");
    }
    String t =
        tag == null || tag.isEmpty() ? (r.tag() == null ? Reference.DEFAULT_TAG : r.tag()) : tag;
    if (!t.matches("[\\w][\\w.-]{0,127}")) {
      throw EngineException.badRequest("invalid tag format");
    }
    Reference target = r.withTag(t);
    putRef(target.toString(), s.id());
    publish("tag", s.id(), Map.of("name", target.familiarString()));
  }

  // ---- remove --------------------------------------------------------------------------------

  @Override
  public List<ImageDeleteItem> remove(String nameOrId, boolean force, boolean noPrune) {
    StoredImage img = require(nameOrId);
    String id = img.id();
    List<ImageDeleteItem> records = new ArrayList<>();
    List<Reference> repoRefs = references(id);
    boolean removedRepositoryRef = false;
    if (!isImageIdPrefix(id, nameOrId)) {
      if (!force && isSingleReference(repoRefs)) {
        List<String> using = usage.containersUsing(id, false);
        if (!using.isEmpty()) {
          throw EngineException.conflict(
              "conflict: unable to remove repository reference \""
                  + nameOrId
                  + "\" (must force) - container "
                  + shortId(using.get(0))
                  + " is using its referenced image "
                  + shortId(id));
        }
      }
      Reference parsed = Reference.parse(nameOrId);
      parsed = parsed.digest() != null ? parsed : parsed.withDefaultTag();
      refs.remove(parsed.toString());
      records.add(new ImageDeleteItem(parsed.familiarString(), null));
      publish("untag", id, Map.of("name", id));
      repoRefs = references(id);
      if (parsed.digest() == null) {
        boolean tagLeftInRepo = false;
        for (Reference rr : repoRefs) {
          if (rr.digest() == null && rr.name().equals(parsed.name())) {
            tagLeftInRepo = true;
          }
        }
        if (!tagLeftInRepo) {
          List<Reference> remaining = new ArrayList<>();
          for (Reference rr : repoRefs) {
            if (rr.digest() != null && rr.name().equals(parsed.name())) {
              refs.remove(rr.toString());
              records.add(new ImageDeleteItem(rr.familiarString(), null));
            } else {
              remaining.add(rr);
            }
          }
          repoRefs = remaining;
        }
      }
      if (!repoRefs.isEmpty()) {
        return records;
      }
      removedRepositoryRef = true;
    } else if (isSingleReference(repoRefs)) {
      // moby: checkImageDeleteConflict(imgID, all &^ conflictActiveReference) — the one tag and
      // its digests are about to go, so they are no conflict
      EngineException conflict = deleteConflict(id, true, !force, true);
      if (conflict != null) {
        throw conflict;
      }
      for (Reference rr : repoRefs) {
        refs.remove(rr.toString());
        records.add(new ImageDeleteItem(rr.familiarString(), null));
        publish("untag", id, Map.of("name", id));
      }
    }
    deleteHelper(id, records, force, !noPrune, removedRepositoryRef);
    return records;
  }

  private static boolean isImageIdPrefix(String imageId, String prefix) {
    return imageId.startsWith(prefix) || Digests.hex(imageId).startsWith(prefix);
  }

  /** All references from one repository and at most one tag (moby isSingleReference). */
  private static boolean isSingleReference(List<Reference> repoRefs) {
    if (repoRefs.size() <= 1) {
      return repoRefs.size() == 1;
    }
    Reference single = null;
    Set<String> canonical = new HashSet<>();
    for (Reference r : repoRefs) {
      if (r.digest() != null) {
        canonical.add(r.name());
      } else if (single == null) {
        single = r;
      } else {
        return false;
      }
    }
    if (single == null) {
      single = repoRefs.get(0);
    }
    return canonical.size() == 1 && canonical.contains(single.name());
  }

  /**
   * checkImageDeleteConflict. Hard conflicts (children, running containers) always apply; soft ones
   * (other references, stopped containers) only without force.
   */
  private EngineException deleteConflict(
      String id, boolean hard, boolean soft, boolean skipActiveReference) {
    String message = null;
    boolean cannotForce = false;
    if (hard && !children(id).isEmpty()) {
      message = "image has dependent child images";
      cannotForce = true;
    } else if (hard && !usage.containersUsing(id, true).isEmpty()) {
      message =
          "image is being used by running container "
              + shortId(usage.containersUsing(id, true).get(0));
      cannotForce = true;
    } else if (soft && !skipActiveReference && !references(id).isEmpty()) {
      message = "image is referenced in multiple repositories";
    } else if (soft) {
      List<String> stopped = new ArrayList<>(usage.containersUsing(id, false));
      stopped.removeAll(usage.containersUsing(id, true));
      if (!stopped.isEmpty()) {
        message = "image is being used by stopped container " + shortId(stopped.get(0));
      }
    }
    if (message == null) {
      return null;
    }
    return EngineException.conflict(
        "conflict: unable to delete "
            + shortId(id)
            + " ("
            + (cannotForce ? "cannot be forced" : "must be forced")
            + ") - "
            + message);
  }

  private void deleteHelper(
      String id, List<ImageDeleteItem> records, boolean force, boolean prune, boolean quiet) {
    EngineException conflict = deleteConflict(id, true, !force, false);
    if (conflict != null) {
      boolean used = !usage.containersUsing(id, false).isEmpty();
      boolean dangling = references(id).isEmpty();
      if (quiet && (!dangling || used)) {
        return;
      }
      throw conflict;
    }
    StoredImage s = images.get(id);
    for (Reference rr : references(id)) {
      refs.remove(rr.toString());
      records.add(new ImageDeleteItem(rr.familiarString(), null));
      publish("untag", id, Map.of("name", id));
    }
    images.remove(id);
    publish("delete", id, Map.of("name", id));
    records.add(new ImageDeleteItem(null, id));
    List<String> chains = s.image().chainIds();
    if (!usage.containersUsing(id, false).isEmpty()) {
      retained.put(id, chains); // the containers' writable layers still sit on these layers
    } else {
      for (int i = chains.size() - 1; i >= 0; i--) {
        if (hasChain(chains.get(i))) {
          break;
        }
        records.add(new ImageDeleteItem(null, chains.get(i)));
      }
    }
    if (prune && !s.parent().isEmpty() && images.containsKey(s.parent())) {
      deleteHelper(s.parent(), records, false, true, true);
    }
  }

  private static String shortId(String id) {
    return Digests.hex(id).substring(0, 12);
  }

  // ---- history, prune, search ----------------------------------------------------------------

  @Override
  public List<HistoryItem> history(String nameOrId) {
    StoredImage s = require(nameOrId);
    List<HistoryItem> rows = new ArrayList<>();
    int layer = 0;
    List<ImageLayer> layers = s.image().layers();
    for (ImageConfig.History h : s.image().config().history()) {
      long size = 0;
      if (!h.emptyLayer() && layer < layers.size()) {
        size = layers.get(layer++).size();
      }
      rows.add(
          0,
          new HistoryItem(
              "<missing>",
              h.createdNanos() / 1_000_000_000L,
              h.createdBy(),
              null,
              size,
              h.comment()));
    }
    StoredImage cur = s;
    for (int i = 0; i < rows.size() && cur != null; i++) {
      HistoryItem h = rows.get(i);
      List<String> tags = repoTags(cur.id());
      rows.set(
          i,
          new HistoryItem(
              cur.id(),
              h.created(),
              h.createdBy(),
              tags.isEmpty() ? null : tags,
              h.size(),
              h.comment()));
      cur = cur.parent().isEmpty() ? null : images.get(cur.parent());
    }
    return rows;
  }

  @Override
  public ImagePruneResponse prune(Map<String, List<String>> filters) {
    Map<String, List<String>> f = filters == null ? Map.of() : filters;
    Filters.validate(f, Set.of("dangling", "until", "label", "label!"));
    Boolean dangling = Filters.bool(f, "dangling");
    boolean danglingOnly = dangling == null || dangling;
    Set<String> used = new HashSet<>();
    for (String id : images.keySet()) {
      if (!usage.containersUsing(id, false).isEmpty()) {
        used.add(id);
      }
    }
    List<ImageDeleteItem> deleted = new ArrayList<>();
    long reclaimed = 0;
    List<StoredImage> candidates = new ArrayList<>(images.values());
    candidates.sort(Comparator.comparing(StoredImage::id));
    for (StoredImage s : candidates) {
      String id = s.id();
      if (!images.containsKey(id) || used.contains(id)) {
        continue;
      }
      if (danglingOnly && !children(id).isEmpty()) {
        continue;
      }
      if (references(id).isEmpty() && !children(id).isEmpty()) {
        continue;
      }
      if (f.containsKey("until")
          && s.image().createdNanos() >= Filters.until(f.get("until"), clock)) {
        continue;
      }
      Map<String, String> labels = s.image().config().config().labels();
      if (f.containsKey("label") && !Filters.matchLabels(f.get("label"), labels)) {
        continue;
      }
      if (f.containsKey("label!") && Filters.matchLabels(f.get("label!"), labels)) {
        continue;
      }
      List<Reference> rs = references(id);
      List<ImageDeleteItem> items = new ArrayList<>();
      try {
        if (!rs.isEmpty()) {
          boolean hasTag = rs.stream().anyMatch(r -> r.digest() == null);
          if (!danglingOnly || !hasTag) {
            for (Reference r : rs) {
              if (images.containsKey(id)) {
                items.addAll(remove(r.familiarString(), false, false));
              }
            }
          }
        } else {
          items.addAll(remove(Digests.hex(id), false, false));
        }
      } catch (EngineException e) {
        continue;
      }
      deleted.addAll(items);
      for (ImageDeleteItem item : items) {
        if (item.deleted() != null && !item.deleted().equals(id)) {
          reclaimed += layerSize(s.image(), item.deleted());
        }
      }
    }
    return new ImagePruneResponse(deleted.isEmpty() ? null : deleted, reclaimed);
  }

  private static long layerSize(Image img, String chainId) {
    int i = img.chainIds().indexOf(chainId);
    return i < 0 ? 0 : img.layers().get(i).size();
  }

  @Override
  public List<SearchResult> search(String term, int limit, Map<String, List<String>> filters) {
    int n = limit <= 0 ? 25 : limit;
    if (n > 100) {
      throw EngineException.badRequest("limit " + n + " is outside the range of [1, 100]");
    }
    Map<String, List<String>> f = filters == null ? Map.of() : filters;
    Filters.validate(f, Set.of("is-official", "is-automated", "stars"));
    Boolean official = Filters.bool(f, "is-official");
    Boolean automated = Filters.bool(f, "is-automated");
    int stars = 0;
    if (f.containsKey("stars")) {
      try {
        stars = Integer.parseInt(f.get("stars").get(0));
      } catch (NumberFormatException e) {
        throw EngineException.badRequest("invalid filter 'stars=" + f.get("stars").get(0) + "'");
      }
    }
    List<SearchResult> out = new ArrayList<>();
    for (SearchResult r : registry.search(term)) {
      if ((official != null && r.official() != official)
          || (automated != null && r.automated() != automated)
          || r.starCount() < stars) {
        continue;
      }
      if (out.size() < n) {
        out.add(r);
      }
    }
    return out;
  }

  // ---- commit --------------------------------------------------------------------------------

  @Override
  public IdResponse commit(CommitRequest request) {
    ImageUsage.CommitSource c =
        usage
            .container(request.container())
            .orElseThrow(
                () -> EngineException.notFound("No such container: " + request.container()));
    ContainerConfig config = Commits.applyChanges(c.config(), request.changes());
    String id =
        commit(
            c.rootFs(),
            c.imageId(),
            c.id(),
            c.config(),
            config,
            request.repo(),
            request.tag(),
            request.comment(),
            request.author());
    // daemon/commit.go: a container event, with the container's labels, image and name.
    Map<String, String> attrs = new TreeMap<>();
    if (c.config().labels() != null) {
      attrs.putAll(c.config().labels());
    }
    attrs.put("comment", nz(request.comment()));
    attrs.put("imageID", id);
    String imageRef = "";
    if (request.repo() != null && !request.repo().isEmpty()) {
      String t = request.tag() == null || request.tag().isEmpty() ? "latest" : request.tag();
      imageRef = Reference.parse(request.repo()).withTag(t).familiarString();
    }
    attrs.put("imageRef", imageRef);
    attrs.put("image", nz(c.config().image()));
    attrs.put("name", c.name());
    publish("container", "commit", c.id(), nz(c.config().image()), attrs);
    return new IdResponse(id);
  }

  /**
   * A new image from a container: the parent's layers plus the container's writable layer (no layer
   * when nothing changed), the given config, and one history entry.
   *
   * @return the new image ID
   */
  public String commit(
      ContainerRootFs rootFs,
      String parentImageId,
      String containerId,
      ContainerConfig containerConfig,
      ContainerConfig config,
      String repo,
      String tag,
      String comment,
      String author) {
    StoredImage parent = parentImageId == null ? null : images.get(parentImageId);
    Layer upper = rootFs instanceof UnionFs u ? u.upperLayer() : Layer.empty();
    List<ImageLayer> layers = new ArrayList<>();
    List<ImageConfig.History> history = new ArrayList<>();
    ImageConfig base = parent == null ? null : parent.image().config();
    if (parent != null) {
      layers.addAll(parent.image().layers());
      history.addAll(base.history());
    }
    boolean empty = upper.isEmpty();
    if (!empty) {
      layers.add(ImageLayer.of(upper));
    }
    long now = clock.nowNanos();
    String createdBy = containerConfig.cmd() == null ? "" : String.join(" ", containerConfig.cmd());
    history.add(new ImageConfig.History(now, createdBy, nz(comment), nz(author), empty));
    List<String> diffIds = new ArrayList<>();
    layers.forEach(l -> diffIds.add(l.diffId()));
    ImageConfig cfg =
        new ImageConfig(
            base == null ? platform.architecture() : base.architecture(),
            base == null ? platform.variant() : base.variant(),
            base == null ? platform.os() : base.os(),
            base == null ? null : base.osVersion(),
            now,
            nz(author),
            nz(comment),
            containerId == null ? "" : containerId,
            "24.0.7",
            config,
            containerConfig,
            history,
            diffIds);
    Image img = new Image(cfg.toJson(), layers);
    images.putIfAbsent(img.id(), new StoredImage(img, parent == null ? "" : parent.id(), 0));
    if (repo != null && !repo.isEmpty()) {
      tag(img.id(), repo, tag);
    }
    return img.id();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  // ---- save / load / manifest ----------------------------------------------------------------

  @Override
  public void save(List<String> names, OutputStream out) {
    List<TarExport.Named> selected = new ArrayList<>();
    for (String name : names) {
      StoredImage s = require(name);
      Reference r = tryParse(name);
      String tagRef = null;
      if (r != null && !isImageIdPrefix(s.id(), name)) {
        Reference t = r.digest() != null ? r : r.withDefaultTag();
        tagRef = t.digest() == null ? t.toString() : null;
      }
      selected.add(new TarExport.Named(s.image(), tagRef));
      publish("save", s.id(), Map.of("name", name));
    }
    TarExport.write(selected, out);
  }

  @Override
  public void load(InputStream tarball, Consumer<ProgressMessage> progress) {
    List<TarExport.Loaded> loaded = TarExport.read(tarball, registry);
    for (TarExport.Loaded l : loaded) {
      Image img = l.image();
      if (!images.containsKey(img.id())) {
        images.put(img.id(), new StoredImage(img, "", 0));
      }
      for (String ref : l.repoTags()) {
        Reference r = Reference.parseWithDefaultTag(ref);
        String old = refs.get(r.toString());
        if (old != null && !old.equals(img.id())) {
          progress.accept(
              ProgressMessage.status(
                  "The image "
                      + r.familiarString()
                      + " already exists, renaming the old one with ID "
                      + old
                      + " to empty string"));
        }
        putRef(r.toString(), img.id());
        progress.accept(ProgressMessage.status("Loaded image: " + r.familiarString()));
      }
      if (l.repoTags().isEmpty()) {
        progress.accept(ProgressMessage.status("Loaded image ID: " + img.id()));
      }
      publish("load", img.id(), Map.of("name", img.id()));
    }
  }

  @Override
  public String manifestInspect(String reference, boolean verbose) {
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
    return Manifests.inspect(r, t, verbose);
  }

  // ---- events --------------------------------------------------------------------------------

  private void publish(String action, String id, Map<String, String> attributes) {
    publish("image", action, id, null, attributes);
  }

  private void publish(
      String type, String action, String id, String from, Map<String, String> attributes) {
    long now = clock.nowNanos();
    events.publish(
        new EngineEvent(
            now,
            node,
            new EventMessage(
                action,
                id,
                from,
                type,
                action,
                new EventActor(id, new TreeMap<>(attributes)),
                "local",
                now / 1_000_000_000L,
                now)));
  }
}
