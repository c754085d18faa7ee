package dev.ddlab.sim.image;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.AuthConfig;
import dev.ddlab.engine.dto.ProgressMessage;
import dev.ddlab.sim.fs.Digests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code docker push} (moby {@code distribution/push_v2.go}): the local image a tag names is sent
 * to the registry under that tag, layers top-down: each "Preparing", then "Layer already exists"
 * when the registry holds its blob, else "Pushing" and "Pushed"; then the manifest, reported as
 * {@code TAG: digest: sha256:… size: N}. Failures after the first message (no such local image, a
 * refusal) are errors of the stream: the caller has seen the progress so far. The registry refuses
 * a repository outside the namespace of the Docker ID in X-Registry-Auth with "denied: requested
 * access to the resource is denied", after the layers were prepared, as Docker Hub does. A pushed
 * image pulled back (from any node of the cluster) has the same manifest digest and image ID.
 */
final class ImagePush {
  private final ImageService service;

  ImagePush(ImageService service) {
    this.service = service;
  }

  void push(String reference, String registryAuth, Consumer<ProgressMessage> progress) {
    Reference r = Reference.parse(reference);
    if (r.digest() != null) {
      throw EngineException.badRequest("cannot push a digest reference");
    }
    List<Reference> tags = new ArrayList<>();
    if (r.tag() != null) {
      tags.add(r);
    } else {
      // no tag: every tag of the repository (the CLI adds "latest" unless --all-tags)
      java.util.TreeSet<String> names = new java.util.TreeSet<>();
      for (StoredImage s : service.store().all()) {
        names.addAll(service.references().repoTags(s.id()));
      }
      for (String t : names) {
        Reference each = Reference.parse(t);
        if (each.name().equals(r.name())) {
          tags.add(each);
        }
      }
    }
    progress.accept(ProgressMessage.status("The push refers to repository [" + r.name() + "]"));
    StoredImage first = tags.isEmpty() ? null : service.lookup(tags.get(0).toString());
    if (first == null) {
      // after the first message, so an error of the stream (as dockerd reports it)
      throw EngineException.serverError(
          "An image does not exist locally with the tag: " + r.familiarName());
    }
    AuthConfig auth = AuthConfig.fromHeader(registryAuth);
    Registry registry = service.registry();
    for (Reference tag : tags) {
      StoredImage stored = service.lookup(tag.toString());
      if (stored == null) {
        continue;
      }
      Image img = stored.image();
      List<ImageLayer> topDown = new ArrayList<>(img.layers());
      java.util.Collections.reverse(topDown);
      for (ImageLayer l : topDown) {
        progress.accept(ProgressMessage.step(shortId(l), "Preparing"));
      }
      if (!registry.mayPush(tag, auth)) {
        throw EngineException.serverError(Registry.denied());
      }
      for (ImageLayer l : topDown) {
        String id = shortId(l);
        if (registry.hasLayer(l)) {
          progress.accept(ProgressMessage.step(id, "Layer already exists"));
          continue;
        }
        long total = l.digest().blobSize();
        registry.upload(l);
        progress.accept(Progress.bar(id, "Pushing", total, total));
        progress.accept(ProgressMessage.step(id, "Pushed"));
      }
      Registry.Manifest m = registry.push(tag, img, service.platform());
      progress.accept(
          ProgressMessage.status(
              tag.tag() + ": digest: " + m.digest() + " size: " + m.json().length));
      service.reference(tag.withDigest(m.digest()), img.id());
      service.logImageEvent("push", tag.familiarString(), Map.of("name", tag.familiarName()));
    }
  }

  /** A layer as push names it: its DiffID's first 12 hex digits. */
  private static String shortId(ImageLayer l) {
    return Digests.hex(l.diffId()).substring(0, 12);
  }
}
