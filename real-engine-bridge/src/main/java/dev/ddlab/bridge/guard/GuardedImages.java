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
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Images behind the guard: the daemon's images are shared by every session, so reading them is
 * free, while tags a session writes are tracked as its own and only those (and images committed
 * with its label) may be removed.
 */
final class GuardedImages implements ImagesApi {
  private final GuardSession session;

  GuardedImages(GuardSession session) {
    this.session = session;
  }

  private ImagesApi i() {
    return session.inner.images();
  }

  @Override
  public List<ImageSummary> list(boolean all, Map<String, List<String>> filters) {
    return i().list(all, filters);
  }

  @Override
  public ImageInspect inspect(String nameOrId) {
    return i().inspect(nameOrId);
  }

  @Override
  public void pull(
      String reference, String platform, boolean allTags, Consumer<ProgressMessage> progress) {
    i().pull(reference, platform, allTags, progress);
  }

  @Override
  public void tag(String source, String repository, String tag) {
    String target = repository + ":" + (tag == null || tag.isEmpty() ? "latest" : tag);
    try {
      i().inspect(target);
      if (!session.taggedImages.contains(target)) {
        throw refused(
            "tên "
                + target
                + " đã có trên máy chủ và không phải của phiên này; hãy chọn tên khác.");
      }
    } catch (EngineException e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
    i().tag(source, repository, tag);
    session.taggedImages.add(target);
  }

  @Override
  public List<ImageDeleteItem> remove(String nameOrId, boolean force, boolean noPrune) {
    String ref = nameOrId.contains(":") || nameOrId.contains("@") ? nameOrId : nameOrId + ":latest";
    boolean own = session.taggedImages.contains(ref);
    if (!own) {
      try {
        ImageInspect img = i().inspect(nameOrId);
        own = img.config() != null && session.mine(img.config().labels());
      } catch (EngineException e) {
        if (e.isNotFound()) {
          // nothing of anyone's to protect: let the daemon word its own "No such image"
          return i().remove(nameOrId, force, noPrune);
        }
        throw e;
      }
    }
    if (!own) {
      throw refused(
          "chỉ được xoá image do phiên này tạo ra (docker tag, commit, load); "
              + nameOrId
              + " là image dùng chung của máy chủ.");
    }
    List<ImageDeleteItem> out = i().remove(nameOrId, force, noPrune);
    session.taggedImages.remove(ref);
    return out;
  }

  @Override
  public List<HistoryItem> history(String nameOrId) {
    return i().history(nameOrId);
  }

  @Override
  public ImagePruneResponse prune(Map<String, List<String>> filters) {
    return i().prune(session.withSessionFilter(filters));
  }

  @Override
  public List<SearchResult> search(String term, int limit, Map<String, List<String>> filters) {
    return i().search(term, limit, filters);
  }

  @Override
  public void save(List<String> names, OutputStream out) {
    i().save(names, out);
  }

  @Override
  public void load(InputStream tarball, Consumer<ProgressMessage> progress) {
    i().load(
            tarball,
            m -> {
              if (m.status() != null && m.status().startsWith("Loaded image: ")) {
                session.taggedImages.add(m.status().substring("Loaded image: ".length()).trim());
              }
              if (progress != null) {
                progress.accept(m);
              }
            });
  }

  @Override
  public IdResponse commit(CommitRequest request) {
    session.ownContainer(request.container());
    List<String> changes = new ArrayList<>();
    if (request.changes() != null) {
      changes.addAll(request.changes());
    }
    changes.add("LABEL " + GuardedEngine.SESSION_LABEL + "=" + session.policy.sessionId());
    IdResponse id =
        i().commit(
                new CommitRequest(
                    request.container(),
                    request.repo(),
                    request.tag(),
                    request.comment(),
                    request.author(),
                    request.pause(),
                    changes));
    if (request.repo() != null && !request.repo().isEmpty()) {
      String tag = request.tag() == null || request.tag().isEmpty() ? "latest" : request.tag();
      session.taggedImages.add(request.repo() + ":" + tag);
    }
    return id;
  }

  @Override
  public String manifestInspect(String reference, boolean verbose) {
    return i().manifestInspect(reference, verbose);
  }
}
