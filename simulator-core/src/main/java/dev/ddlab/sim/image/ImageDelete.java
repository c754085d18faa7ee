package dev.ddlab.sim.image;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ImageDeleteItem;
import dev.ddlab.engine.dto.ImagePruneResponse;
import dev.ddlab.sim.fs.Digests;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code docker rmi} and {@code docker image prune} (moby {@code daemon/images/image_delete.go},
 * {@code image_prune.go}): untag, then delete when no reference is left, with moby's conflicts.
 * Hard ones (dependent child images, running containers) cannot be forced; soft ones (other
 * repositories, stopped containers) must be. {@code rmi -f} of an image a running container uses
 * only untags. Deleted layers are listed top-down until a chain another image (or a container of a
 * force-deleted image) still holds.
 */
final class ImageDelete {
  private final ImageService service;
  private final ImageStore store;
  private final ReferenceStore refs;

  ImageDelete(ImageService service) {
    this.service = service;
    this.store = service.store();
    this.refs = service.references();
  }

  List<ImageDeleteItem> remove(String nameOrId, boolean force, boolean noPrune) {
    StoredImage img = service.require(nameOrId);
    String id = img.id();
    List<ImageDeleteItem> records = new ArrayList<>();
    List<Reference> repoRefs = refs.references(id);
    boolean removedRepositoryRef = false;
    if (!ImageService.isImageIdPrefix(id, nameOrId)) {
      if (!force && isSingleReference(repoRefs)) {
        List<String> using = service.usage().containersUsing(id, false);
        if (!using.isEmpty()) {
          throw EngineException.conflict(
              "conflict: unable to remove repository reference \""
                  + nameOrId
                  + "\" (must force) - container "
                  + Digests.shortId(using.get(0))
                  + " is using its referenced image "
                  + Digests.shortId(id));
        }
      }
      Reference parsed = Reference.parse(nameOrId);
      parsed = parsed.digest() != null ? parsed : parsed.withDefaultTag();
      refs.delete(parsed);
      records.add(new ImageDeleteItem(parsed.familiarString(), null));
      service.logImageEvent("untag", id, Map.of("name", id));
      repoRefs = refs.references(id);
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
              refs.delete(rr);
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
        refs.delete(rr);
        records.add(new ImageDeleteItem(rr.familiarString(), null));
        service.logImageEvent("untag", id, Map.of("name", id));
      }
    }
    deleteHelper(id, records, force, !noPrune, removedRepositoryRef);
    return records;
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
    if (hard && !store.children(id).isEmpty()) {
      message = "image has dependent child images";
      cannotForce = true;
    } else if (hard && !service.usage().containersUsing(id, true).isEmpty()) {
      message =
          "image is being used by running container "
              + Digests.shortId(service.usage().containersUsing(id, true).get(0));
      cannotForce = true;
    } else if (soft && !skipActiveReference && !refs.references(id).isEmpty()) {
      message = "image is referenced in multiple repositories";
    } else if (soft) {
      List<String> stopped = new ArrayList<>(service.usage().containersUsing(id, false));
      stopped.removeAll(service.usage().containersUsing(id, true));
      if (!stopped.isEmpty()) {
        message = "image is being used by stopped container " + Digests.shortId(stopped.get(0));
      }
    }
    if (message == null) {
      return null;
    }
    return EngineException.conflict(
        "conflict: unable to delete "
            + Digests.shortId(id)
            + " ("
            + (cannotForce ? "cannot be forced" : "must be forced")
            + ") - "
            + message);
  }

  private void deleteHelper(
      String id, List<ImageDeleteItem> records, boolean force, boolean prune, boolean quiet) {
    EngineException conflict = deleteConflict(id, true, !force, false);
    if (conflict != null) {
      boolean used = !service.usage().containersUsing(id, false).isEmpty();
      boolean dangling = refs.references(id).isEmpty();
      if (quiet && (!dangling || used)) {
        return;
      }
      throw conflict;
    }
    StoredImage s = store.stored(id);
    for (Reference rr : refs.references(id)) {
      refs.delete(rr);
      records.add(new ImageDeleteItem(rr.familiarString(), null));
      service.logImageEvent("untag", id, Map.of("name", id));
    }
    store.remove(id);
    service.logImageEvent("delete", id, Map.of("name", id));
    records.add(new ImageDeleteItem(null, id));
    List<String> chains = s.image().chainIds();
    if (!service.usage().containersUsing(id, false).isEmpty()) {
      store.retain(id, chains); // the containers' writable layers still sit on these layers
    } else {
      for (int i = chains.size() - 1; i >= 0; i--) {
        if (store.hasLayerChain(chains.get(i))) {
          break;
        }
        records.add(new ImageDeleteItem(null, chains.get(i)));
      }
    }
    if (prune && !s.parent().isEmpty() && store.contains(s.parent())) {
      deleteHelper(s.parent(), records, false, true, true);
    }
  }

  // ---- prune ---------------------------------------------------------------------------------

  ImagePruneResponse prune(Map<String, List<String>> filters) {
    Map<String, List<String>> f = filters == null ? Map.of() : filters;
    Filters.validate(f, Set.of("dangling", "until", "label", "label!"));
    Boolean dangling = Filters.bool(f, "dangling");
    boolean danglingOnly = dangling == null || dangling;
    Set<String> used = new HashSet<>();
    for (StoredImage s : store.all()) {
      String id = s.id();
      if (!service.usage().containersUsing(id, false).isEmpty()) {
        used.add(id);
      }
    }
    List<ImageDeleteItem> deleted = new ArrayList<>();
    long reclaimed = 0;
    List<StoredImage> candidates = new ArrayList<>(store.all());
    candidates.sort(Comparator.comparing(StoredImage::id));
    for (StoredImage s : candidates) {
      String id = s.id();
      if (!store.contains(id) || used.contains(id)) {
        continue;
      }
      if (danglingOnly && !store.children(id).isEmpty()) {
        continue;
      }
      if (refs.references(id).isEmpty() && !store.children(id).isEmpty()) {
        continue;
      }
      if (f.containsKey("until")
          && s.image().createdNanos() >= Filters.until(f.get("until"), service.clock())) {
        continue;
      }
      Map<String, String> labels = s.image().config().config().labels();
      if (f.containsKey("label") && !Filters.matchLabels(f.get("label"), labels)) {
        continue;
      }
      if (f.containsKey("label!") && Filters.matchLabels(f.get("label!"), labels)) {
        continue;
      }
      List<Reference> rs = refs.references(id);
      List<ImageDeleteItem> items = new ArrayList<>();
      try {
        if (!rs.isEmpty()) {
          boolean hasTag = rs.stream().anyMatch(r -> r.digest() == null);
          if (!danglingOnly || !hasTag) {
            for (Reference r : rs) {
              if (store.contains(id)) {
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
}
