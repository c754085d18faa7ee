package dev.ddlab.sim.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.SwarmErrors;
import dev.ddlab.engine.dto.Info;
import dev.ddlab.engine.dto.swarm.CaConfig;
import dev.ddlab.engine.dto.swarm.DispatcherConfig;
import dev.ddlab.engine.dto.swarm.EncryptionConfig;
import dev.ddlab.engine.dto.swarm.EngineDescription;
import dev.ddlab.engine.dto.swarm.JoinTokens;
import dev.ddlab.engine.dto.swarm.ManagerStatus;
import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.NodeDescription;
import dev.ddlab.engine.dto.swarm.NodeSpec;
import dev.ddlab.engine.dto.swarm.NodeStatus;
import dev.ddlab.engine.dto.swarm.OrchestrationConfig;
import dev.ddlab.engine.dto.swarm.Platform;
import dev.ddlab.engine.dto.swarm.RaftConfig;
import dev.ddlab.engine.dto.swarm.Resources;
import dev.ddlab.engine.dto.swarm.Swarm;
import dev.ddlab.engine.dto.swarm.SwarmInitRequest;
import dev.ddlab.engine.dto.swarm.SwarmJoinRequest;
import dev.ddlab.engine.dto.swarm.SwarmSpec;
import dev.ddlab.engine.dto.swarm.TaskDefaults;
import dev.ddlab.engine.dto.swarm.TlsInfo;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.go.GoTime;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.swarm.dispatcher.Dispatcher;
import dev.ddlab.sim.swarm.manager.LeaderLoop;
import dev.ddlab.sim.swarm.manager.Manager;
import dev.ddlab.sim.swarm.raft.FileRaftStore;
import dev.ddlab.sim.swarm.raft.Member;
import dev.ddlab.sim.swarm.raft.RaftMember;
import dev.ddlab.sim.swarm.raft.Sealer;
import dev.ddlab.sim.swarm.store.ClusterStore;
import dev.ddlab.sim.swarm.store.StoreAction;
import dev.ddlab.sim.underlay.Nic;
import dev.ddlab.sim.underlay.Packet;
import io.microraft.MembershipChangeMode;
import io.microraft.RaftEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
  static final String STATE = DIR + "/state.json";
  private static final Duration COMMIT_WAIT = Duration.ofSeconds(20);

  private final SwarmCluster cluster;
  private final String hostname;
  private final String address;
  private final FileSystem fs;
  private final Supplier<Engine> engine;
  private final SeededRandom random;
  private final VirtualClock clock;
  private final Nic nic;
  private String nodeId;
  private String role;
  private Manager manager;
  private dev.ddlab.sim.swarm.agent.Agent agent;
  private List<String> managerAddrs = List.of();
  private boolean running = true;
  private int generation;

  SwarmNode(
      SwarmCluster cluster,
      String hostname,
      String address,
      FileSystem fs,
      Supplier<Engine> engine,
      SeededRandom random) {
    this.cluster = cluster;
    this.hostname = hostname;
    this.address = address;
    this.fs = fs;
    this.engine = engine;
    this.random = random;
    this.clock = cluster.clock();
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

  /** This node's manager while it is one and its daemon runs, or null. */
  public Manager manager() {
    return manager;
  }

  /** "active", "pending", "inactive" or "locked", as {@code docker info} shows. */
  public String localNodeState() {
    return nodeId == null ? "inactive" : "active";
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
    if (!fs.exists(STATE)) {
      return;
    }
    JsonNode st = ClusterStore.read(fs.read(STATE), JsonNode.class);
    nodeId = st.path("NodeID").asText();
    role = st.path("Role").asText();
    if ("manager".equals(role) && FileRaftStore.exists(fs, Manager.RAFT_DIR)) {
      startManager(null, true);
    }
    startAgent();
  }

  private void halt() {
    generation++;
    if (manager != null) {
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

  private void listen() {
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
    byte[] rest = Arrays.copyOfRange(b, 1, b.length);
    switch (b[0]) {
      case 'R' -> {
        if (manager != null) {
          manager.raft().receive(rest);
        }
      }
      case 'H' -> {
        if (manager != null) {
          manager.leaderLoop().heartbeat(ClusterStore.read(rest, Dispatcher.Heartbeat.class));
        }
      }
      case 'A' -> {
        if (agent != null) {
          Dispatcher.Assignments a = ClusterStore.read(rest, Dispatcher.Assignments.class);
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
              ClusterStore.write(a),
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
    if (nic.listening(PORT) == false) {
      listen();
    }
    Member self = new Member(nodeId, address);
    manager =
        new Manager(
            clock,
            fs,
            random.fork("raft/" + clock.nowNanos()).nextLong(),
            self,
            initial,
            restore,
            Sealer.PLAIN,
            raftNetwork,
            agents,
            null);
    manager.start();
  }

  private void startAgent() {
    if (!nic.listening(PORT)) {
      listen();
    }
    agent =
        new dev.ddlab.sim.swarm.agent.Agent(
            nodeId,
            engine.get(),
            clock,
            hb -> {
              byte[] body = ClusterStore.write(hb);
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
    fs.write(STATE, ClusterStore.write(o), false);
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
  }

  String now() {
    return GoTime.rfc3339Nano(clock.nowNanos());
  }

  VirtualClock clock() {
    return clock;
  }

  SwarmCluster cluster() {
    return cluster;
  }

  SeededRandom random() {
    return random;
  }

  // ---- init, join, leave ------------------------------------------------------------------------

  String init(SwarmInitRequest req) {
    if (nodeId != null) {
      throw SwarmErrors.exists();
    }
    nodeId = Ids.newId(random);
    role = "manager";
    String ts = now();
    String ca = Ids.chars(random, 50);
    JoinTokens tokens =
        new JoinTokens(
            "SWMTKN-1-" + ca + "-" + Ids.chars(random, 25),
            "SWMTKN-1-" + ca + "-" + Ids.chars(random, 25));
    boolean autolock = req != null && req.autoLockManagers();
    Swarm swarm =
        new Swarm(
            Ids.newId(random),
            null,
            ts,
            ts,
            defaultSpec(autolock),
            tls(ca),
            false,
            List.of("10.0.0.0/8"),
            24,
            4789,
            tokens);
    saveState();
    startManager(List.of(new Member(nodeId, address)), false);
    if (!clock.advanceUntil(() -> manager.isLeader(), Duration.ofSeconds(30))) {
      throw SwarmErrors.managerNotReady();
    }
    write(
        List.of(
            StoreAction.put(StoreAction.CLUSTER, swarm.id(), swarm),
            StoreAction.put(StoreAction.NODE, nodeId, newNode("manager", ts))));
    startAgent();
    return nodeId;
  }

  static SwarmSpec defaultSpec(boolean autolock) {
    return new SwarmSpec(
        "default",
        Map.of(),
        new OrchestrationConfig(5L),
        new RaftConfig(10000, 0L, 500, 10, 1),
        new DispatcherConfig(Dispatcher.HEARTBEAT_PERIOD_NANOS),
        new CaConfig(7_776_000_000_000_000L, 0),
        new TaskDefaults(null),
        new EncryptionConfig(autolock));
  }

  private static TlsInfo tls(String ca) {
    return new TlsInfo(
        "-----BEGIN CERTIFICATE-----\n" + ca + "\n-----END CERTIFICATE-----\n",
        "MBMxETAPBgNVBAMTCHN3YXJtLWNh",
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE" + ca.substring(0, 20));
  }

  private Node newNode(String nodeRole, String ts) {
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
            null),
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
      List<Member> initial =
          leader.raft().node().getInitialMembers().getMembers().stream()
              .map(e -> (Member) e)
              .toList();
      saveState();
      startManager(initial, false);
      Member self = new Member(nodeId, address);
      CompletableFuture<?> f =
          leader.raft().changeMembership(self, MembershipChangeMode.ADD_OR_PROMOTE_TO_FOLLOWER);
      if (!Manager.await(clock, f, COMMIT_WAIT)) {
        halt();
        fs.remove(DIR, true);
        nodeId = null;
        role = null;
        throw SwarmErrors.noLeader();
      }
    } else {
      saveState();
    }
    via.write(List.of(StoreAction.put(StoreAction.NODE, nodeId, newNode(asRole, ts))));
    if (manager != null) {
      String id = nodeId;
      clock.advanceUntil(() -> manager.store().nodes().containsKey(id), COMMIT_WAIT);
    }
    managerAddrs = List.of(via.address);
    startAgent();
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
        Manager.await(
            clock,
            l.raft().changeMembership(new Member(id, address), MembershipChangeMode.REMOVE_MEMBER),
            COMMIT_WAIT);
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
    halt();
    fs.remove(DIR, true);
    nodeId = null;
    role = null;
    managerAddrs = List.of();
  }
}
