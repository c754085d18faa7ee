package dev.ddlab.sim.image;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.GraphDriver;
import dev.ddlab.engine.dto.HistoryItem;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.RootFs;
import dev.ddlab.engine.dto.SearchResult;
import dev.ddlab.go.GoTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read side of a node's images: {@code docker images} with its filters (moby {@code
 * daemon/images/images.go}), inspect, history ({@code image_history.go}) and Docker Hub search
 * ({@code image_search.go}, filtered on the daemon).
 */
final class ImageQueries {
  private final ImageService service;
  private final ImageStore store;
  private final ReferenceStore refs;

  ImageQueries(ImageService service) {
    this.service = service;
    this.store = service.store();
    this.refs = service.references();
  }

  // ---- list / inspect ------------------------------------------------------------------------

  private static final Set<String> LIST_FILTERS =
      Set.of("dangling", "label", "before", "since", "reference", "until");

  List<ImageSummary> list(boolean all, Map<String, List<String>> filters) {
    Map<String, List<String>> f = filters == null ? Map.of() : filters;
    Filters.validate(f, LIST_FILTERS);
    Boolean dangling = Filters.bool(f, "dangling");
    Long before = f.containsKey("before") ? createdOf(f.get("before")) : null;
    Long since = f.containsKey("since") ? sinceOf(f.get("since")) : null;
    List<String> patterns = f.getOrDefault("reference", List.of());
    List<ImageSummary> out = new ArrayList<>();
    for (StoredImage s : store.all()) {
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
      if (f.containsKey("until")
          && img.createdNanos() >= Filters.until(f.get("until"), service.clock())) {
        continue;
      }
      List<String> tags = new ArrayList<>();
      List<String> digests = new ArrayList<>();
      for (Reference r : refs.references(s.id())) {
        if (!patterns.isEmpty() && !Filters.matchesAny(patterns, r)) {
          continue;
        }
        (r.digest() == null ? tags : digests).add(r.familiarString());
      }
      if (tags.isEmpty() && digests.isEmpty()) {
        if (!patterns.isEmpty() || Boolean.FALSE.equals(dangling)) {
          continue;
        }
        if (!all && !store.children(s.id()).isEmpty() && refs.references(s.id()).isEmpty()) {
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
      min = Math.min(min, service.require(r).image().createdNanos());
    }
    return min;
  }

  private long sinceOf(List<String> refsOrIds) {
    long max = Long.MIN_VALUE;
    for (String r : refsOrIds) {
      max = Math.max(max, service.require(r).image().createdNanos());
    }
    return max;
  }

  ImageInspect inspect(String nameOrId) {
    StoredImage s = service.require(nameOrId);
    Image img = s.image();
    ImageConfig c = img.config();
    return new ImageInspect(
        s.id(),
        refs.repoTags(s.id()),
        refs.repoDigests(s.id()),
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
      String top = "/var/lib/docker/overlay2/" + LocalImage.cacheId(chains.get(chains.size() - 1));
      if (chains.size() > 1) {
        List<String> lower = new ArrayList<>();
        for (int i = chains.size() - 2; i >= 0; i--) {
          lower.add("/var/lib/docker/overlay2/" + LocalImage.cacheId(chains.get(i)) + "/diff");
        }
        data.put("LowerDir", String.join(":", lower));
      }
      data.put("MergedDir", top + "/merged");
      data.put("UpperDir", top + "/diff");
      data.put("WorkDir", top + "/work");
    }
    return new GraphDriver(data, "overlay2");
  }

  // ---- history -------------------------------------------------------------------------------

  List<HistoryItem> history(String nameOrId) {
    StoredImage s = service.require(nameOrId);
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
      List<String> tags = refs.repoTags(cur.id());
      rows.set(
          i,
          new HistoryItem(
              cur.id(),
              h.created(),
              h.createdBy(),
              tags.isEmpty() ? null : tags,
              h.size(),
              h.comment()));
      cur = cur.parent().isEmpty() ? null : store.stored(cur.parent());
    }
    return rows;
  }

  // ---- search --------------------------------------------------------------------------------

  List<SearchResult> search(String term, int limit, Map<String, List<String>> filters) {
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
    for (SearchResult r : service.registry().search(term)) {
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
}
