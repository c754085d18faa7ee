package dev.ddlab.bridge.guard;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.Lookup;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.EndpointSettings;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.Volume;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every guarded part shares: the daemon behind the guard, the session's policy, the labels it
 * writes and reads, what it tracks (networks and volumes it made, the tags it wrote in the daemon's
 * {@link TagOwners}), and the lookups that resolve a learner's reference among the session's own
 * objects only — another session's object answers Docker's own 404, as if it did not exist — plus
 * the refusal wording.
 */
final class GuardSession {
  static final String PREFIX = "ddlab (chế độ an toàn): ";
  static final Set<String> BUILTIN_NETWORKS = Set.of("bridge", "host", "none");

  final Engine inner;
  final GuardPolicy policy;
  final String owner;
  final TagOwners tags;

  /** The session's names on the daemon ({@code <name>.<suffix>}) and what it reads back. */
  final SessionNames names;

  final Set<String> networkIds = new LinkedHashSet<>();
  final Set<String> volumeNames = new LinkedHashSet<>();

  /**
   * Volumes the daemon made for the session's containers (anonymous: {@code -v /data}, an image's
   * {@code VOLUME}). The guard asks for them with the session's labels ({@link CreateCheck}), but
   * not with {@code --volumes-from}; the session knows them by name too: its own to list, inspect,
   * mount, remove and prune, counted once in its cap, removed at its end.
   */
  final Set<String> anonymousVolumes = new LinkedHashSet<>();

  /** Image IDs a load created without a tag: removed (if unused) at the end. */
  final Set<String> loadedIds = new LinkedHashSet<>();

  GuardSession(Engine inner, GuardPolicy policy) {
    this.inner = inner;
    this.policy = policy;
    this.owner = ownerOfThisProcess();
    this.tags = TagOwners.of(inner.host());
    this.names = new SessionNames(policy.sessionId());
  }

  /** "hostname:pid" of this JVM, the owner written on every object. */
  static String ownerOfThisProcess() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + ":" + ProcessHandle.current().pid();
  }

  static EngineException refused(String text) {
    return new EngineException(403, PREFIX + text);
  }

  String id() {
    return policy.sessionId();
  }

  // ---- labels ------------------------------------------------------------------------------

  /**
   * {@code labels} plus the session's and the owner's (a learner's own value cannot replace them).
   */
  Map<String, String> labelled(Map<String, String> labels) {
    Map<String, String> out = new LinkedHashMap<>();
    if (labels != null) {
      out.putAll(labels);
    }
    out.put(GuardedEngine.SESSION_LABEL, id());
    out.put(GuardedEngine.OWNER_LABEL, owner);
    return out;
  }

  boolean mine(Map<String, String> labels) {
    return labels != null && id().equals(labels.get(GuardedEngine.SESSION_LABEL));
  }

  /** Labelled by another guarded session. */
  boolean anothers(Map<String, String> labels) {
    return labels != null
        && labels.containsKey(GuardedEngine.SESSION_LABEL)
        && !id().equals(labels.get(GuardedEngine.SESSION_LABEL));
  }

  /** {@code filters} narrowed to this session's label. */
  Map<String, List<String>> withSessionFilter(Map<String, List<String>> filters) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (filters != null) {
      filters.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    }
    out.computeIfAbsent("label", k -> new ArrayList<>())
        .add(GuardedEngine.SESSION_LABEL + "=" + id());
    return out;
  }

  // ---- containers --------------------------------------------------------------------------

  /**
   * The full ID of the session's container that {@code ref} names (full ID, name, unique ID prefix
   * — resolved among the session's containers only, so another session's container, or an ID prefix
   * it shares, is never reached); otherwise Docker's own 404.
   */
  String ownContainerId(String ref) {
    List<ContainerSummary> mine = inner.containers().list(true, 0, false, withSessionFilter(null));
    Optional<ContainerSummary> found;
    try {
      found =
          Lookup.find(
              mine,
              ContainerSummary::id,
              c ->
                  c.names() == null
                      ? List.of()
                      : c.names().stream().map(n -> names.shown(bare(n))).toList(),
              ref.startsWith("/") ? ref.substring(1) : ref);
    } catch (Lookup.AmbiguousPrefix e) {
      throw EngineException.badRequest(e.getMessage());
    }
    return found
        .map(ContainerSummary::id)
        .orElseThrow(() -> EngineException.notFound("No such container: " + ref));
  }

  private static String bare(String name) {
    return name.startsWith("/") ? name.substring(1) : name;
  }

  /** The session's container that {@code ref} names, inspected; otherwise Docker's own 404. */
  ContainerInspect ownContainer(String ref) {
    return ownContainer(ref, false);
  }

  /** {@link #ownContainer(String)} with the sizes when {@code size}. */
  ContainerInspect ownContainer(String ref, boolean size) {
    String id = ownContainerId(ref);
    try {
      return inner.containers().inspect(id, size);
    } catch (EngineException e) {
      if (e.isNotFound()) {
        throw EngineException.notFound("No such container: " + ref);
      }
      throw e;
    }
  }

  // ---- networks ----------------------------------------------------------------------------

  /**
   * The network {@code ref} names among those the session may see — its own and the built-in
   * bridge, host and none — by full ID, name or unique ID prefix; otherwise Docker's own 404.
   */
  Network visibleNetwork(String ref) {
    List<Network> visible =
        inner.networks().list(Map.of()).stream()
            .filter(n -> mine(n.labels()) || BUILTIN_NETWORKS.contains(n.name()))
            .toList();
    Optional<Network> found;
    try {
      found = Lookup.find(visible, Network::id, n -> List.of(names.shown(n.name())), ref);
    } catch (Lookup.AmbiguousPrefix e) {
      throw EngineException.badRequest(
          "network "
              + ref
              + " is ambiguous ("
              + e.matches()
              + " matches found based on ID prefix)");
    }
    return found.orElseThrow(() -> EngineException.notFound("network " + ref + " not found"));
  }

  /** Whether {@code n} is the daemon's host network (whatever it is called or referred to by). */
  static boolean isHost(Network n) {
    return "host".equals(n.name()) || "host".equals(n.driver());
  }

  static EngineException hostNetworkRefused() {
    return refused("--network host bị chặn: container sẽ dùng thẳng mạng của máy chủ.");
  }

  /** A network a container of the session may join: its own, bridge or none — never host. */
  Network joinableNetwork(String ref) {
    if ("host".equals(ref)) {
      throw hostNetworkRefused(); // before asking the daemon anything
    }
    Network n = visibleNetwork(ref);
    if (isHost(n)) {
      throw hostNetworkRefused();
    }
    return n;
  }

  // ---- volumes -----------------------------------------------------------------------------

  /**
   * The volume if it is this session's: the one it named {@code name} (the daemon's {@code
   * <name>.<suffix>}), or one the daemon named (an anonymous volume); otherwise Docker's own 404.
   */
  Volume ownVolume(String name) {
    return volume(name)
        .orElseThrow(() -> EngineException.notFound("get " + name + ": no such volume"));
  }

  /** The session's volume {@code name}, if it exists. */
  Optional<Volume> volume(String name) {
    for (String real : List.of(names.real(name), name)) {
      try {
        Volume v = inner.volumes().inspect(real);
        if (mine(v.labels()) || anonymousVolumes.contains(v.name())) {
          return Optional.of(v);
        }
      } catch (EngineException e) {
        if (!e.isNotFound()) {
          throw e;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * {@code endpoint} with the container's name as an alias when the network is the session's own:
   * the daemon knows the container as {@code <name>.<suffix>}, the session's DNS lookups ask for
   * {@code <name>}. Other networks (bridge) have no DNS by name.
   */
  EndpointSettings aliased(Network network, String containerName, EndpointSettings endpoint) {
    if (containerName == null || containerName.isEmpty() || !mine(network.labels())) {
      return endpoint;
    }
    String alias = names.shown(bare(containerName));
    if (endpoint == null) {
      return EndpointSettings.request(null, List.of(alias));
    }
    EndpointSettings e = endpoint;
    List<String> aliases = new ArrayList<>(e.aliases() == null ? List.of() : e.aliases());
    if (aliases.contains(alias)) {
      return e;
    }
    aliases.add(alias);
    return e.with(e.links(), aliases);
  }

  // ---- images and tags ---------------------------------------------------------------------

  /** Whether the session may see this tag: a shared one, or one it wrote. */
  boolean tagVisible(String tag) {
    String who = tags.owner(ImageRef.familiar(tag));
    return who == null || who.equals(id());
  }

  boolean ownsTag(String tag) {
    return id().equals(tags.owner(ImageRef.familiar(tag)));
  }

  /**
   * The image {@code ref} names, if the session may see it: not committed by another session, and,
   * when named by a tag, not a tag another session wrote; otherwise the daemon's 404 wording. An
   * absent image is the daemon's own 404.
   */
  ImageInspect visibleImage(String ref) {
    ImageInspect img = inner.images().inspect(ref);
    if (!visible(img, ref)) {
      throw noSuchImage(ref);
    }
    return img;
  }

  boolean visible(ImageInspect img, String ref) {
    if (img.config() != null && anothers(img.config().labels())) {
      return false;
    }
    if (ImageRef.isDigest(ref)) {
      return true;
    }
    String tag = ImageRef.familiar(ref);
    boolean byTag = img.repoTags() != null && img.repoTags().contains(tag);
    return !byTag || tagVisible(tag);
  }

  /** The daemon's 404 for an image it does not have, worded for the reference's form. */
  static EngineException noSuchImage(String ref) {
    String shown;
    if (ref.startsWith("sha256:") || ImageRef.isDigest(ref)) {
      shown = ref;
    } else if (ref.matches("[0-9a-f]{64}")) {
      shown = "sha256:" + ref;
    } else {
      shown = ImageRef.familiar(ref);
    }
    return EngineException.notFound("No such image: " + shown);
  }

  /** {@code repoTags} without the tags other sessions wrote. */
  List<String> visibleTags(List<String> repoTags) {
    return repoTags == null ? null : repoTags.stream().filter(this::tagVisible).toList();
  }

  /**
   * Refuses a write of {@code tag} (tag, commit, load, pull) when it exists on the daemon and is
   * not the session's: a shared tag or another session's would be overwritten for everyone.
   *
   * @return whether the tag exists already (then it is the session's own)
   */
  boolean checkTagWrite(String tag) {
    String familiar = ImageRef.familiar(tag);
    if (ownsTag(familiar)) {
      return true;
    }
    try {
      inner.images().inspect(familiar);
    } catch (EngineException e) {
      if (e.isNotFound()) {
        return false;
      }
      throw e;
    }
    throw refused(
        "tên "
            + familiar
            + " đã có trên máy chủ dùng chung và không phải của phiên này; ghi đè nó sẽ đổi image"
            + " của mọi người. Hãy chọn tên khác.");
  }

  void claimTag(String tag) {
    tags.claim(ImageRef.familiar(tag), id());
  }

  void releaseTag(String tag) {
    tags.release(ImageRef.familiar(tag));
  }

  /**
   * Records the volumes the daemon made for the session's new container {@code id} (every volume
   * mount that is not one of the session's named volumes), so that they are the session's.
   */
  void adoptAnonymousVolumes(String id) {
    List<dev.ddlab.engine.dto.MountPoint> mounts = inner.containers().inspect(id).mounts();
    for (dev.ddlab.engine.dto.MountPoint m :
        mounts == null ? List.<dev.ddlab.engine.dto.MountPoint>of() : mounts) {
      if ("volume".equals(m.type()) && m.name() != null && !volumeNames.contains(m.name())) {
        anonymousVolumes.add(m.name());
      }
    }
  }

  /** Forgets anonymous volumes that no longer exist (removed with their container by rm -v). */
  void forgetRemovedAnonymousVolumes() {
    anonymousVolumes.removeIf(
        name -> {
          try {
            inner.volumes().inspect(name);
            return false;
          } catch (EngineException e) {
            return e.isNotFound();
          }
        });
  }

  // ---- the object cap ----------------------------------------------------------------------

  /** Refuses a new container, network or volume when the session owns its maximum already. */
  void checkCap() {
    checkCap(1);
  }

  /** Refuses {@code adding} new objects when they would take the session over its maximum. */
  void checkCap(int adding) {
    Map<String, List<String>> f = withSessionFilter(null);
    Set<String> volumes = new LinkedHashSet<>(anonymousVolumes);
    inner.volumes().list(f).forEach(v -> volumes.add(v.name()));
    int count =
        inner.containers().list(true, 0, false, f).size()
            + inner.networks().list(f).size()
            + volumes.size();
    if (count + adding > policy.maxObjects()) {
      throw refused(
          "phiên này đã có "
              + policy.maxObjects()
              + " đối tượng (container, network, volume), là giới hạn cho phép; hãy xoá bớt"
              + " (docker rm, docker network rm, docker volume rm) rồi thử lại.");
    }
  }
}
