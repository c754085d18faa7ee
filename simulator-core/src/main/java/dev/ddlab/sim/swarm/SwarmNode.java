package dev.ddlab.sim.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.SwarmErrors;
import dev.ddlab.engine.dto.Info;
import dev.ddlab.engine.dto.swarm.EngineDescription;
import dev.ddlab.engine.dto.swarm.JoinTokens;
import dev.ddlab.engine.dto.swarm.ManagerStatus;
import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.NodeDescription;
import dev.ddlab.engine.dto.swarm.NodeSpec;
import dev.ddlab.engine.dto.swarm.NodeStatus;
import dev.ddlab.engine.dto.swarm.Platform;
import dev.ddlab.engine.dto.swarm.Resources;
import dev.ddlab.engine.dto.swarm.Swarm;
import dev.ddlab.engine.dto.swarm.SwarmInitRequest;
import dev.ddlab.engine.dto.swarm.SwarmJoinRequest;
import dev.ddlab.engine.dto.swarm.SwarmSpec;
import dev.ddlab.engine.dto.swarm.SwarmUpdateFlags;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.go.GoTime;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.fs.Digests;
import dev.ddlab.sim.network.NetworkController;
import dev.ddlab.sim.swarm.allocator.Allocator;
import dev.ddlab.sim.swarm.dispatcher.Dispatcher;
import dev.ddlab.sim.swarm.manager.LeaderLoop;
import dev.ddlab.sim.swarm.manager.Manager;
import dev.ddlab.sim.swarm.raft.FileRaftStore;
import dev.ddlab.sim.swarm.raft.KeySealer;
import dev.ddlab.sim.swarm.raft.Member;
import dev.ddlab.sim.swarm.raft.RaftMember;
import dev.ddlab.sim.swarm.store.ClusterStore;
import dev.ddlab.sim.swarm.store.StoreAction;
import dev.ddlab.sim.underlay.Nic;
import dev.ddlab.sim.underlay.Packet;
import io.microraft.MembershipChangeMode;
import io.microraft.RaftEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One machine's Swarm: what moby's {@code daemon/cluster} and swarmkit's {@code node.Node} are on
 * it. In no swarm it answers as an inactive node; after {@code init} or {@code join} it runs an
 * {@link dev.ddlab.sim.swarm.agent.Agent} and, as a manager, a {@link Manager} (Raft, store,
 * leader's components). Everything it says to other machines goes over the underlay on port 2377,
 * one byte telling the channel: {@code R} Raft, {@code H} an agent's heartbeat, {@code A} the
 * dispatcher's assignments. Its identity is a file ({@code /var/lib/docker/swarm/state.json}) next
 * to the raft files, so stopping the daemon, backing up the directory and restoring it behave as on
 * a real node. Requests that change the cluster go to the leader (swarmkit's managers forward them)
 * when it is reachable on the underlay, and wait for their entry to commit.
 */
public final class SwarmNode {
  public static final int PORT = 2377;
  public static final String DIR = "/var/lib/docker/swarm";

  /** moby's node configuration; here also the node's identity and its unlock key's hash. */
  static final String STATE = DIR + "/docker-state.json";

  private static final Duration COMMIT_WAIT = Duration.ofSeconds(20);
  private static final Duration LEADER_WAIT = Duration.ofSeconds(3);

  private final SwarmCluster cluster;
  private final String hostname;
  private final String address;
  private final FileSystem fs;
  private final Supplier<Engine> engine;
  private final NetworkController network;
  private final dev.ddlab.sim.swarm.agent.TaskFiles files;
  private final SeededRandom random;
  private final VirtualClock clock;
  private final Nic nic;
  private String nodeId;
  private String role;
  private Manager manager;
  private dev.ddlab.sim.swarm.agent.Agent agent;
  private List<String> managerAddrs = List.of();
  private final JsonMessages messages = new JsonMessages();
  private boolean running = true;
  private boolean locked;
  private final KeySealer sealer = new KeySealer();
  private int generation;

  SwarmNode(
      SwarmCluster cluster,
      String hostname,
      String address,
      FileSystem fs,
      Supplier<Engine> engine,
      NetworkController network,
      dev.ddlab.sim.swarm.agent.TaskFiles files,
      SeededRandom random) {
    this.cluster = cluster;
    this.files = files;
    this.hostname = hostname;
    this.address = address;
    this.fs = fs;
    this.engine = engine;
    this.network = network;
    this.random = random;
    this.clock = cluster.clock();
    network.serviceNames((id, name) -> NetworkAttach.lookup(cluster, id, name));
    network.serviceBackends(cluster.serviceRecords()::backends);
    network
        .ingress()
        .source(
            cluster.serviceRecords()::publishedPorts, cluster.serviceRecords()::ingressBackends);
    cluster.serviceRecords().listen(network.ingress()::refresh);
    network.swarmAttach(new NetworkAttach(this));
    Nic existing = cluster.underlay().nic(address);
    this.nic = existing != null ? existing : cluster.underlay().attach(hostname, address);
  }

  private SwarmApis apis;

  /** The Engine API's Swarm parts as this node answers them. */
  public SwarmApis apis() {
    if (apis == null) {
      apis = new SwarmApis(this);
    }
    return apis;
  }

  // ---- identity ---------------------------------------------------------------------------------

  public String hostname() {
    return hostname;
  }

  public String address() {
    return address;
  }

  /** This node's swarm ID, or null in no swarm. */
  public String nodeId() {
    return nodeId;
  }

  /** "manager", "worker", or null in no swarm. */
  public String role() {
    return role;
  }

  /** This machine's libnetwork controller (the swarm networks made on it). */
  NetworkController network() {
    return network;
  }

  /** The node at {@code address} of this node's swarm cluster, or null. */
  SwarmNode peer(String address) {
    return cluster.at(address);
  }

  /** This machine's own engine (its containers API). */
  public Engine engine() {
    return engine.get();
  }

  /** This node's manager while it is one and its daemon runs, or null. */
  public Manager manager() {
    return manager;
  }

  private dev.ddlab.sim.swarm.raft.RaftStatus lastRaft;

  /**
   * This manager's Raft state for the panel: its member's now, or, while its daemon is stopped,
   * what its member knew when it stopped (term, vote, log, commit index) with the role "down" and
   * no leader or timers.
   */
  public dev.ddlab.sim.swarm.raft.RaftStatus raftStatus() {
    if (manager != null) {
      return manager.raft().status(hostname);
    }
    dev.ddlab.sim.swarm.raft.RaftStatus l = lastRaft;
    return l == null
        ? new dev.ddlab.sim.swarm.raft.RaftStatus(
            hostname, "down", 0, "", java.util.Set.of(), "", List.of(), 0, 0, -1, -1)
        : new dev.ddlab.sim.swarm.raft.RaftStatus(
            hostname,
            "down",
            l.term(),
            l.votedFor(),
            java.util.Set.of(),
            "",
            l.log(),
            l.commitIndex(),
            l.lastApplied(),
            -1,
            -1);
  }

  /** "active", "pending", "inactive" or "locked", as {@code docker info} shows. */
  public String localNodeState() {
    return nodeId == null ? "inactive" : locked ? "locked" : "active";
  }

  // ---- daemon lifecycle -------------------------------------------------------------------------

  /** The daemon stopped: the manager and the agent die with it; files stay. */
  public void daemonStopped() {
    running = false;
    halt();
  }

  /** The daemon started: a node in a swarm (by its files) comes back, its manager from the WAL. */
  public void daemonStarted() {
    running = true;
    nodeId = null;
    role = null;
    locked = false;
    sealer.key(null);
    if (!fs.exists(STATE)) {
      return;
    }
    JsonNode st = ClusterStore.read(fs.read(STATE), JsonNode.class);
    nodeId = st.path("NodeID").asText();
    role = st.path("Role").asText();
    if ("manager".equals(role) && st.path("UnlockKeyHash").isTextual()) {
      locked = true; // an autolocked manager waits for docker swarm unlock
      return;
    }
    resume();
  }

  /** The manager (from its WAL) and the agent start again. */
  private void resume() {
    if ("manager".equals(role) && FileRaftStore.exists(fs, Manager.RAFT_DIR)) {
      startManager(null, true);
    }
    startAgent();
  }

  /**
   * POST /swarm/unlock: a locked manager checks the key against the hash it keeps and opens its
   * raft files with it.
   */
  void unlock(String key) {
    if (nodeId == null) {
      throw SwarmErrors.noSwarm();
    }
    if (!locked) {
      throw SwarmErrors.notLocked();
    }
    JsonNode st = ClusterStore.read(fs.read(STATE), JsonNode.class);
    String k = key == null ? "" : key.trim();
    if (!hash(k).equals(st.path("UnlockKeyHash").asText())) {
      throw SwarmErrors.invalidUnlockKey();
    }
    sealer.key(k);
    currentKey = k;
    locked = false;
    resume();
  }

  private static String hash(String key) {
    return Digests.hex(Digests.sha256(key));
  }

  /** A manager follows the cluster's unlock key: seals its files with it and remembers its hash. */
  private void followUnlockKey() {
    if (manager == null) {
      return;
    }
    if (manager.store().cluster() == null
        || manager.store().index() < manager.raft().restoredIndex()) {
      // A restarted manager's store replays the entries its files held, from before the key it was
      // unlocked with: following the key they show (none yet, or an older one) would reseal the
      // files with it, and the next replay (a force-new-cluster, a restart) could not open them.
      return;
    }
    String k = manager.store().unlockKey();
    boolean changed = k == null ? sealer.hasKey() : !k.equals(currentKey);
    if (changed) {
      currentKey = k;
      sealer.key(k);
      saveState();
    }
  }

  private String currentKey;

  private void halt() {
    generation++;
    if (manager != null) {
      lastRaft = manager.raft().status(hostname);
      manager.stop();
      manager = null;
    }
    if (agent != null) {
      agent.stop();
      agent = null;
    }
    nic.close(PORT);
  }

  // ---- wire -------------------------------------------------------------------------------------

  /** Opens port 2377 once for this daemon run (a manager and its agent share it). */
  private void listen() {
    if (nic.listening(PORT)) {
      return;
    }
    int gen = generation;
    nic.listen(
        PORT,
        p -> {
          if (gen == generation && running) {
            receive(p);
          }
        });
  }

  private void receive(Packet p) {
    byte[] b = p.payload();
    switch (b[0]) {
      case 'R' -> {
        if (manager != null) {
          manager.raft().receive(b, 1);
        }
      }
      case 'H' -> {
        if (manager != null) {
          manager.leaderLoop().heartbeat(messages.read(p.src(), b, Dispatcher.Heartbeat.class));
        }
      }
      case 'A' -> {
        if (agent != null) {
          Dispatcher.Assignments a = messages.read(p.src(), b, Dispatcher.Assignments.class);
          managerAddrs = a.managers();
          agent.assign(a);
        }
      }
      default -> {}
    }
  }

  private void send(String to, char channel, byte[] body, String summary) {
    byte[] b = new byte[body.length + 1];
    b[0] = (byte) channel;
    System.arraycopy(body, 0, b, 1, body.length);
    nic.send(PORT, to, PORT, "tcp", b, summary);
  }

  private final RaftMember.Network raftNetwork =
      new RaftMember.Network() {
        @Override
        public void send(Member from, Member to, byte[] bytes, String summary) {
          SwarmNode.this.send(to.address(), 'R', bytes, summary);
        }

        @Override
        public boolean reachable(Member from, Member to) {
          return cluster.underlay().reachable(from.address(), to.address());
        }
      };

  private final LeaderLoop.Agents agents =
      new LeaderLoop.Agents() {
        @Override
        public void send(Node node, Dispatcher.Assignments a) {
          SwarmNode.this.send(
              node.status().addr(),
              'A',
              messages.write("A/" + node.id(), a),
              "Assignments (" + a.tasks().size() + " tasks)");
        }

        @Override
        public String selfAddress() {
          return address;
        }

        @Override
        public SeededRandom random() {
          return random;
        }
      };

  private void startManager(List<Member> initial, boolean restore) {
    listen();
    Member self = new Member(nodeId, address);
    manager =
        new Manager(
            clock,
            fs,
            random.fork("raft/" + clock.nowNanos()).nextLong(),
            self,
            initial,
            restore,
            sealer,
            raftNetwork,
            agents,
            null);
    Manager m = manager;
    m.store()
        .watch(
            () -> {
              if (m == manager) {
                followUnlockKey();
              }
            });
    manager.start();
  }

  private void startAgent() {
    listen();
    // the ingress sandbox's way out: one docker_gwbridge per node, libnetwork's
    network.gatewayBridge();
    agent =
        new dev.ddlab.sim.swarm.agent.Agent(
            nodeId,
            engine.get(),
            network,
            cluster.serviceRecords(),
            files,
            cluster.templates(),
            clock,
            random.fork("agent/heartbeat/" + clock.nowNanos()),
            hb -> {
              byte[] body = messages.write("H", hb);
              List<String> to = new ArrayList<>(managerAddrs);
              if (to.isEmpty() && manager != null) {
                to.add(address);
              }
              for (String m : to) {
                send(hostOf(m), 'H', body, "Heartbeat " + hostname);
              }
            });
    agent.start();
  }

  private void saveState() {
    fs.mkdir(DIR, true);
    ObjectNode o = ClusterStore.read("{}".getBytes(StandardCharsets.UTF_8), ObjectNode.class);
    o.put("NodeID", nodeId);
    o.put("Role", role);
    o.put("Addr", address + ":" + PORT);
    if ("manager".equals(role) && currentKey != null) {
      o.put("UnlockKeyHash", hash(currentKey));
    }
    o.put("ListenAddr", "0.0.0.0:" + PORT);
    o.put("AdvertiseAddr", address + ":" + PORT);
    o.put("DataPathPort", 4789);
    fs.write(STATE, ClusterStore.write(o), false);
    // The rest of a node's swarm directory, as `ls /var/lib/docker/swarm` shows it on a real
    // node: swarmkit's remotes list, the node's certificates, the worker's task database.
    fs.write(
        DIR + "/state.json",
        ("[{\"node_id\":\"" + nodeId + "\",\"addr\":\"" + address + ":" + PORT + "\"}]")
            .getBytes(StandardCharsets.UTF_8),
        false);
    fs.mkdir(DIR + "/certificates", true);
    for (String f : List.of("swarm-node.crt", "swarm-node.key", "swarm-root-ca.crt")) {
      if (!fs.exists(DIR + "/certificates/" + f)) {
        fs.write(
            DIR + "/certificates/" + f,
            ("-----BEGIN "
                    + (f.endsWith(".key") ? "EC PRIVATE KEY" : "CERTIFICATE")
                    + "-----\n"
                    + Ids.chars(random, 64)
                    + "\n-----END "
                    + (f.endsWith(".key") ? "EC PRIVATE KEY" : "CERTIFICATE")
                    + "-----\n")
                .getBytes(StandardCharsets.UTF_8),
            false);
      }
    }
    fs.mkdir(DIR + "/worker", true);
    if (!fs.exists(DIR + "/worker/tasks.db")) {
      fs.write(DIR + "/worker/tasks.db", new byte[0], false);
    }
  }

  static String hostOf(String addr) {
    int c = addr.lastIndexOf(':');
    return c < 0 ? addr : addr.substring(0, c);
  }

  // ---- talking to the leader --------------------------------------------------------------------

  /** This node as a manager that may serve cluster requests, or the daemon's error. */
  Manager requireManager() {
    if (nodeId == null) {
      throw SwarmErrors.notManager();
    }
    if (locked) {
      throw SwarmErrors.locked();
    }
    if (!"manager".equals(role)) {
      throw SwarmErrors.workerNotManager();
    }
    if (manager == null) {
      throw SwarmErrors.managerNotReady();
    }
    return manager;
  }

  /** The leader's manager, reached from here over the underlay, or "no leader". */
  Manager leader() {
    Manager m = requireManager();
    if (m.isLeader()) {
      return m;
    }
    if (m.raft().leader() == null) {
      // A manager that just started, or just lost its leader, gives the election a moment, as
      // swarmkit's request waits for its raft node to be ready.
      clock.advanceUntil(() -> m.raft().leader() != null, LEADER_WAIT);
    }
    RaftEndpoint l = m.raft().leader();
    if (l == null) {
      throw SwarmErrors.noLeader();
    }
    SwarmNode ln = cluster.at(((Member) l).address());
    if (ln == null
        || ln.manager == null
        || !ln.manager.isLeader()
        || !cluster.underlay().reachable(address, ln.address)) {
      throw SwarmErrors.noLeader();
    }
    return ln.manager;
  }

  /** This node's agent while it is in a swarm, or null. */
  dev.ddlab.sim.swarm.agent.Agent agent() {
    return agent;
  }

  /** The cluster store as the leader has it (reads go to the leader, as swarmkit's proxy does). */
  ClusterStore store() {
    return leader().store();
  }

  /** Proposes {@code actions} through the leader and waits for them to commit. */
  void write(List<StoreAction> actions) {
    Manager l = leader();
    CompletableFuture<?> f = l.propose(actions);
    if (!Manager.await(clock, f, COMMIT_WAIT)) {
      throw SwarmErrors.noLeader();
    }
    // The followers hear of the commit with the leader's next message (MicroRaft does not send
    // one at once, etcd's raft does): the answer waits until every reachable manager applied it.
    long index = l.store().index();
    clock.advanceUntil(
        () -> {
          for (SwarmNode n : cluster.nodes()) {
            if (n.manager != null
                && cluster.underlay().reachable(l.raft().self().address(), n.address)
                && n.manager.store().index() < index) {
              return false;
            }
          }
          return true;
        },
        Duration.ofMillis(1500));
  }

  String now() {
    return GoTime.rfc3339Nano(clock.nowNanos());
  }

  /**
   * Adds or removes {@code member} through whichever manager leads, retrying while a new leader has
   * not yet committed an entry of its term (MicroRaft refuses membership changes until then).
   */
  private boolean changeMembership(Member member, MembershipChangeMode mode) {
    long end = clock.nowNanos() + COMMIT_WAIT.toNanos();
    while (clock.nowNanos() < end) {
      Manager l = null;
      for (SwarmNode n : cluster.nodes()) {
        if (n.manager != null && n.manager.isLeader()) {
          l = n.manager;
        }
      }
      if (l != null
          && Manager.await(clock, l.raft().changeMembership(member, mode), Duration.ofSeconds(5))) {
        return true;
      }
      clock.advance(Duration.ofMillis(200));
    }
    return false;
  }

  VirtualClock clock() {
    return clock;
  }

  /** The session's swarm side this node belongs to. */
  public SwarmCluster cluster() {
    return cluster;
  }

  SeededRandom random() {
    return random;
  }

  // ---- init, join, leave ------------------------------------------------------------------------

  String init(SwarmInitRequest req) {
    if (req != null && req.forceNewCluster() && nodeId != null && "manager".equals(role)) {
      return forceNewCluster();
    }
    if (nodeId != null) {
      throw SwarmErrors.exists();
    }
    nodeId = Ids.newId(random);
    role = "manager";
    String ts = now();
    boolean autolock = req != null && req.autoLockManagers();
    Swarm swarm = ClusterControl.newCluster(random, ts, autolock);
    saveState();
    startManager(List.of(new Member(nodeId, address)), false);
    if (!clock.advanceUntil(() -> manager.isLeader(), Duration.ofSeconds(30))) {
      throw SwarmErrors.managerNotReady();
    }
    List<StoreAction> first = new ArrayList<>();
    first.add(StoreAction.put(StoreAction.CLUSTER, swarm.id(), swarm));
    first.add(StoreAction.put(StoreAction.NODE, nodeId, newNode("manager", ts, swarm.tlsInfo())));
    first.add(Allocator.ingress(Ids.newId(random), ts));
    if (autolock) {
      first.add(StoreAction.unlockKey(ClusterControl.newUnlockKey(random)));
    }
    write(first);
    startAgent();
    return nodeId;
  }

  /**
   * {@code swarm init --force-new-cluster} on a manager: a new Raft group of this manager alone
   * that keeps what its store holds (the cluster, nodes, services, tasks, networks), as swarmkit
   * rewrites the WAL's membership. Other managers are left as unreachable nodes.
   */
  private String forceNewCluster() {
    if (locked) {
      throw SwarmErrors.locked();
    }
    if (manager == null) {
      throw SwarmErrors.managerNotReady();
    }
    ClusterStore old;
    try {
      old = Manager.replay(fs, sealer);
    } catch (IllegalStateException e) {
      throw SwarmErrors.locked();
    }
    if (old.cluster() == null) {
      old = manager.store();
    }
    List<StoreAction> state =
        old.asActions(
            n ->
                n.id().equals(nodeId) || n.managerStatus() == null
                    ? n
                    : Dispatcher.withState(n, "down", ""));
    halt();
    fs.remove(Manager.RAFT_DIR, true);
    startManager(List.of(new Member(nodeId, address)), false);
    if (!clock.advanceUntil(() -> manager.isLeader(), Duration.ofSeconds(30))) {
      throw SwarmErrors.managerNotReady();
    }
    write(state);
    startAgent();
    return nodeId;
  }

  /** POST /swarm/update: a new spec; tokens and the unlock key rotated when asked. */
  void update(SwarmSpec spec, SwarmUpdateFlags flags) {
    write(ClusterControl.update(store(), spec, flags, random, now()));
  }

  /** GET /swarm/unlockkey: the key while autolock is on, else empty. */
  String unlockKey() {
    String k = store().unlockKey();
    return k == null ? "" : k;
  }

  /** What {@code docker info} shows under Swarm. */
  public Map<String, Object> info() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("NodeID", nodeId == null ? "" : nodeId);
    m.put("NodeAddr", nodeId == null ? "" : address);
    m.put("LocalNodeState", localNodeState());
    m.put("ControlAvailable", manager != null);
    m.put("Error", "");
    List<Map<String, String>> remotes = new ArrayList<>();
    if (active()) {
      for (String a : managerAddresses()) {
        SwarmNode n = cluster.at(hostOf(a));
        if (n != null && n.nodeId() != null) {
          remotes.add(Map.of("NodeID", n.nodeId(), "Addr", hostOf(a) + ":" + PORT));
        }
      }
    }
    m.put("RemoteManagers", remotes.isEmpty() ? null : remotes);
    return m;
  }

  /**
   * The managers this node asks (itself when it is one, else those its agent knows), as the agent's
   * and docker info's RemoteManagers list them.
   */
  List<String> managerAddresses() {
    return manager != null ? List.of(address) : managerAddrs;
  }

  /** Whether this node is in a swarm that is not locked (it may ask its managers). */
  boolean active() {
    return nodeId != null && !locked;
  }

  /**
   * A node as it joins: its certificate from the cluster's issuer, its trust root the cluster's.
   */
  private Node newNode(String nodeRole, String ts, dev.ddlab.engine.dto.swarm.TlsInfo tls) {
    Info info = engine.get().system().info();
    return new Node(
        nodeId,
        null,
        ts,
        ts,
        new NodeSpec("", Map.of(), nodeRole, "active"),
        new NodeDescription(
            hostname,
            new Platform("x86_64", "linux"),
            new Resources(info.ncpu() * 1_000_000_000L, info.memTotal()),
            new EngineDescription(info.serverVersion(), null, null),
            tls),
        new NodeStatus("ready", "", address),
        "manager".equals(nodeRole)
            ? new ManagerStatus(false, "reachable", address + ":" + PORT)
            : null);
  }

  void join(SwarmJoinRequest req) {
    if (nodeId != null) {
      throw SwarmErrors.exists();
    }
    String token = req.joinToken() == null ? "" : req.joinToken();
    if (!token.matches("SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}")) {
      throw new EngineException(400, "invalid join token");
    }
    if (req.remoteAddrs() == null || req.remoteAddrs().isEmpty()) {
      throw new EngineException(400, "at least 1 RemoteAddr is required to join");
    }
    SwarmNode via = cluster.at(hostOf(req.remoteAddrs().get(0)));
    if (via == null
        || via.nodeId == null
        || via.manager == null
        || !cluster.underlay().reachable(address, via.address)) {
      throw new EngineException(
          503,
          "Timeout was reached before node joined. The attempt to join the swarm will continue in"
              + " the background. Use the \"docker info\" command to see the current swarm status"
              + " of your node.");
    }
    Manager leader = via.leader();
    JoinTokens tokens = leader.store().cluster().joinTokens();
    String asRole;
    if (token.equals(tokens.worker())) {
      asRole = "worker";
    } else if (token.equals(tokens.manager())) {
      asRole = "manager";
    } else {
      throw new EngineException(
          400,
          "rpc error: code = InvalidArgument desc = A valid join token is necessary to join this"
              + " cluster");
    }
    nodeId = Ids.newId(random);
    role = asRole;
    String ts = now();
    if ("manager".equals(asRole)) {
      // The new member starts first, with the group's initial members, and waits to hear from the
      // leader; then the leader adds it (swarmkit's raft Join and ConfChange).
      saveState();
      startManager(initialMembers(leader), false);
      Member self = new Member(nodeId, address);
      if (!changeMembership(self, MembershipChangeMode.ADD_OR_PROMOTE_TO_FOLLOWER)) {
        halt();
        fs.remove(DIR, true);
        nodeId = null;
        role = null;
        throw SwarmErrors.noLeader();
      }
    } else {
      saveState();
    }
    Swarm sw = via.store().cluster();
    via.write(
        List.of(
            StoreAction.put(
                StoreAction.NODE, nodeId, newNode(asRole, ts, sw == null ? null : sw.tlsInfo()))));
    if (manager != null) {
      String id = nodeId;
      clock.advanceUntil(() -> manager.store().nodes().containsKey(id), COMMIT_WAIT);
    }
    managerAddrs = List.of(via.address);
    startAgent();
    // moby's join returns once the node's first session set up its ingress sandbox
    clock.advanceUntil(() -> agent.ingressAddress() != null, LEADER_WAIT);
  }

  /** {@code node promote}: this worker's Raft member starts and the leader adds it to the group. */
  void promote(Manager leader) {
    role = "manager";
    saveState();
    startManager(initialMembers(leader), false);
    if (!changeMembership(
        new Member(nodeId, address), MembershipChangeMode.ADD_OR_PROMOTE_TO_FOLLOWER)) {
      throw SwarmErrors.noLeader();
    }
  }

  /** The Raft group's initial members, with which a joining manager's member starts. */
  private static List<Member> initialMembers(Manager leader) {
    return leader.raft().node().getInitialMembers().getMembers().stream()
        .map(e -> (Member) e)
        .toList();
  }

  /**
   * {@code node demote}: the leader removes this manager from the group (handing leadership over
   * first when it is the leader), and its Raft member stops; the agent keeps running.
   */
  void demote(Manager leader) {
    Member self = new Member(nodeId, address);
    if (leader == manager) {
      Member other =
          manager.raft().members().stream().filter(m -> !m.equals(self)).findFirst().orElse(null);
      if (other == null
          || !Manager.await(clock, manager.raft().transferLeadership(other), COMMIT_WAIT)) {
        throw SwarmErrors.noLeader();
      }
      SwarmNode next = cluster.at(other.address());
      clock.advanceUntil(() -> next.manager != null && next.manager.isLeader(), COMMIT_WAIT);
    }
    if (!changeMembership(self, MembershipChangeMode.REMOVE_MEMBER)) {
      throw SwarmErrors.noLeader();
    }
    if (manager != null) {
      manager.stop();
      manager = null;
    }
    fs.remove(Manager.RAFT_DIR, true);
    role = "worker";
    saveState();
  }

  void leave(boolean force) {
    if (nodeId == null) {
      throw SwarmErrors.noSwarm();
    }
    if ("manager".equals(role) && !force) {
      int reachable = 0;
      int unreachable = 0;
      if (manager != null) {
        for (Member m : manager.raft().members()) {
          if (m.id().equals(nodeId) || cluster.underlay().reachable(address, m.address())) {
            reachable++;
          } else {
            unreachable++;
          }
        }
      }
      String msg =
          "You are attempting to leave the swarm on a node that is participating as a manager. ";
      if (reachable + unreachable <= 1) {
        msg +=
            "Removing the last manager erases all current state of the swarm. Use `--force` to"
                + " ignore this message. ";
      } else {
        msg +=
            "Removing this node leaves "
                + (reachable - 1)
                + " managers out of "
                + (reachable + unreachable)
                + ". ";
        if (reachable - 1 <= (reachable + unreachable) / 2) {
          msg += "Without a Raft quorum your swarm will be inaccessible. ";
        }
        msg +=
            "The only way to restore a swarm that has lost consensus is to reinitialize it with"
                + " `--force-new-cluster`. Use `--force` to suppress this message.";
      }
      throw new EngineException(503, msg.trim());
    }
    String id = nodeId;
    try {
      Manager l = leader();
      if ("manager".equals(role) && l != manager) {
        changeMembership(new Member(id, address), MembershipChangeMode.REMOVE_MEMBER);
      }
      Node n = l.store().nodes().get(id);
      if (n != null && l != manager) {
        l.propose(
            List.of(StoreAction.put(StoreAction.NODE, id, Dispatcher.withState(n, "down", ""))));
      }
    } catch (EngineException e) {
      // no leader to tell: leaving anyway, as --force does
    }
    if (agent != null) {
      for (String c : agent.containers().values()) {
        try {
          engine.get().containers().remove(c, true, false);
        } catch (EngineException e) {
          // gone already
        }
      }
    }
    // the swarm's networks leave the node with it (docker_gwbridge stays, as on dockerd)
    network.ingress().removeSandbox();
    for (dev.ddlab.sim.network.Network n : network.networks()) {
      if ("swarm".equals(n.scope())) {
        try {
          network.remove(n.id());
        } catch (EngineException e) {
          // a container not of the swarm is still on it
        }
      }
    }
    halt();
    fs.remove(DIR, true);
    nodeId = null;
    role = null;
    managerAddrs = List.of();
  }
}
