package dev.ddlab.bridge.guard;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.Network;
import dev.ddlab.engine.dto.Volume;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every guarded part shares: the daemon behind the guard, the session's policy, the labels it
 * writes and reads, what it tracks in memory (tags, networks, volumes it made), the ownership
 * checks that answer Docker's own 404 for another session's objects, and the refusal wording.
 */
final class GuardSession {
  static final String PREFIX = "ddlab (chế độ an toàn): ";
  static final Set<String> BUILTIN_NETWORKS = Set.of("bridge", "host", "none");

  final Engine inner;
  final GuardPolicy policy;
  final String owner;
  final Set<String> taggedImages = new LinkedHashSet<>();
  final Set<String> networkIds = new LinkedHashSet<>();
  final Set<String> volumeNames = new LinkedHashSet<>();

  GuardSession(Engine inner, GuardPolicy policy) {
    this.inner = inner;
    this.policy = policy;
    this.owner = ownerOfThisProcess();
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

  /** {@code labels} plus the session's and the owner's. */
  Map<String, String> labelled(Map<String, String> labels) {
    Map<String, String> out = new LinkedHashMap<>();
    if (labels != null) {
      out.putAll(labels);
    }
    out.put(GuardedEngine.SESSION_LABEL, policy.sessionId());
    out.put(GuardedEngine.OWNER_LABEL, owner);
    return out;
  }

  boolean mine(Map<String, String> labels) {
    return labels != null && policy.sessionId().equals(labels.get(GuardedEngine.SESSION_LABEL));
  }

  /** {@code filters} narrowed to this session's label. */
  Map<String, List<String>> withSessionFilter(Map<String, List<String>> filters) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (filters != null) {
      filters.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    }
    out.computeIfAbsent("label", k -> new ArrayList<>())
        .add(GuardedEngine.SESSION_LABEL + "=" + policy.sessionId());
    return out;
  }

  /** The container if it belongs to this session; otherwise Docker's own 404. */
  ContainerInspect ownContainer(String idOrName) {
    ContainerInspect c;
    try {
      c = inner.containers().inspect(idOrName);
    } catch (EngineException e) {
      if (e.isNotFound()) {
        throw EngineException.notFound("No such container: " + idOrName);
      }
      throw e;
    }
    if (c.config() == null || !mine(c.config().labels())) {
      throw EngineException.notFound("No such container: " + idOrName);
    }
    return c;
  }

  /** The network if it is this session's (or, when allowed, a built-in one); otherwise a 404. */
  Network ownNetwork(String idOrName, boolean allowBuiltin) {
    Network n;
    try {
      n = inner.networks().inspect(idOrName);
    } catch (EngineException e) {
      if (e.isNotFound()) {
        throw EngineException.notFound("network " + idOrName + " not found");
      }
      throw e;
    }
    if (mine(n.labels()) || (allowBuiltin && BUILTIN_NETWORKS.contains(n.name()))) {
      return n;
    }
    throw EngineException.notFound("network " + idOrName + " not found");
  }

  /** The volume if it is this session's; otherwise Docker's own 404. */
  Volume ownVolume(String name) {
    Volume v;
    try {
      v = inner.volumes().inspect(name);
    } catch (EngineException e) {
      if (e.isNotFound()) {
        throw EngineException.notFound("get " + name + ": no such volume");
      }
      throw e;
    }
    if (!mine(v.labels())) {
      throw EngineException.notFound("get " + name + ": no such volume");
    }
    return v;
  }

  /** Refuses a new container, network or volume when the session owns its maximum already. */
  void checkCap() {
    Map<String, List<String>> f = withSessionFilter(null);
    int count =
        inner.containers().list(true, 0, false, f).size()
            + inner.networks().list(f).size()
            + inner.volumes().list(f).size();
    if (count >= policy.maxObjects()) {
      throw refused(
          "phiên này đã có "
              + policy.maxObjects()
              + " đối tượng (container, network, volume), là giới hạn cho phép; hãy xoá bớt"
              + " (docker rm, docker network rm, docker volume rm) rồi thử lại.");
    }
  }
}
