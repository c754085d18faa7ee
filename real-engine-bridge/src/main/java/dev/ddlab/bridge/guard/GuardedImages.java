package dev.ddlab.bridge.guard;

import static dev.ddlab.bridge.guard.GuardSession.refused;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.ImagesApi;
import dev.ddlab.engine.dto.CommitRequest;
import dev.ddlab.engine.dto.HistoryItem;
import dev.ddlab.engine.dto.IdResponse;
import dev.ddlab.engine.dto.ImageDeleteItem;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.engine.dto.ImagePruneResponse;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.ProgressMessage;
import dev.ddlab.engine.dto.SearchResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Images behind the guard. The daemon's images are shared by every session: reading a shared one is
 * free, but a session never sees another session's committed images or the tags another session
 * wrote, and every tag write (tag, commit, load, pull) is allowed only for a name that is free or
 * already the session's own — so no shared tag is ever overwritten, and the clean-up removes only
 * tags the session wrote.
 */
final class GuardedImages implements ImagesApi {
  private final GuardSession session;

  GuardedImages(GuardSession session) {
    this.session = session;
  }

  private ImagesApi i() {
    return session.inner.images();
  }

  // ---- reading -----------------------------------------------------------------------------

  @Override
  public List<ImageSummary> list(boolean all, Map<String, List<String>> filters) {
    return visible(i().list(all, filters));
  }

  /** The images the session may see, each without the tags other sessions wrote. */
  List<ImageSummary> visible(List<ImageSummary> images) {
    List<ImageSummary> out = new ArrayList<>();
    for (ImageSummary img : images == null ? List.<ImageSummary>of() : images) {
      if (session.anothers(img.labels())) {
        continue;
      }
      List<String> tags = session.visibleTags(img.repoTags());
      if (img.repoTags() != null && !img.repoTags().isEmpty() && tags.isEmpty()) {
        continue; // every name it has is another session's
      }
      out.add(
          new ImageSummary(
              img.containers(),
              img.created(),
              img.id(),
              img.labels(),
              img.parentId(),
              img.repoDigests(),
              tags,
              img.sharedSize(),
              img.size()));
    }
    return out;
  }

  @Override
  public ImageInspect inspect(String nameOrId) {
    ImageInspect img = session.visibleImage(nameOrId);
    return new ImageInspect(
        img.id(),
        session.visibleTags(img.repoTags()),
        img.repoDigests(),
        img.parent(),
        img.comment(),
        img.created(),
        img.container(),
        img.containerConfig(),
        img.dockerVersion(),
        img.author(),
        img.config(),
        img.architecture(),
        img.variant(),
        img.os(),
        img.osVersion(),
        img.size(),
        img.virtualSize(),
        img.graphDriver(),
        img.rootFs(),
        img.metadata());
  }

  @Override
  public List<HistoryItem> history(String nameOrId) {
    session.visibleImage(nameOrId);
    return i().history(nameOrId);
  }

  @Override
  public List<SearchResult> search(String term, int limit, Map<String, List<String>> filters) {
    return i().search(term, limit, filters);
  }

  @Override
  public void save(List<String> names, OutputStream out) {
    names.forEach(session::visibleImage);
    i().save(names, out);
  }

  @Override
  public String manifestInspect(String reference, boolean verbose) {
    return i().manifestInspect(reference, verbose);
  }

  // ---- writing tags ------------------------------------------------------------------------

  /**
   * docker push: refused. The classroom's daemon is shared and its credentials would be the
   * learner's own; pushing is practised on the simulated Docker Hub.
   */
  @Override
  public void push(String reference, String registryAuth, Consumer<ProgressMessage> progress) {
    throw refused(
        "docker push bị chặn trên máy chủ Docker dùng chung của lớp; hãy thực hành đẩy image"
            + " trong phiên mô phỏng.");
  }

  /** docker pull: a free name (then the session's), or the session's own; never -a. */
  @Override
  public void pull(
      String reference, String platform, boolean allTags, Consumer<ProgressMessage> progress) {
    if (allTags) {
      throw refused(
          "docker pull --all-tags bị chặn: nó có thể ghi đè mọi tag của "
              + ImageRef.familiarName(reference)
              + " trên máy chủ dùng chung; hãy pull một tag cụ thể.");
    }
    if (ImageRef.isDigest(reference)) {
      i().pull(reference, platform, false, progress);
      return;
    }
    session.checkTagWrite(reference);
    i().pull(reference, platform, false, progress);
    session.claimTag(reference);
  }

  @Override
  public void tag(String source, String repository, String tag) {
    session.visibleImage(source);
    String target = ImageRef.of(repository, tag);
    session.checkTagWrite(target);
    i().tag(source, repository, tag);
    session.claimTag(target);
  }

  @Override
  public IdResponse commit(CommitRequest request) {
    String container = session.ownContainerId(request.container());
    boolean tagged = request.repo() != null && !request.repo().isEmpty();
    String target = tagged ? ImageRef.of(request.repo(), request.tag()) : null;
    if (tagged) {
      session.checkTagWrite(target);
    }
    List<String> changes = new ArrayList<>();
    if (request.changes() != null) {
      changes.addAll(request.changes());
    }
    // last, so that the learner's own LABEL cannot replace it
    changes.add("LABEL " + GuardedEngine.SESSION_LABEL + "=" + session.id());
    IdResponse id =
        i().commit(
                new CommitRequest(
                    container,
                    request.repo(),
                    request.tag(),
                    request.comment(),
                    request.author(),
                    request.pause(),
                    changes));
    if (tagged) {
      session.claimTag(target);
    }
    return id;
  }

  /**
   * docker load: the tarball's tags are checked before the daemon sees it (a tarball naming a
   * shared or another session's tag is refused whole, nothing loaded); its new tags become the
   * session's, and images it brings without a tag are removed with the session.
   */
  @Override
  public void load(InputStream tarball, Consumer<ProgressMessage> progress) {
    byte[] bytes;
    try {
      bytes = tarball.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ImageArchive archive = ImageArchive.read(bytes);
    archive.tags().forEach(session::checkTagWrite);
    List<String> newIds = new ArrayList<>();
    for (String id : archive.untaggedIds()) {
      if (!exists(id)) {
        newIds.add(id);
      }
    }
    i().load(new ByteArrayInputStream(bytes), progress);
    archive.tags().forEach(session::claimTag);
    session.loadedIds.addAll(newIds);
  }

  private boolean exists(String ref) {
    try {
      i().inspect(ref);
      return true;
    } catch (EngineException e) {
      if (e.isNotFound()) {
        return false;
      }
      throw e;
    }
  }

  // ---- removing ----------------------------------------------------------------------------

  /**
   * docker rmi: a tag the session wrote, or (by ID) an image the session committed; a shared image
   * is refused, another session's is not there.
   */
  @Override
  public List<ImageDeleteItem> remove(String nameOrId, boolean force, boolean noPrune) {
    ImageInspect img;
    try {
      img = i().inspect(nameOrId);
    } catch (EngineException e) {
      if (e.isNotFound()) {
        // nothing of anyone's to protect: let the daemon word its own "No such image"
        return i().remove(nameOrId, force, noPrune);
      }
      throw e;
    }
    if (!session.visible(img, nameOrId)) {
      throw GuardSession.noSuchImage(nameOrId);
    }
    String tag = ImageRef.isDigest(nameOrId) ? null : ImageRef.familiar(nameOrId);
    boolean byTag = tag != null && img.repoTags() != null && img.repoTags().contains(tag);
    boolean own =
        byTag ? session.ownsTag(tag) : img.config() != null && session.mine(img.config().labels());
    if (!own) {
      throw refused(
          "chỉ được xoá image do phiên này tạo ra (docker tag, commit, load, pull); "
              + nameOrId
              + " là image dùng chung của máy chủ.");
    }
    return released(i().remove(nameOrId, force, noPrune));
  }

  @Override
  public ImagePruneResponse prune(Map<String, List<String>> filters) {
    ImagePruneResponse r = i().prune(session.withSessionFilter(filters));
    released(r.imagesDeleted());
    return r;
  }

  /** Tags the daemon says it untagged are no longer anyone's. */
  private List<ImageDeleteItem> released(List<ImageDeleteItem> items) {
    if (items != null) {
      for (ImageDeleteItem item : items) {
        if (item.untagged() != null && !item.untagged().contains("@")) {
          session.releaseTag(item.untagged());
        }
      }
    }
    return items;
  }
}
