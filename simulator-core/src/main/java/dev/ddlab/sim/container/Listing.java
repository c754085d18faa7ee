package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.Port;
import dev.ddlab.sim.events.KeptAnswer;
import dev.ddlab.sim.image.LocalImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * moby's daemon/list.go: GET /containers/json (docker ps), newest first, with its filters (name and
 * id as Go regular expressions, status, exited, label, ancestor, network, volume, expose, publish,
 * before and since by creation order). Named Listing because {@code List} is Java's.
 */
final class Listing {
  private static final Set<String> FILTERS =
      Set.of(
          "name",
          "status",
          "ancestor",
          "exited",
          "label",
          "id",
          "before",
          "since",
          "network",
          "volume",
          "publish",
          "expose",
          "health",
          "isolation",
          "is-task");
  private static final Set<String> STATES =
      Set.of("created", "restarting", "running", "removing", "paused", "exited", "dead");

  private final Daemon daemon;

  Listing(Daemon daemon) {
    this.daemon = daemon;
  }

  List<ContainerSummary> list(
      boolean all, int limit, boolean size, Map<String, List<String>> filters) {
    Map<String, List<String>> f = filters == null ? Map.of() : filters;
    for (Map.Entry<String, List<String>> e : f.entrySet()) {
      if (!FILTERS.contains(e.getKey())) {
        throw EngineException.badRequest("invalid filter '" + e.getKey() + "'");
      }
      if (e.getKey().equals("status")) {
        for (String v : e.getValue()) {
          if (!STATES.contains(v)) {
            throw EngineException.badRequest("invalid filter 'status=" + v + "'");
          }
        }
      }
      if (e.getKey().equals("health")) {
        for (String v : e.getValue()) {
          if (!Set.of("starting", "healthy", "unhealthy", "none").contains(v)) {
            throw EngineException.badRequest("Unrecognised filter value for health: " + v);
          }
        }
      }
      if (e.getKey().equals("exited")) {
        for (String v : e.getValue()) {
          if (!v.matches("-?\\d+")) {
            throw EngineException.badRequest(
                "invalid filter 'exited="
                    + v
                    + "': strconv.Atoi: parsing "
                    + dev.ddlab.go.GoStrconv.quote(v)
                    + ": invalid syntax");
          }
        }
      }
    }
    long now = daemon.clock.nowNanos();
    // an unchanged listing is the kept one: nothing it shows has changed (the version) and no
    // duration in it reads otherwise yet (until); -s reads the containers' layers, never kept
    long version = size ? 0 : daemon.listingVersion();
    List<ContainerSummary> same = size ? null : kept.get(new Query(all, limit, f), version, now);
    if (same != null) {
      return same;
    }
    boolean includeStopped = all || limit > 0 || f.containsKey("status");
    long before = Long.MAX_VALUE;
    long since = Long.MIN_VALUE;
    if (f.containsKey("before")) {
      before = daemon.get(f.get("before").get(0)).seq;
    }
    if (f.containsKey("since")) {
      since = daemon.get(f.get("since").get(0)).seq;
    }
    List<Container> ordered = daemon.all();
    Collections.reverse(ordered);
    List<ContainerSummary> out = new ArrayList<>();
    // One image lookup per reference for the whole listing, not one per row.
    Map<String, String> imageIds = new HashMap<>();
    long shared = daemon.network.changes() + daemon.images.version();
    long until = Long.MAX_VALUE;
    for (Container c : ordered) {
      if (!includeStopped && !c.isRunning()) {
        continue;
      }
      if (c.seq >= before || c.seq <= since) {
        continue;
      }
      // no filter, no call: iterating an empty map's entry set allocated an entry set and an
      // iterator per row in some JVMs and not in others (docker ps with 1,000 containers after one
      // rename: 73.3 or 105.3 KB a call, two fresh JVMs)
      if (!f.isEmpty() && !matches(c, f)) {
        continue;
      }
      if (size) {
        out.add(summary(c, true, imageIds, now));
      } else {
        KeptRow row = row(c, shared, imageIds, now);
        out.add(row.summary());
        until = Math.min(until, row.until());
      }
      if (limit > 0 && out.size() >= limit) {
        break;
      }
    }
    if (size) {
      return out;
    }
    return kept.keep(new Query(all, limit, KeptAnswer.frozen(f)), version, now, until, out);
  }

  /**
   * A container's row as the last listing built it: kept while the container's own row version
   * ({@link Container#rowVersion}: its state, name, health, mounts, any event of its own), the
   * network controller's and the image store's counters ({@code shared}: its endpoints and ports,
   * the IMAGE column) are what they were and its STATUS duration reads the same ({@code from} to
   * {@code until}). So after one container changed (a rename, a start) the listing builds that row
   * and hands the others back as the same objects, and {@code docker ps} writes only that row
   * again.
   */
  record KeptRow(long version, long shared, long from, long until, ContainerSummary summary) {}

  private KeptRow row(Container c, long shared, Map<String, String> imageIds, long now) {
    KeptRow kept = c.listedRow;
    if (kept != null
        && kept.version() == c.rowVersion
        && kept.shared() == shared
        && now >= kept.from()
        && now < kept.until()) {
      return kept;
    }
    KeptRow row =
        new KeptRow(
            c.rowVersion, shared, now, c.statusUntil(now), summary(c, false, imageIds, now));
    c.listedRow = row;
    return row;
  }

  /** What a listing was asked for (without sizes, which are never kept). */
  private record Query(boolean all, int limit, Map<String, List<String>> filters) {}

  /*
   * The last listing without sizes, with the daemon's listing version it was made at and the time
   * its first STATUS duration reads otherwise: returned as it is (the same immutable list) while
   * they hold, so that docker ps neither builds a thousand rows nor compares them with its kept
   * table's to learn that nothing changed.
   */
  private final KeptAnswer<ContainerSummary> kept = new KeptAnswer<>();

  private boolean matches(Container c, Map<String, List<String>> f) {
    for (Map.Entry<String, List<String>> e : f.entrySet()) {
      List<String> values = e.getValue();
      boolean ok =
          switch (e.getKey()) {
            case "name" ->
                values.stream()
                    .anyMatch(
                        v ->
                            Containers.regexFind(v, "/" + c.name)
                                || Containers.regexFind(v, c.name));
            case "id" -> values.stream().anyMatch(v -> Containers.regexFind(v, c.id));
            case "status" -> values.contains(c.status.text);
            case "health" -> values.contains(c.health == null ? "none" : c.health.status);
            case "exited" ->
                !c.isRunning()
                    && c.startedNanos != 0
                    && values.stream().anyMatch(v -> Integer.parseInt(v) == c.exitCode);
            case "label" -> Containers.labelsMatch(c.config.labels(), values);
            case "ancestor" -> values.stream().anyMatch(v -> isAncestor(c, v));
            case "network" -> daemon.network.networkNames(c.id).stream().anyMatch(values::contains);
            case "volume" ->
                c.mounts.stream()
                    .anyMatch(m -> values.contains(m.name()) || values.contains(m.destination()));
            case "expose", "publish" -> portFilter(c, values, e.getKey().equals("publish"));
            default -> true;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private boolean portFilter(Container c, List<String> values, boolean published) {
    for (Port p : daemon.network.ports(c.id)) {
      for (String v : values) {
        String port = v.contains("/") ? v.substring(0, v.indexOf('/')) : v;
        String proto = v.contains("/") ? v.substring(v.indexOf('/') + 1) : "tcp";
        Integer n = published ? p.publicPort() : Integer.valueOf(p.privatePort());
        if (n != null && Integer.toString(n).equals(port) && p.type().equals(proto)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean isAncestor(Container c, String ref) {
    if (c.config.image().equals(ref)) {
      return true;
    }
    return daemon.images.find(ref).map(i -> i.id().equals(c.imageId)).orElse(false);
  }

  /**
   * One row. IMAGE is the name the container was created with while it still names the same image,
   * else the image's short ID (the tag has moved on or gone).
   */
  private ContainerSummary summary(
      Container c, boolean size, Map<String, String> imageIds, long now) {
    String image = c.config.image();
    // get and put, not computeIfAbsent: its capturing lambda was a per-row allocation that the JIT
    // removed in some JVMs and not in others
    String current = imageIds.get(image);
    if (current == null) {
      current = daemon.images.find(image).map(LocalImage::id).orElse("");
      imageIds.put(image, current);
    }
    if (!current.equals(c.imageId)) {
      String hex = c.imageId.startsWith("sha256:") ? c.imageId.substring(7) : c.imageId;
      image = hex.substring(0, Math.min(12, hex.length()));
    }
    Map<String, EndpointSettings> nets = daemon.network.summaryNetworks(c.id);
    Map<String, String> labels = c.config.labels();
    // Names, Labels and HostConfig are the same objects from one listing to the next while they do
    // not change: docker ps's kept table (OutputCache) then compares them by identity instead of
    // through AbstractMap.equals, whose profile every map of the JVM shares (it allocated an entry
    // set, an iterator and an entry per map per row, a fifth of what the listing allocated)
    return new ContainerSummary(
        c.id,
        c.listedNames(),
        image,
        c.imageId,
        c.command(),
        c.createdNanos / 1_000_000_000L,
        daemon.network.ports(c.id),
        size ? c.rootFs.sizeRw() : null,
        size ? c.rootFs.sizeRootFs() : null,
        labels == null || labels.isEmpty() ? Map.of() : labels,
        c.status.text,
        c.statusText(now),
        hostConfigSummary(Containers.networkMode(c.hostConfig)),
        Map.of("Networks", nets),
        c.mounts);
  }

  // the HostConfig of a ps row by network mode: a handful of modes, one map each
  private final Map<String, Map<String, String>> hostConfigs = new HashMap<>();

  private Map<String, String> hostConfigSummary(String networkMode) {
    Map<String, String> m = hostConfigs.get(networkMode);
    if (m == null) {
      m = Map.of("NetworkMode", networkMode);
      if (hostConfigs.size() < 64) { // container:ID modes are one per container: keep a few only
        hostConfigs.put(networkMode, m);
      }
    }
    return m;
  }
}
