package dev.ddlab.sim.swarm.raft;

import dev.ddlab.events.EventBus;
import dev.ddlab.fs.MemoryFs;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.underlay.Nic;
import dev.ddlab.sim.underlay.Underlay;
import io.microraft.Ordered;
import io.microraft.RaftNodeStatus;
import io.microraft.statemachine.StateMachine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * N Raft members on an underlay, in the spirit of MIT 6.5840's {@code config.go}: each member has
 * its own disk (a {@link MemoryFs}) and address; the test cuts members off, kills and restarts
 * them, makes the network lossy, submits commands, and lets virtual time run. After every instant
 * of virtual time the safety invariants are checked: at most one leader per term, no two members
 * apply different commands at one index, each member applies in index order.
 */
final class RaftHarness {
  static final int PORT = 2377;

  final VirtualClock clock = new VirtualClock();
  final SeededRandom random;
  final EventBus bus = new EventBus();
  final Underlay underlay;
  final int n;
  final List<Member> members = new ArrayList<>();
  final List<MemoryFs> disks = new ArrayList<>();
  final List<Nic> nics = new ArrayList<>();
  final RaftMember[] nodes;
  final Applier[] appliers;
  final boolean[] connected;
  private final int snapshotInterval;

  /** Committed command per index, as the first member to apply it saw it. */
  final Map<Long, String> committed = new HashMap<>();

  /** Leader per term, as first seen. */
  final Map<Integer, String> leaders = new TreeMap<>();

  final List<String> trace = new ArrayList<>();
  private final Map<String, Integer> index = new LinkedHashMap<>();
  private long steps;

  RaftHarness(int n, long seed) {
    this(n, seed, 10_000);
  }

  RaftHarness(int n, long seed, int snapshotInterval) {
    this.n = n;
    this.random = new SeededRandom(seed);
    this.snapshotInterval = snapshotInterval;
    this.underlay = new Underlay(clock, random.fork("underlay"), bus);
    this.nodes = new RaftMember[n];
    this.appliers = new Applier[n];
    this.connected = new boolean[n];
    for (int i = 0; i < n; i++) {
      Member m = new Member("m" + (i + 1), "10.0.0." + (i + 1));
      members.add(m);
      index.put(m.id(), i);
      disks.add(new MemoryFs(clock::nowNanos));
      nics.add(underlay.attach(m.id(), m.address()));
      connected[i] = true;
    }
    for (int i = 0; i < n; i++) {
      start(i, false);
    }
  }

  // ---- members ----------------------------------------------------------------------------------

  private final RaftMember.Network network =
      new RaftMember.Network() {
        @Override
        public void send(Member from, Member to, byte[] bytes, String summary) {
          nics.get(index.get(from.id())).send(PORT, to.address(), PORT, "tcp", bytes, summary);
        }

        @Override
        public boolean reachable(Member from, Member to) {
          return underlay.reachable(from.address(), to.address());
        }
      };

  /** Starts member i: new, or from its files when {@code restore}. */
  void start(int i, boolean restore) {
    Applier a = new Applier(i);
    RaftMember.Builder b =
        RaftMember.builder()
            .clock(clock)
            .seed(random.fork("raft/" + i + "/" + clock.nowNanos()).nextLong())
            .network(network)
            .stateMachine(a)
            .operations(new StringOps())
            .snapshotInterval(snapshotInterval)
            .storage(disks.get(i), "/var/lib/docker/swarm/raft", Sealer.PLAIN);
    // A member that died before its first write has nothing to restore: it starts as new.
    boolean hasState = restore && FileRaftStore.exists(disks.get(i), "/var/lib/docker/swarm/raft");
    RaftMember m =
        hasState ? b.restore() : b.self(members.get(i)).initialMembers(members).bootstrap();
    nodes[i] = m;
    appliers[i] = a;
    nics.get(i).listen(PORT, p -> m.receive(p.payload()));
    m.start();
  }

  /** The process of member i dies (its disk stays). */
  void crash(int i) {
    nodes[i].kill();
    nics.get(i).close(PORT);
    trace.add(clock.nowNanos() + " crash m" + (i + 1));
  }

  /** Member i comes back from its files. */
  void restart(int i) {
    if (nodes[i].alive()) {
      crash(i);
    }
    start(i, true);
    trace.add(clock.nowNanos() + " restart m" + (i + 1));
  }

  boolean alive(int i) {
    return nodes[i].alive();
  }

  void disconnect(int i) {
    trace.add(clock.nowNanos() + " disconnect m" + (i + 1));
    connected[i] = false;
    partitionByConnection();
  }

  void connect(int i) {
    if (!connected[i]) {
      trace.add(clock.nowNanos() + " connect m" + (i + 1));
    }
    connected[i] = true;
    partitionByConnection();
  }

  private void partitionByConnection() {
    List<Set<String>> sides = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!connected[i]) {
        sides.add(Set.of(members.get(i).address()));
      }
    }
    if (sides.isEmpty()) {
      underlay.heal();
    } else {
      underlay.partition(sides);
    }
  }

  void unreliable(boolean on) {
    trace.add(clock.nowNanos() + " unreliable " + on);
    underlay.setLoss(on ? 0.1 : 0);
    underlay.setJitter(on ? Duration.ofMillis(30) : Duration.ZERO);
  }

  // ---- time and invariants ----------------------------------------------------------------------

  /** Lets {@code d} of virtual time pass, checking the invariants after every instant. */
  void run(Duration d) {
    long end = clock.nowNanos() + d.toNanos();
    while (true) {
      long next = clock.nextDueNanos();
      if (next < 0 || next > end) {
        break;
      }
      clock.advanceTo(next);
      steps++;
      checkLeaders();
    }
    clock.advanceTo(end);
  }

  long steps() {
    return steps;
  }

  private void checkLeaders() {
    for (int i = 0; i < n; i++) {
      RaftMember m = nodes[i];
      if (m.alive() && m.isLeader()) {
        String id = m.self().id();
        String earlier = leaders.putIfAbsent(m.term(), id);
        if (earlier == null) {
          trace.add(clock.nowNanos() + " leader " + id + " term " + m.term());
        } else if (!earlier.equals(id)) {
          throw new AssertionError(
              "two leaders in term " + m.term() + ": " + earlier + " and " + id);
        }
      }
    }
  }

  /** The one member that is leader now among connected, live members, or -1. */
  int leader() {
    int found = -1;
    int term = -1;
    for (int i = 0; i < n; i++) {
      if (connected[i] && nodes[i].alive() && nodes[i].isLeader() && nodes[i].term() > term) {
        found = i;
        term = nodes[i].term();
      }
    }
    return found;
  }

  /** Waits up to {@code max} for a leader among the connected members (6.5840's checkOneLeader). */
  int awaitLeader(Duration max) {
    long end = clock.nowNanos() + max.toNanos();
    while (clock.nowNanos() < end) {
      run(Duration.ofMillis(500));
      int l = leader();
      if (l >= 0) {
        return l;
      }
    }
    return -1;
  }

  /**
   * 6.5840's {@code one(cmd, expectedServers)}: submits to whoever is leader, retrying, until
   * {@code expected} members applied it at one index; returns that index or -1 after {@code max}.
   */
  long one(String cmd, int expected, Duration max) {
    long end = clock.nowNanos() + max.toNanos();
    while (clock.nowNanos() < end) {
      int l = leader();
      if (l >= 0) {
        CompletableFuture<Ordered<Object>> f = nodes[l].replicate(cmd);
        long until = clock.nowNanos() + Duration.ofSeconds(3).toNanos();
        while (clock.nowNanos() < until && !f.isDone()) {
          run(Duration.ofMillis(50));
        }
        if (f.isDone() && !f.isCompletedExceptionally()) {
          long idx = f.join().getCommitIndex();
          long until2 = clock.nowNanos() + Duration.ofSeconds(3).toNanos();
          while (clock.nowNanos() < until2) {
            if (appliedCount(idx, cmd) >= expected) {
              return idx;
            }
            run(Duration.ofMillis(100));
          }
        }
      } else {
        run(Duration.ofMillis(200));
      }
    }
    return -1;
  }

  /** How many members applied {@code cmd} at {@code idx}. */
  int appliedCount(long idx, String cmd) {
    int c = 0;
    for (int i = 0; i < n; i++) {
      if (cmd.equals(appliers[i].applied.get(idx))) {
        c++;
      }
    }
    return c;
  }

  /** Submits to member i without waiting (a client talking to a possibly stale leader). */
  CompletableFuture<Ordered<Object>> submit(int i, String cmd) {
    return nodes[i].replicate(cmd);
  }

  /** 6.5840's checkNoLeader: no connected live member believes it leads. */
  boolean noLeader() {
    return leader() < 0;
  }

  // ---- state machine ----------------------------------------------------------------------------

  /** Records what a member applies and checks the apply invariants as it happens. */
  final class Applier implements StateMachine {
    final int member;
    final TreeMap<Long, String> applied = new TreeMap<>();
    long lastApplied;

    Applier(int member) {
      this.member = member;
    }

    @Override
    public Object runOperation(long commitIndex, Object operation) {
      if (commitIndex <= lastApplied) {
        throw new AssertionError(
            "m" + (member + 1) + " applied " + commitIndex + " after " + lastApplied);
      }
      lastApplied = commitIndex;
      String cmd = operation instanceof Operations.NewTerm ? "<new term>" : (String) operation;
      applied.put(commitIndex, cmd);
      String other = committed.putIfAbsent(commitIndex, cmd);
      if (other != null && !other.equals(cmd)) {
        throw new AssertionError(
            "index "
                + commitIndex
                + ": m"
                + (member + 1)
                + " applied "
                + cmd
                + ", another "
                + other);
      }
      return cmd;
    }

    @Override
    public void takeSnapshot(long commitIndex, Consumer<Object> chunks) {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<Long, String> e : applied.headMap(commitIndex, true).entrySet()) {
        sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
      }
      chunks.accept(sb.toString());
    }

    @Override
    public void installSnapshot(long commitIndex, List<Object> chunks) {
      applied.clear();
      for (Object c : chunks) {
        for (String line : ((String) c).split("\n")) {
          if (!line.isEmpty()) {
            int eq = line.indexOf('=');
            long idx = Long.parseLong(line.substring(0, eq));
            String cmd = line.substring(eq + 1);
            applied.put(idx, cmd);
            String other = committed.putIfAbsent(idx, cmd);
            if (other != null && !other.equals(cmd)) {
              throw new AssertionError(
                  "snapshot disagrees at " + idx + ": " + cmd + " vs " + other);
            }
          }
        }
      }
      lastApplied = commitIndex;
    }

    @Override
    public Object getNewTermOperation() {
      return new Operations.NewTerm();
    }
  }

  /** Commands are strings; snapshots are text. */
  static final class StringOps implements Operations {
    @Override
    public byte[] encode(Object operation) {
      return ((String) operation).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object decode(byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String describe(Object operation) {
      return String.valueOf(operation);
    }
  }

  boolean active(int i) {
    return nodes[i].status() == RaftNodeStatus.ACTIVE;
  }
}
