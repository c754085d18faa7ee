package dev.ddlab.sim.image;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.CommitRequest;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.sim.fs.ContainerRootFs;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.UnionFs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code docker commit} (moby {@code daemon/commit.go}, {@code daemon/images/image_commit.go}): a
 * new image from a container, the parent's layers plus the container's writable layer (no layer
 * when nothing changed), the container's config with the {@code --change} instructions applied, and
 * one history entry; a container event "commit".
 */
final class ImageCommit {
  private final ImageService service;

  ImageCommit(ImageService service) {
    this.service = service;
  }

  String commit(CommitRequest request) {
    ImageUsage.CommitSource c =
        service
            .usage()
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
    service.logEvent("container", "commit", c.id(), nz(c.config().image()), attrs);
    return id;
  }

  /**
   * A new image from a container's root filesystem, stored with its parent and tagged when {@code
   * repo} is given.
   *
   * @return the new image ID
   */
  String commit(
      ContainerRootFs rootFs,
      String parentImageId,
      String containerId,
      ContainerConfig containerConfig,
      ContainerConfig config,
      String repo,
      String tag,
      String comment,
      String author) {
    StoredImage parent = parentImageId == null ? null : service.store().stored(parentImageId);
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
    long now = service.clock().nowNanos();
    String createdBy = containerConfig.cmd() == null ? "" : String.join(" ", containerConfig.cmd());
    history.add(new ImageConfig.History(now, createdBy, nz(comment), nz(author), empty));
    List<String> diffIds = new ArrayList<>();
    layers.forEach(l -> diffIds.add(l.diffId()));
    Platform platform = service.platform();
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
    service.store().add(img, parent == null ? "" : parent.id());
    if (repo != null && !repo.isEmpty()) {
      service.tag(img.id(), repo, tag);
    }
    return img.id();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
