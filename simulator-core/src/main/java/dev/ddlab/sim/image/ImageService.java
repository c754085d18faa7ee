package dev.ddlab.sim.image;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.EventActor;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.events.EngineEvent;
import dev.ddlab.events.EventBus;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.fs.Digests;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every image operation of one node shares (moby {@code daemon/images/service.go}): the {@link
 * ImageStore} and {@link ReferenceStore}, the registry, the node's platform and clock, the
 * container side ({@link ImageUsage}), and the three primitives the operations are made of: find an
 * image as the API names it ({@code GetImage}), point a reference at an image ({@code TagImage}),
 * and log an image event. Pull, delete, commit, save/load and, later, build work through it, so an
 * image they make is stored, tagged and announced the same way.
 */
public final class ImageService {
  private final VirtualClock clock;
  private final EventBus events;
  private final Platform platform;
  private final String node;
  private final Registry registry;
  private final ImageStore store = new ImageStore(() -> usage().disk());
  private final ReferenceStore references = new ReferenceStore();
  private ImageUsage usage = ImageUsage.NONE;

  ImageService(
      VirtualClock clock, EventBus events, Platform platform, String node, Registry registry) {
    this.clock = clock;
    this.events = events;
    this.platform = platform;
    this.node = node;
    this.registry = registry;
  }

  public ImageStore store() {
    return store;
  }

  public ReferenceStore references() {
    return references;
  }

  public Registry registry() {
    return registry;
  }

  /** The node's platform: what pulls select from manifest lists and new images are made for. */
  public Platform platform() {
    return platform;
  }

  public VirtualClock clock() {
    return clock;
  }

  ImageUsage usage() {
    return usage;
  }

  void usage(ImageUsage usage) {
    this.usage = usage == null ? ImageUsage.NONE : usage;
  }

  // ---- GetImage ------------------------------------------------------------------------------

  /** GetImage: full ID, reference (tag added), digest reference, then a unique ID prefix. */
  StoredImage lookup(String refOrId) {
    if (refOrId == null || refOrId.isEmpty()) {
      return null;
    }
    if (Digests.isDigest(refOrId)) {
      return store.stored(refOrId);
    }
    if (Digests.isHex(refOrId, 64)) {
      return store.stored(Digests.SHA256 + refOrId);
    }
    String id = references.get(refOrId);
    if (id != null) {
      return store.stored(id);
    }
    String hex = refOrId.startsWith(Digests.SHA256) ? refOrId.substring(7) : refOrId;
    if (!hex.isEmpty() && hex.matches("[0-9a-f]+")) {
      StoredImage found = null;
      for (StoredImage s : store.all()) {
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

  /** {@link #lookup}, or Docker's "No such image" (404). */
  StoredImage require(String refOrId) {
    StoredImage s = lookup(refOrId);
    if (s == null) {
      throw noSuchImage(refOrId);
    }
    return s;
  }

  /** The stored image an API name means ({@link #lookup}), or Docker's "No such image". */
  public Image image(String refOrId) {
    return require(refOrId).image();
  }

  /**
   * moby's ErrImageDoesNotExist: a full 64-hex ID (with or without "sha256:") is a digest reference
   * and shows as "sha256:…"; anything else, a short ID included, parses as a name and shows with
   * its default tag ("No such image: f70734b6a266:latest").
   */
  static EngineException noSuchImage(String refOrId) {
    if (refOrId.matches("(sha256:)?[0-9a-f]{64}")) {
      return EngineException.notFound("No such image: sha256:" + Digests.hex(refOrId));
    }
    Reference r = Reference.tryParse(refOrId);
    String shown = r != null ? r.withDefaultTag().familiarString() : refOrId;
    return EngineException.notFound("No such image: " + shown);
  }

  /** Whether the API name is the image's ID or a prefix of it (rather than a reference). */
  static boolean isImageIdPrefix(String imageId, String name) {
    return imageId.startsWith(name) || Digests.hex(imageId).startsWith(name);
  }

  // ---- TagImage ------------------------------------------------------------------------------

  /**
   * Points a normalised reference at a stored image and, when that is new or moved, records the
   * time as the image's LastTagTime.
   *
   * @return whether the reference was added or moved
   */
  public boolean reference(Reference ref, String id) {
    String old = references.add(ref, id);
    if (!id.equals(old)) {
      store.touch(id, clock.nowNanos());
      return true;
    }
    return false;
  }

  /**
   * {@code docker tag SOURCE REPOSITORY[:TAG]} (moby TagImage): the tag defaults to the one in
   * {@code repository}, then to "latest"; a digest reference cannot be a tag.
   */
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
    reference(target, s.id());
    logImageEvent("tag", s.id(), Map.of("name", target.familiarString()));
  }

  // ---- events --------------------------------------------------------------------------------

  /** An image event (LogImageEvent). */
  public void logImageEvent(String action, String id, Map<String, String> attributes) {
    logEvent("image", action, id, null, attributes);
  }

  void logEvent(
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
