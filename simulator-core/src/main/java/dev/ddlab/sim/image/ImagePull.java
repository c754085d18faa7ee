package dev.ddlab.sim.image;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ProgressMessage;
import dev.ddlab.sim.fs.Digests;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code docker pull} (moby {@code daemon/images/image_pull.go} and {@code
 * distribution/pull_v2.go}): resolve the reference at the registry, pick the node's platform from a
 * manifest list, fetch the layers the store does not hold yet with the API's progress stream, then
 * store the image and point the tag and the digest reference at it.
 */
final class ImagePull {
  private final ImageService service;

  ImagePull(ImageService service) {
    this.service = service;
  }

  void pull(
      String reference, String platformText, boolean allTags, Consumer<ProgressMessage> stream) {
    // null: nobody reads the stream (ProgressMessage.Unread), so no message is formatted
    Consumer<ProgressMessage> progress = stream instanceof ProgressMessage.Unread ? null : stream;
    Reference r = Reference.parse(reference);
    if (r.name().equals("docker.io/library/scratch")) {
      throw EngineException.serverError("'scratch' is a reserved name");
    }
    Platform p =
        platformText == null || platformText.isEmpty()
            ? service.platform()
            : Platform.parse(platformText);
    Registry registry = service.registry();
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
        updated |= pullTag(r.withTag(tag), p, progress);
      }
      if (progress != null) {
        progress.accept(ProgressMessage.status(status(updated, r.familiarName())));
      }
      return;
    }
    Reference tagged = r.withDefaultTag();
    boolean updated = pullTag(tagged, p, progress);
    if (progress != null) {
      progress.accept(ProgressMessage.status(status(updated, tagged.familiarString())));
    }
  }

  private static String status(boolean updated, String name) {
    return updated
        ? "Status: Downloaded newer image for " + name
        : "Status: Image is up to date for " + name;
  }

  /** pullV2Tag: returns whether a reference was added or moved ({@code progress} may be null). */
  private boolean pullTag(Reference ref, Platform p, Consumer<ProgressMessage> progress) {
    Registry registry = service.registry();
    Registry.Tagged tagged = registry.resolve(ref);
    Registry.Manifest m = registry.select(tagged, p);
    if (!m.platform().os().equals(service.platform().os())) {
      // A Linux daemon stores no Windows images (pull_v2: system.IsOSSupported).
      throw EngineException.serverError(
          "image operating system \"" + m.platform().os() + "\" cannot be used on this platform");
    }
    String tagOrDigest = ref.digest() != null ? ref.digest() : ref.tag();
    if (progress != null) {
      progress.accept(ProgressMessage.status(tagOrDigest, "Pulling from " + ref.remoteName()));
    }
    Image img = m.image();
    if (!service.store().contains(img.id())) {
      if (progress != null) {
        downloadLayers(img, progress);
      }
      service.store().add(img, "");
    }
    if (progress != null) {
      progress.accept(ProgressMessage.status("Digest: " + tagged.digest()));
    }
    boolean updated = service.reference(ref, img.id());
    service.reference(ref.withDigest(tagged.digest()), img.id());
    service.logImageEvent("pull", ref.familiarString(), Map.of("name", ref.familiarName()));
    return updated;
  }

  /**
   * The progress of fetching an image's layers: "Already exists" for the longest prefix of layers
   * whose chain the store holds, then the rest fetched three at a time and extracted in order.
   */
  private void downloadLayers(Image img, Consumer<ProgressMessage> progress) {
    List<ImageLayer> layers = img.layers();
    List<String> chains = img.chainIds();
    int existing = 0;
    while (existing < layers.size() && service.store().hasLayerChain(chains.get(existing))) {
      existing++;
    }
    List<ImageLayer> fresh = layers.subList(existing, layers.size());
    for (int i = 0; i < existing; i++) {
      progress.accept(ProgressMessage.step(shortBlob(layers.get(i)), "Already exists"));
    }
    for (ImageLayer l : fresh) {
      progress.accept(ProgressMessage.step(shortBlob(l), "Pulling fs layer"));
    }
    for (int i = 3; i < fresh.size(); i++) {
      progress.accept(ProgressMessage.step(shortBlob(fresh.get(i)), "Waiting"));
    }
    for (ImageLayer l : fresh) {
      String id = shortBlob(l);
      long total = l.digest().blobSize();
      progress.accept(Progress.bar(id, "Downloading", total / 2, total));
      progress.accept(Progress.bar(id, "Downloading", total, total));
      progress.accept(ProgressMessage.step(id, "Verifying Checksum"));
      progress.accept(ProgressMessage.step(id, "Download complete"));
    }
    for (ImageLayer l : fresh) {
      String id = shortBlob(l);
      long total = l.digest().blobSize();
      progress.accept(Progress.bar(id, "Extracting", total, total));
      progress.accept(ProgressMessage.step(id, "Pull complete"));
    }
  }

  private static String shortBlob(ImageLayer l) {
    return Digests.shortId(l.digest().blobDigest());
  }
}
