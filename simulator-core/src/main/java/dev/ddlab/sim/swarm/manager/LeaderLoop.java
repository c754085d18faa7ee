package dev.ddlab.sim.swarm.manager;

import dev.ddlab.engine.dto.swarm.Config;
import dev.ddlab.engine.dto.swarm.ContainerSpec;
import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.PortConfig;
import dev.ddlab.engine.dto.swarm.Secret;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.SwarmNetwork;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.go.GoTime;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.swarm.Ids;
import dev.ddlab.sim.swarm.allocator.Allocator;
import dev.ddlab.sim.swarm.dispatcher.Dispatcher;
import dev.ddlab.sim.swarm.orchestrator.Orchestrator;
import dev.ddlab.sim.swarm.orchestrator.RestartSupervisor;
import dev.ddlab.sim.swarm.scheduler.Scheduler;
import dev.ddlab.sim.swarm.store.ClusterStore;
import dev.ddlab.sim.swarm.store.StoreAction;
import io.microraft.Ordered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The leader's components, run only while this manager leads: after every applied entry (the
 * store's watch) and every tick it reconciles — orchestrators, the allocator, then the scheduler —
 * and proposes what changed as one entry, with whatever the dispatcher collected from the agents.
 * One proposal is in flight at a time, so a pass always sees the effects of the previous one. The
 * dispatcher's assignments go to every node whose tasks changed, and to all of them every heartbeat
 * period.
 */
public final class LeaderLoop {
  /** How the dispatcher reaches the agents. */
  public interface Agents {
    void send(Node node, Dispatcher.Assignments assignments);

    /** This manager's address (the agents' leader). */
    String selfAddress();

    /** A random source for new task IDs. */
    SeededRandom random();
  }

  private final Manager manager;
  private final VirtualClock clock;
  private final Agents agents;
  private final Dispatcher dispatcher = new Dispatcher();
  private final Allocator allocator = new Allocator();

  /** The restart history this leader keeps in memory, as swarmkit's supervisor. */
  private final RestartSupervisor restarts = new RestartSupervisor();

  private final List<StoreAction> queued = new ArrayList<>();
  private final Map<String, String> sent = new HashMap<>();
  private CompletableFuture<Ordered<Object>> inFlight;
  private boolean passScheduled;

  /**
   * The store's index when a pass last changed nothing and waited on no time, or -1: until the
   * store or the dispatcher's queue changes, another pass would change nothing either.
   */
  private long quietIndex = -1;

  private boolean leading;
  private boolean stopped;
  private long ticks;

  LeaderLoop(Manager manager, VirtualClock clock, Agents agents) {
    this.manager = manager;
    this.clock = clock;
    this.agents = agents;
  }

  void start() {
    clock.scheduleUpkeep(Duration.ofSeconds(1), this::tick);
  }

  void stop() {
    stopped = true;
  }

  /** Something changed in the store: reconcile soon (once, however many changes). */
  void kick() {
    if (!stopped && !passScheduled) {
      passScheduled = true;
      clock.scheduleUpkeep(Duration.ZERO, this::pass);
    }
  }

  /** An agent's heartbeat reached this manager. */
  public void heartbeat(Dispatcher.Heartbeat hb) {
    if (stopped || !manager.isLeader()) {
      return;
    }
    queued.addAll(
        dispatcher.heartbeat(hb.nodeId(), hb.reports(), manager.store(), clock.nowNanos(), now()));
    kick();
  }

  private void tick() {
    if (stopped) {
      return;
    }
    ticks++;
    if (manager.isLeader()) {
      if (!leading) {
        leading = true;
        dispatcher.reset(clock.nowNanos(), manager.store());
        sent.clear();
        quietIndex = -1;
      }
      queued.addAll(dispatcher.expire(manager.store(), clock.nowNanos()));
      if (ticks % 5 == 0) {
        sent.clear(); // every heartbeat period, everyone hears from the leader
      }
      kick();
    } else {
      leading = false;
    }
    clock.scheduleUpkeep(Duration.ofSeconds(1), this::tick);
  }

  private void pass() {
    passScheduled = false;
    if (stopped || !manager.isLeader()) {
      queued.clear();
      return;
    }
    if (inFlight != null && !inFlight.isDone()) {
      return;
    }
    ClusterStore store = manager.store();
    if (store.cluster() == null) {
      return; // not initialised yet
    }
    if (queued.isEmpty() && store.index() == quietIndex) {
      if (sent.isEmpty()) {
        assign(store); // the heartbeat period's resend to every node
      }
      return;
    }
    Map<String, Task> tasks = new LinkedHashMap<>(store.tasks());
    List<String> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    Map<String, Service> updateStatuses = new LinkedHashMap<>();
    long now = clock.nowNanos();
    boolean waiting =
        Orchestrator.reconcile(
            store.services(),
            store.nodes(),
            tasks,
            changed,
            removed,
            updateStatuses,
            now,
            () -> Ids.newId(agents.random()),
            restarts);
    List<StoreAction> allocated = allocator.allocate(store, tasks, changed);
    Scheduler.schedule(store.nodes(), tasks, changed, now);
    List<StoreAction> actions = new ArrayList<>(queued);
    actions.addAll(allocated);
    queued.clear();
    for (String id : changed.stream().distinct().toList()) {
      if (tasks.containsKey(id)) {
        actions.add(StoreAction.put(StoreAction.TASK, id, tasks.get(id)));
      }
    }
    for (String id : removed.stream().distinct().toList()) {
      actions.add(StoreAction.delete(StoreAction.TASK, id));
    }
    updateStatuses.forEach(
        (id, s) -> actions.add(StoreAction.put(StoreAction.UPDATE_STATUS, id, s)));
    quietIndex = actions.isEmpty() && !waiting ? store.index() : -1;
    if (!actions.isEmpty()) {
      int created = 0;
      for (String id : changed) {
        if (!store.tasks().containsKey(id) && tasks.containsKey(id)) {
          created++; // a new task: a container (or a pull that fails) on its node
        }
      }
      // the pass's own cost depends on what it proposes: each store action, and the container
      // each new task starts on its node (as a restart policy's start, VirtualClock.Cost.START)
      clock.charge(VirtualClock.Cost.STORE, actions.size());
      clock.charge(VirtualClock.Cost.START, created);
      CompletableFuture<Ordered<Object>> f = manager.propose(actions);
      inFlight = f;
      f.whenComplete((r, e) -> kick());
    }
    assign(store);
  }

  /** Sends each node its tasks when they changed since the last time. */
  private void assign(ClusterStore store) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    Map<String, Map<String, String>> vips = new LinkedHashMap<>();
    Map<String, List<PortConfig>> ports = new LinkedHashMap<>();
    for (Service s : store.services().values()) {
      names.put(s.id(), s.spec().name());
      if (s.spec().labels() != null && !s.spec().labels().isEmpty()) {
        labels.put(s.id(), s.spec().labels());
      }
      if (s.endpoint() != null && s.endpoint().ports() != null) {
        ports.put(s.id(), s.endpoint().ports());
      }
      if (s.endpoint() != null && s.endpoint().virtualIps() != null) {
        Map<String, String> byNetwork = new LinkedHashMap<>();
        s.endpoint().virtualIps().forEach(v -> byNetwork.put(v.networkId(), v.addr()));
        vips.put(s.id(), byNetwork);
      }
    }
    List<String> managers = new ArrayList<>();
    for (Node n : store.nodes().values()) {
      if (n.managerStatus() != null) {
        managers.add(n.managerStatus().addr());
      }
    }
    SwarmNetwork ingress = Allocator.ingressOf(store.networks());
    Map<String, List<Task>> byNode = new HashMap<>();
    for (Task t : store.tasks().values()) {
      if (t.nodeId() != null) {
        byNode.computeIfAbsent(t.nodeId(), k -> new ArrayList<>()).add(t);
      }
    }
    for (Node n : store.nodes().values()) {
      List<Task> mine = List.copyOf(byNode.getOrDefault(n.id(), List.of()));
      Map<String, Secret> secrets = new LinkedHashMap<>();
      Map<String, Config> configs = new LinkedHashMap<>();
      for (Task t : mine) {
        ContainerSpec c = t.spec().containerSpec();
        if (c != null && c.secrets() != null) {
          c.secrets().forEach(r -> secrets.computeIfAbsent(r.secretId(), store.secrets()::get));
        }
        if (c != null && c.configs() != null) {
          c.configs().forEach(r -> configs.computeIfAbsent(r.configId(), store.configs()::get));
        }
      }
      Map<String, String> lbs = new LinkedHashMap<>();
      String prefix = n.id() + "/";
      store
          .loadBalancers()
          .forEach(
              (k, addr) -> {
                if (k.startsWith(prefix)) {
                  lbs.put(k.substring(prefix.length()), addr);
                }
              });
      String key =
          mine.stream().map(LeaderLoop::sentKey).toList()
              + lbs.toString()
              + store.ingressAddresses().getOrDefault(n.id(), "")
              + secrets.keySet()
              + configs.keySet();
      if (key.equals(sent.get(n.id()))) {
        continue;
      }
      sent.put(n.id(), key);
      agents.send(
          n,
          new Dispatcher.Assignments(
              agents.selfAddress(),
              managers,
              mine,
              names,
              labels,
              vips,
              ingress,
              store.ingressAddresses().get(n.id()),
              ports,
              List.copyOf(secrets.values()),
              List.copyOf(configs.values()),
              lbs));
    }
  }

  /**
   * What of a task the node must hear again when it changes: its desired state, and for a network
   * attachment whether the allocator gave it its address (it is created without one).
   */
  private static String sentKey(Task t) {
    boolean allocated = t.spec().isAttachment() && t.networksAttachments() != null;
    return t.id() + ":" + t.desiredState() + (allocated ? "+" : "");
  }

  private String now() {
    return GoTime.rfc3339Nano(clock.nowNanos());
  }
}
