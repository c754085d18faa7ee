package dev.ddlab.sim.swarm.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddlab.engine.dto.swarm.Config;
import dev.ddlab.engine.dto.swarm.Endpoint;
import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.Secret;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.Swarm;
import dev.ddlab.engine.dto.swarm.SwarmNetwork;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.engine.dto.swarm.Version;
import dev.ddlab.sim.swarm.TaskState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's state on one manager, as swarmkit's memory store: the cluster object, nodes,
 * services, tasks, networks, secrets and configs, kept as the Engine API objects (a secret with its
 * data, which only the API leaves out), and the nodes' ingress addresses. It changes only by
 * applying committed Raft entries ({@link #apply}), so every manager holds the same store at the
 * same index. Each applied object gets the entry's index as its {@code Version}; a task's observed
 * state never moves backwards (an older status arriving late is dropped, as swarmkit's dispatcher
 * does).
 */
public final class ClusterStore {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Swarm cluster;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, Service> services = new LinkedHashMap<>();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<String, SwarmNetwork> networks = new LinkedHashMap<>();
  private final Map<String, Secret> secrets = new LinkedHashMap<>();
  private final Map<String, Config> configs = new LinkedHashMap<>();
  private final Map<String, String> ingressAddresses = new LinkedHashMap<>();
  private final Map<String, String> loadBalancers = new LinkedHashMap<>();
  private long index;
  private String unlockKey;
  private final List<Runnable> watchers = new ArrayList<>();

  /** Applies a committed batch at {@code commitIndex}. */
  public void apply(long commitIndex, List<StoreAction> actions) {
    index = commitIndex;
    for (StoreAction a : actions) {
      if (a.kind().equals(StoreAction.UNLOCK_KEY)) {
        unlockKey = a.isDelete() ? null : text(a.json());
        continue;
      }
      if (a.kind().equals(StoreAction.LB) || a.kind().equals(StoreAction.NODE_LB)) {
        Map<String, String> m = a.kind().equals(StoreAction.LB) ? ingressAddresses : loadBalancers;
        if (a.isDelete()) {
          m.remove(a.id());
        } else {
          m.put(a.id(), text(a.json()));
        }
        continue;
      }
      if (a.isDelete()) {
        switch (a.kind()) {
          case StoreAction.NODE -> nodes.remove(a.id());
          case StoreAction.SERVICE -> services.remove(a.id());
          case StoreAction.TASK -> tasks.remove(a.id());
          case StoreAction.NETWORK -> networks.remove(a.id());
          case StoreAction.SECRET -> secrets.remove(a.id());
          case StoreAction.CONFIG -> configs.remove(a.id());
          default -> {}
        }
        continue;
      }
      long v = commitIndex;
      byte[] json = a.json();
      try {
        switch (a.kind()) {
          case StoreAction.CLUSTER -> cluster = versioned(JSON.readValue(json, Swarm.class), v);
          case StoreAction.NODE ->
              nodes.put(a.id(), versioned(JSON.readValue(json, Node.class), v));
          case StoreAction.SERVICE -> {
            Service s = versioned(JSON.readValue(json, Service.class), v);
            Service old = services.get(a.id());
            services.put(a.id(), old == null ? s : s.withEndpoint(old.endpoint()));
          }
          case StoreAction.ENDPOINT -> {
            Service old = services.get(a.id());
            if (old != null) {
              services.put(a.id(), old.withEndpoint(JSON.readValue(json, Endpoint.class)));
            }
          }
          case StoreAction.UPDATE_STATUS -> {
            Service s = JSON.readValue(json, Service.class);
            Service old = services.get(a.id());
            if (old != null && java.util.Objects.equals(old.version(), s.version())) {
              services.put(a.id(), old.withUpdateStatus(s.updateStatus()));
            }
          }
          case StoreAction.NETWORK ->
              networks.put(a.id(), versioned(JSON.readValue(json, SwarmNetwork.class), v));
          case StoreAction.SECRET ->
              secrets.put(a.id(), versioned(JSON.readValue(json, Secret.class), v));
          case StoreAction.CONFIG ->
              configs.put(a.id(), versioned(JSON.readValue(json, Config.class), v));
          case StoreAction.NETWORK_ALLOCATION -> {
            if (networks.containsKey(a.id())) {
              networks.put(a.id(), versioned(JSON.readValue(json, SwarmNetwork.class), v));
            }
          }
          case StoreAction.TASK -> {
            Task t = versioned(JSON.readValue(json, Task.class), v);
            Task old = tasks.get(a.id());
            if (old == null
                && !services.containsKey(t.serviceId())
                && !(t.spec() != null && t.spec().isAttachment())) {
              continue; // the service was removed meanwhile
            }
            if (old != null
                && (t.networksAttachments() == null || t.networksAttachments().isEmpty())) {
              t = t.withAttachments(old.networksAttachments()); // the allocator's, given once
            }
            if (old != null
                && TaskState.of(t.status().state()).ordinal()
                    < TaskState.of(old.status().state()).ordinal()) {
              // states only move forward
              t = t.withStatus(t.nodeId(), old.status(), old.updatedAt());
            }
            tasks.put(a.id(), t);
          }
          default -> throw new IllegalStateException("unknown store kind " + a.kind());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    watchers.forEach(Runnable::run);
  }

  /** A text object's text (an ingress address, the unlock key: {@link StoreAction#put}). */
  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Each object kind's canonical constructor, for {@link #versioned}. */
  /** How a record type is rebuilt with another version: its accessors and canonical constructor. */
  private record Rebuild(java.lang.reflect.Method[] accessors, int version, Constructor<?> make) {}

  private static final ClassValue<Rebuild> REBUILD =
      new ClassValue<>() {
        @Override
        protected Rebuild computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          java.lang.reflect.Method[] accessors = new java.lang.reflect.Method[components.length];
          int version = -1;
          for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            if (components[i].getName().equals("version")) {
              version = i;
            }
          }
          Class<?>[] types =
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
          try {
            return new Rebuild(accessors, version, type.getDeclaredConstructor(types));
          } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
          }
        }
      };

  /** {@code object} (an Engine API record with a {@code version}) at the store's {@code index}. */
  @SuppressWarnings("unchecked")
  private static <T extends Record> T versioned(T object, long index) {
    Rebuild r = REBUILD.get(object.getClass());
    Object[] args = new Object[r.accessors().length];
    try {
      for (int i = 0; i < args.length; i++) {
        args[i] = i == r.version() ? new Version(index) : r.accessors()[i].invoke(object);
      }
      return (T) r.make().newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Told after each applied batch (the leader's orchestrator, scheduler and dispatcher). */
  public void watch(Runnable r) {
    watchers.add(r);
  }

  /** The managers' unlock key while autolock is on, or null. */
  public String unlockKey() {
    return unlockKey;
  }

  public long index() {
    return index;
  }

  public Swarm cluster() {
    return cluster;
  }

  public Map<String, Node> nodes() {
    return nodes;
  }

  public Map<String, Service> services() {
    return services;
  }

  public Map<String, Task> tasks() {
    return tasks;
  }

  public Map<String, SwarmNetwork> networks() {
    return networks;
  }

  /** The secrets, by ID, each with its data (the API never returns it). */
  public Map<String, Secret> secrets() {
    return secrets;
  }

  /** The configs, by ID. */
  public Map<String, Config> configs() {
    return configs;
  }

  /** Each node's address on the ingress network, by node ID. */
  public Map<String, String> ingressAddresses() {
    return ingressAddresses;
  }

  /**
   * Each node's address on the overlay networks (ingress aside) it has tasks on, by
   * "NODE_ID/NETWORK_ID" ({@link StoreAction#NODE_LB}).
   */
  public Map<String, String> loadBalancers() {
    return loadBalancers;
  }

  /**
   * Everything the store holds as actions that rebuild it (swarmkit's snapshot restore), with each
   * node passed through {@code node} (force-new-cluster marks the other managers down).
   */
  public List<StoreAction> asActions(java.util.function.UnaryOperator<Node> node) {
    List<StoreAction> out = new ArrayList<>();
    out.add(StoreAction.put(StoreAction.CLUSTER, cluster.id(), cluster));
    nodes.forEach((id, n) -> out.add(StoreAction.put(StoreAction.NODE, id, node.apply(n))));
    networks.forEach((id, n) -> out.add(StoreAction.put(StoreAction.NETWORK, id, n)));
    secrets.forEach((id, x) -> out.add(StoreAction.put(StoreAction.SECRET, id, x)));
    configs.forEach((id, x) -> out.add(StoreAction.put(StoreAction.CONFIG, id, x)));
    ingressAddresses.forEach((id, a) -> out.add(StoreAction.put(StoreAction.LB, id, a)));
    loadBalancers.forEach((id, a) -> out.add(StoreAction.put(StoreAction.NODE_LB, id, a)));
    services.forEach((id, sv) -> out.add(StoreAction.put(StoreAction.SERVICE, id, sv)));
    tasks.forEach((id, t) -> out.add(StoreAction.put(StoreAction.TASK, id, t)));
    if (unlockKey != null) {
      out.add(StoreAction.unlockKey(unlockKey));
    }
    return out;
  }

  public List<Task> tasksOf(String serviceId) {
    return tasks.values().stream().filter(t -> serviceId.equals(t.serviceId())).toList();
  }

  // ---- snapshots and wire ----------------------------------------------------------------------

  /**
   * The whole store as bytes (a Raft snapshot chunk): one JSON object of its parts, written
   * straight from the objects (building it as a Jackson tree first was half of a snapshot's cost).
   */
  public byte[] snapshot() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("Index", index);
    o.put("UnlockKey", unlockKey);
    o.put("Cluster", cluster);
    o.put("Nodes", nodes.values());
    o.put("Services", services.values());
    o.put("Tasks", tasks.values());
    o.put("Networks", networks.values());
    o.put("Secrets", secrets.values());
    o.put("Configs", configs.values());
    o.put("IngressAddresses", ingressAddresses);
    o.put("LoadBalancers", loadBalancers);
    return bytes(o);
  }

  /** Replaces the store by a snapshot's. */
  public void restore(byte[] snapshot) {
    try {
      JsonNode o = JSON.readTree(snapshot);
      index = o.path("Index").asLong();
      unlockKey = o.path("UnlockKey").isTextual() ? o.get("UnlockKey").asText() : null;
      cluster = o.get("Cluster").isNull() ? null : JSON.treeToValue(o.get("Cluster"), Swarm.class);
      nodes.clear();
      services.clear();
      tasks.clear();
      networks.clear();
      secrets.clear();
      configs.clear();
      ingressAddresses.clear();
      loadBalancers.clear();
      for (JsonNode n : o.path("Networks")) {
        SwarmNetwork x = JSON.treeToValue(n, SwarmNetwork.class);
        networks.put(x.id(), x);
      }
      for (JsonNode n : o.path("Secrets")) {
        Secret x = JSON.treeToValue(n, Secret.class);
        secrets.put(x.id(), x);
      }
      for (JsonNode n : o.path("Configs")) {
        Config x = JSON.treeToValue(n, Config.class);
        configs.put(x.id(), x);
      }
      o.path("IngressAddresses")
          .fields()
          .forEachRemaining(e -> ingressAddresses.put(e.getKey(), e.getValue().asText()));
      o.path("LoadBalancers")
          .fields()
          .forEachRemaining(e -> loadBalancers.put(e.getKey(), e.getValue().asText()));
      for (JsonNode n : o.get("Nodes")) {
        Node x = JSON.treeToValue(n, Node.class);
        nodes.put(x.id(), x);
      }
      for (JsonNode n : o.get("Services")) {
        Service x = JSON.treeToValue(n, Service.class);
        services.put(x.id(), x);
      }
      for (JsonNode n : o.get("Tasks")) {
        Task x = JSON.treeToValue(n, Task.class);
        tasks.put(x.id(), x);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    watchers.forEach(Runnable::run);
  }

  static byte[] bytes(Object o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An object from Engine API JSON bytes. */
  public static <T> T read(byte[] json, Class<T> type) {
    return read(json, 0, json.length, type);
  }

  /** An object from the Engine API JSON in {@code bytes[offset, offset + length)}. */
  public static <T> T read(byte[] bytes, int offset, int length, Class<T> type) {
    try {
      return JSON.readValue(bytes, offset, length, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An object as Engine API JSON bytes. */
  public static byte[] write(Object o) {
    return bytes(o);
  }
}
