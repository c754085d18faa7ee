package dev.ddlab.sim.swarm;

import dev.ddlab.engine.ConfigsApi;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.NodesApi;
import dev.ddlab.engine.SecretsApi;
import dev.ddlab.engine.ServicesApi;
import dev.ddlab.engine.SwarmApi;
import dev.ddlab.engine.SwarmErrors;
import dev.ddlab.engine.TasksApi;
import dev.ddlab.engine.dto.LogFrame;
import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.Mount;
import dev.ddlab.engine.dto.swarm.ContainerSpec;
import dev.ddlab.engine.dto.swarm.Endpoint;
import dev.ddlab.engine.dto.swarm.EndpointSpec;
import dev.ddlab.engine.dto.swarm.ManagerStatus;
import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.NodeSpec;
import dev.ddlab.engine.dto.swarm.ReplicatedService;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.ServiceCreateResponse;
import dev.ddlab.engine.dto.swarm.ServiceMode;
import dev.ddlab.engine.dto.swarm.ServiceSpec;
import dev.ddlab.engine.dto.swarm.ServiceStatus;
import dev.ddlab.engine.dto.swarm.ServiceUpdateOptions;
import dev.ddlab.engine.dto.swarm.ServiceUpdateResponse;
import dev.ddlab.engine.dto.swarm.Swarm;
import dev.ddlab.engine.dto.swarm.SwarmInitRequest;
import dev.ddlab.engine.dto.swarm.SwarmJoinRequest;
import dev.ddlab.engine.dto.swarm.SwarmSpec;
import dev.ddlab.engine.dto.swarm.SwarmUpdateFlags;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.engine.dto.swarm.TaskLogFrame;
import dev.ddlab.engine.dto.swarm.UnlockKeyResponse;
import dev.ddlab.go.GoStrconv;
import dev.ddlab.sim.swarm.orchestrator.Orchestrator;
import dev.ddlab.sim.swarm.raft.Member;
import dev.ddlab.sim.swarm.store.ClusterStore;
import dev.ddlab.sim.swarm.store.StoreAction;
import io.microraft.RaftEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The Engine API's Swarm parts as one simulated node answers them (moby's {@code daemon/cluster}:
 * swarm.go, nodes.go, services.go, tasks.go, secrets.go, configs.go): reads from the leader's
 * store, writes proposed through the leader and awaited until committed.
 */
public final class SwarmApis {
  private final SwarmNode node;
  private final SwarmSecrets objects;

  /** /secrets (the store's secrets, never with their data). */
  public final SecretsApi secrets;

  /** /configs. */
  public final ConfigsApi configs;

  public SwarmApis(SwarmNode node) {
    this.node = node;
    this.objects = new SwarmSecrets(node);
    this.secrets = objects.secrets;
    this.configs = objects.configs;
  }

  // ---- lookups ----------------------------------------------------------------------------------

  /**
   * By full ID, else by name, else by ID prefix, as moby's getNode/getService: the first way that
   * matches anything decides, and more than one match there is ambiguous.
   */
  static <T> T find(Map<String, T> all, String ref, Function<T, String> name, String kind) {
    if (all.containsKey(ref)) {
      return all.get(ref);
    }
    List<T> matches = all.values().stream().filter(v -> ref.equals(name.apply(v))).toList();
    if (matches.isEmpty() && !ref.isEmpty()) {
      matches =
          all.entrySet().stream()
              .filter(e -> e.getKey().startsWith(ref))
              .map(Map.Entry::getValue)
              .toList();
    }
    if (matches.size() > 1) {
      throw new EngineException(
          400, kind + " " + ref + " is ambiguous (" + matches.size() + " matches found)");
    }
    if (matches.isEmpty()) {
      throw new EngineException(404, kind + " " + ref + " not found");
    }
    return matches.get(0);
  }

  /** The mount types swarmkit's {@code api.Mount_MountType} names (Docker 24). */
  private static final List<String> SWARM_MOUNT_TYPES =
      List.of("BIND", "VOLUME", "TMPFS", "NPIPE", "CLUSTER");

  /**
   * dockerd's conversion of a service's spec for swarmkit (moby {@code daemon/cluster/convert},
   * {@code containerToGRPC}): a mount type swarmkit has no value for is an invalid parameter, and
   * nothing is stored. docker/cli passes any {@code type=} on.
   */
  static void checkMountTypes(ServiceSpec spec) {
    ContainerSpec c = spec.taskTemplate() == null ? null : spec.taskTemplate().containerSpec();
    if (c == null || c.mounts() == null) {
      return;
    }
    for (Mount m : c.mounts()) {
      String type = m.type() == null ? "" : m.type();
      if (!type.isEmpty() && !SWARM_MOUNT_TYPES.contains(type.toUpperCase(Locale.ROOT))) {
        throw EngineException.badRequest("invalid MountType: " + GoStrconv.quote(type));
      }
    }
  }

  /** {@code restartPolicyToGRPC}: a restart condition swarmkit has no value for (empty is any). */
  static void checkRestartCondition(ServiceSpec spec) {
    var p = spec.taskTemplate() == null ? null : spec.taskTemplate().restartPolicy();
    String c = p == null || p.condition() == null ? "" : p.condition();
    if (!List.of("", "none", "on-failure", "any").contains(c)) {
      throw EngineException.badRequest("invalid RestartCondition: " + GoStrconv.quote(c));
    }
  }

  private static boolean matches(Map<String, List<String>> filters, String key, String... values) {
    List<String> want = filters == null ? null : filters.get(key);
    if (want == null || want.isEmpty()) {
      return true;
    }
    for (String w : want) {
      for (String v : values) {
        if (v != null && (v.equals(w) || (key.equals("id") && v.startsWith(w)))) {
          return true;
        }
      }
    }
    return false;
  }

  // ---- /swarm -----------------------------------------------------------------------------------

  public final SwarmApi swarm =
      new SwarmApi() {
        @Override
        public Swarm inspect() {
          return dev.ddlab.sim.swarm.dispatcher.CaRotation.withProgress(
              node.store().cluster(), node.store().nodes().values());
        }

        @Override
        public String init(SwarmInitRequest request) {
          return node.init(request);
        }

        @Override
        public void join(SwarmJoinRequest request) {
          node.join(request);
        }

        @Override
        public void leave(boolean force) {
          node.leave(force);
        }

        @Override
        public void update(SwarmSpec spec, SwarmUpdateFlags flags) {
          node.update(spec, flags);
        }

        @Override
        public UnlockKeyResponse unlockKey() {
          return new UnlockKeyResponse(node.unlockKey());
        }

        @Override
        public void unlock(String unlockKey) {
          node.unlock(unlockKey);
        }
      };

  // ---- /nodes -----------------------------------------------------------------------------------

  /** A node as the API shows it: the leader flag and reachability as the Raft members see them. */
  private Node view(Node n) {
    if (n.managerStatus() == null) {
      return n;
    }
    RaftEndpoint leader = node.leader().raft().leader();
    boolean isLeader = leader != null && ((Member) leader).id().equals(n.id());
    SwarmNode other = null;
    for (SwarmNode s : clusterNodes()) {
      if (n.id().equals(s.nodeId())) {
        other = s;
      }
    }
    boolean reachable =
        other != null
            && other.manager() != null
            && node.cluster().underlay().reachable(node.address(), other.address());
    return n.withManagerStatus(
        new ManagerStatus(
            isLeader, reachable ? "reachable" : "unreachable", n.managerStatus().addr()));
  }

  private SwarmNode byNodeId(String id) {
    for (SwarmNode s : clusterNodes()) {
      if (id.equals(s.nodeId())) {
        return s;
      }
    }
    return null;
  }

  private List<SwarmNode> clusterNodes() {
    return node.cluster().nodes();
  }

  public final NodesApi nodes =
      new NodesApi() {
        @Override
        public List<Node> list(Map<String, List<String>> filters) {
          List<Node> out = new ArrayList<>();
          for (Node n : node.store().nodes().values()) {
            if (matches(filters, "id", n.id())
                && matches(filters, "name", n.description().hostname())
                && matches(filters, "role", n.spec().role())
                && matches(filters, "membership", "accepted")) {
              out.add(view(n));
            }
          }
          return out;
        }

        @Override
        public Node inspect(String idOrName) {
          String ref = "self".equals(idOrName) ? node.nodeId() : idOrName;
          return view(find(node.store().nodes(), ref, n -> n.description().hostname(), "node"));
        }

        @Override
        public void update(String id, long version, NodeSpec spec) {
          Node n = find(node.store().nodes(), id, x -> x.description().hostname(), "node");
          if (version != 0 && n.version() != null && version != n.version().index()) {
            throw new EngineException(
                500, "rpc error: code = Unknown desc = update out of sequence");
          }
          if ("worker".equals(spec.role()) && "manager".equals(n.spec().role())) {
            long managers =
                node.store().nodes().values().stream()
                    .filter(x -> "manager".equals(x.spec().role()))
                    .count();
            if (managers <= 1) {
              throw new EngineException(
                  400,
                  "rpc error: code = FailedPrecondition desc = attempting to demote the last"
                      + " manager of the swarm");
            }
          }
          ManagerStatus ms = n.managerStatus();
          SwarmNode demoted = null;
          if (spec.role() != null && !spec.role().equals(n.spec().role())) {
            SwarmNode target = byNodeId(n.id());
            if (target == null || target.nodeId() == null || "down".equals(n.status().state())) {
              throw new EngineException(
                  400,
                  "rpc error: code = FailedPrecondition desc = node "
                      + n.id()
                      + " is down and cannot change role");
            }
            if ("manager".equals(spec.role())) {
              target.promote(node.leader());
              ms = new ManagerStatus(false, "reachable", target.address() + ":" + SwarmNode.PORT);
            } else {
              demoted = target;
              ms = null;
            }
          }
          node.write(
              List.of(StoreAction.put(StoreAction.NODE, n.id(), n.withSpec(spec, node.now(), ms))));
          if (demoted != null) {
            // Written first: the node serving this request may be the one leaving the group.
            demoted.demote(node.leader());
          }
        }

        @Override
        public void remove(String id, boolean force) {
          Node n = find(node.store().nodes(), id, x -> x.description().hostname(), "node");
          if ("manager".equals(n.spec().role())) {
            throw new EngineException(
                400,
                "rpc error: code = FailedPrecondition desc = node "
                    + n.id()
                    + " is a cluster manager and is a member of the raft cluster. It must be"
                    + " demoted to worker before removal");
          }
          if (!force && !"down".equals(n.status().state())) {
            throw new EngineException(
                400,
                "rpc error: code = FailedPrecondition desc = node "
                    + n.id()
                    + " is not down and can't be removed");
          }
          node.write(List.of(StoreAction.delete(StoreAction.NODE, n.id())));
        }
      };

  // ---- /services --------------------------------------------------------------------------------

  private Service find(String ref) {
    return find(node.store().services(), ref, s -> s.spec().name(), "service");
  }

  public final ServicesApi services =
      new ServicesApi() {
        @Override
        public List<Service> list(Map<String, List<String>> filters, boolean status) {
          ClusterStore store = node.store();
          List<Service> out = new ArrayList<>();
          for (Service s : store.services().values()) {
            if (!matches(filters, "id", s.id())
                || !matches(filters, "name", s.spec().name())
                || !SwarmSecrets.labelled(filters, s.spec().labels())) {
              continue;
            }
            out.add(status ? withStatus(s, store) : s);
          }
          return out;
        }

        @Override
        public Service inspect(String idOrName, boolean insertDefaults) {
          return find(idOrName);
        }

        @Override
        public ServiceCreateResponse create(ServiceSpec spec) {
          ClusterStore store = node.store();
          // moby's CreateService: networks resolved, the spec converted for swarmkit, then
          // swarmkit's own checks (the name)
          spec = SwarmNetworks.resolve(node, spec);
          checkMountTypes(spec);
          checkRestartCondition(spec);
          String name = spec.name() == null || spec.name().isEmpty() ? null : spec.name();
          if (name != null
              && store.services().values().stream().anyMatch(s -> name.equals(s.spec().name()))) {
            throw new EngineException(
                409,
                "rpc error: code = AlreadyExists desc = name conflicts with an existing object:"
                    + " service "
                    + name
                    + " already exists");
          }
          objects.checkReferences(spec);
          String id = Ids.newId(node.random());
          ServiceSpec full =
              new ServiceSpec(
                  name == null
                      ? new dev.ddlab.sim.container.NameGenerator(node.random())
                          .next(
                              n ->
                                  store.services().values().stream()
                                      .anyMatch(x -> n.equals(x.spec().name())))
                      : name,
                  spec.labels() == null ? Map.of() : spec.labels(),
                  spec.taskTemplate(),
                  withDefaultReplicas(spec.mode()),
                  spec.updateConfig(),
                  spec.rollbackConfig(),
                  spec.endpointSpec());
          String ts = node.now();
          Service s =
              new Service(
                  id,
                  null,
                  ts,
                  ts,
                  full,
                  null,
                  new Endpoint(new EndpointSpec("vip", null), null, null),
                  null,
                  null);
          node.write(List.of(StoreAction.put(StoreAction.SERVICE, id, s)));
          return new ServiceCreateResponse(id, null);
        }

        @Override
        public ServiceUpdateResponse update(
            String id, ServiceSpec spec, ServiceUpdateOptions options) {
          Service s = find(id);
          if (options != null
              && options.version() != 0
              && s.version() != null
              && options.version() != s.version().index()) {
            throw new EngineException(
                500, "rpc error: code = Unknown desc = update out of sequence");
          }
          ServiceSpec next = SwarmNetworks.resolve(node, spec);
          checkMountTypes(next);
          checkRestartCondition(next);
          if (next.mode() != withDefaultReplicas(next.mode())) {
            next =
                new ServiceSpec(
                    next.name(),
                    next.labels(),
                    next.taskTemplate(),
                    withDefaultReplicas(next.mode()),
                    next.updateConfig(),
                    next.rollbackConfig(),
                    next.endpointSpec());
          }
          objects.checkReferences(next);
          ServiceSpec previous = s.spec();
          // swarmkit's UpdateService: a new spec clears the last update's status, a rollback
          // starts one
          dev.ddlab.engine.dto.swarm.UpdateStatus status = null;
          if (options != null && "previous".equals(options.rollback())) {
            if (s.previousSpec() == null) {
              throw new EngineException(
                  500,
                  "rpc error: code = FailedPrecondition desc = service "
                      + s.id()
                      + " does not have a previous spec");
            }
            next = s.previousSpec();
            status =
                new dev.ddlab.engine.dto.swarm.UpdateStatus(
                    "rollback_started", node.now(), null, "manually requested rollback");
          }
          node.write(
              List.of(
                  StoreAction.put(
                      StoreAction.SERVICE,
                      s.id(),
                      new Service(
                          s.id(),
                          s.version(),
                          s.createdAt(),
                          node.now(),
                          next,
                          previous,
                          s.endpoint(),
                          status,
                          null))));
          return new ServiceUpdateResponse(null);
        }

        @Override
        public void remove(String idOrName) {
          Service s = find(idOrName);
          node.write(List.of(StoreAction.delete(StoreAction.SERVICE, s.id())));
        }

        @Override
        public List<TaskLogFrame> logs(String idOrName, LogsOptions options) {
          Service s = find(idOrName);
          List<Task> ts = new ArrayList<>(node.store().tasksOf(s.id()));
          ts.sort(
              Comparator.comparingInt(Task::slot)
                  .thenComparingLong(t -> dev.ddlab.go.GoTime.parseRfc3339(t.createdAt())));
          List<TaskLogFrame> out = new ArrayList<>();
          for (Task t : ts) {
            SwarmNode on = t.nodeId() == null ? null : byNodeId(t.nodeId());
            if (on == null
                || t.status().containerStatus() == null
                || t.status().containerStatus().containerId() == null) {
              continue;
            }
            // swarmkit's log broker asks the task's node; here its engine answers directly.
            List<LogFrame> frames;
            try {
              frames =
                  on.engine()
                      .containers()
                      .logs(t.status().containerStatus().containerId(), options);
            } catch (EngineException e) {
              continue;
            }
            Map<String, String> details = new java.util.LinkedHashMap<>();
            details.put("com.docker.swarm.node.id", t.nodeId());
            details.put("com.docker.swarm.service.id", s.id());
            details.put("com.docker.swarm.task.id", t.id());
            for (LogFrame f : frames) {
              out.add(new TaskLogFrame(f.stream(), f.time(), f.text(), details));
            }
          }
          return out;
        }

        @Override
        public void waitFor(Duration d) {
          node.clock().advance(d);
        }
      };

  /** moby's service conversion: no mode is one replica, a replicated mode without a count too. */
  private static ServiceMode withDefaultReplicas(ServiceMode m) {
    if (m == null || (m.replicated() != null && m.replicated().replicas() == null)) {
      return new ServiceMode(new ReplicatedService(1L), null);
    }
    return m;
  }

  private static Service withStatus(Service s, ClusterStore store) {
    long running = 0;
    long desired = 0;
    for (Task t : store.tasksOf(s.id())) {
      if (!"running".equals(t.desiredState())) {
        continue;
      }
      desired++;
      Node n = t.nodeId() == null ? null : store.nodes().get(t.nodeId());
      if ("running".equals(t.status().state()) && n != null && !"down".equals(n.status().state())) {
        running++;
      }
    }
    if (s.spec().mode() != null
        && s.spec().mode().replicated() != null
        && s.spec().mode().replicated().replicas() != null) {
      desired = s.spec().mode().replicated().replicas();
    }
    return new Service(
        s.id(),
        s.version(),
        s.createdAt(),
        s.updatedAt(),
        s.spec(),
        s.previousSpec(),
        s.endpoint(),
        s.updateStatus(),
        new ServiceStatus(running, desired, 0));
  }

  // ---- /tasks -----------------------------------------------------------------------------------

  public final TasksApi tasks =
      new TasksApi() {
        @Override
        public List<Task> list(Map<String, List<String>> filters) {
          ClusterStore store = node.store();
          List<String> services = filters == null ? null : filters.get("service");
          List<String> serviceIds = new ArrayList<>();
          if (services != null) {
            for (String ref : services) {
              serviceIds.add(find(store.services(), ref, s -> s.spec().name(), "service").id());
            }
          }
          List<String> nodeRefs = filters == null ? null : filters.get("node");
          List<String> nodeIds = new ArrayList<>();
          if (nodeRefs != null) {
            for (String ref : nodeRefs) {
              String r = "self".equals(ref) ? node.nodeId() : ref;
              nodeIds.add(find(store.nodes(), r, n -> n.description().hostname(), "node").id());
            }
          }
          // moby's GetTasks: container tasks only unless a runtime is asked for
          List<String> runtimes =
              filters == null || filters.get("runtime") == null
                  ? List.of("container", "")
                  : filters.get("runtime");
          boolean upToDate =
              filters != null
                  && filters.get("_up-to-date") != null
                  && !filters.get("_up-to-date").isEmpty();
          List<Task> out = new ArrayList<>();
          for (Task t : store.tasks().values()) {
            String runtime =
                t.spec() == null || t.spec().runtime() == null ? "" : t.spec().runtime();
            if (!runtimes.contains(runtime)) {
              continue;
            }
            // swarmkit matches a task's labels filter on its service's annotations
            Service owner = store.services().get(t.serviceId());
            if (!SwarmSecrets.labelled(filters, owner == null ? null : owner.spec().labels())) {
              continue;
            }
            // moby's newListTasksFilters: "_up-to-date" with any value asks swarmkit for the
            // tasks that are not dirty (docker/cli's convergence display)
            if (upToDate && (owner == null || !Orchestrator.sameSpec(t, owner))) {
              continue;
            }
            if ((services == null || serviceIds.contains(t.serviceId()))
                && (nodeRefs == null || nodeIds.contains(t.nodeId()))
                && matches(filters, "id", t.id())
                && matches(filters, "desired-state", t.desiredState())) {
              out.add(t);
            }
          }
          out.sort(Comparator.comparingLong(t -> dev.ddlab.go.GoTime.parseRfc3339(t.createdAt())));
          return out;
        }

        @Override
        public Task inspect(String id) {
          return find(node.store().tasks(), id, t -> "", "task");
        }
      };

  /** The node's "not a manager" answers, for a node whose daemon is in no swarm. */
  static EngineException inactive() {
    return SwarmErrors.notManager();
  }
}
