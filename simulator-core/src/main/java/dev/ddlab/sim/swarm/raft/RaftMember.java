package dev.ddlab.sim.swarm.raft;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.sim.clock.VirtualClock;
import io.microraft.MembershipChangeMode;
import io.microraft.Ordered;
import io.microraft.RaftConfig;
import io.microraft.RaftEndpoint;
import io.microraft.RaftNode;
import io.microraft.RaftNodeStatus;
import io.microraft.RaftRole;
import io.microraft.impl.RaftNodeImpl;
import io.microraft.impl.state.RaftState;
import io.microraft.model.RaftModelFactory;
import io.microraft.model.log.LogEntry;
import io.microraft.model.message.AppendEntriesRequest;
import io.microraft.model.message.InstallSnapshotRequest;
import io.microraft.model.message.RaftMessage;
import io.microraft.model.message.VoteResponse;
import io.microraft.persistence.RestoredRaftState;
import io.microraft.report.RaftGroupMembers;
import io.microraft.report.RaftNodeReport;
import io.microraft.report.RaftTerm;
import io.microraft.statemachine.StateMachine;
import io.microraft.transport.Transport;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One manager's Raft: a MicroRaft {@link RaftNode} driven deterministically. Its executor runs on
 * the virtual clock ({@link VirtualExecutor}), its clock is virtual ({@link RaftClock}), its random
 * source is a {@link Random} seeded from the session's seed, its messages go as bytes ({@link
 * WireCodec}) through a {@link Network} (the underlay, where partitions and latency are real), and
 * its durable state is files ({@link FileRaftStore}). Configured with swarmkit's timing: a tick of
 * one second, heartbeats every tick, a leader declared gone after ten ticks without one.
 *
 * <p>{@link #kill()} is the process dying: nothing it scheduled runs any more and it answers no
 * message. A restart builds a new member from the files ({@link #restore}).
 */
public final class RaftMember {
  /** swarmkit's ElectionTick (seconds of silence before a follower looks for a new leader). */
  public static final int ELECTION_TICK = 10;

  /** swarmkit's HeartbeatTick (a leader's heartbeat period, seconds). */
  public static final int HEARTBEAT_TICK = 1;

  /** swarmkit's SnapshotInterval (entries between snapshots). */
  public static final int SNAPSHOT_INTERVAL = 10_000;

  /** How a member's messages travel: bytes from one member's address to another's. */
  public interface Network {
    void send(Member from, Member to, byte[] bytes, String summary);

    boolean reachable(Member from, Member to);
  }

  /** Told of every report MicroRaft publishes (role, term, members changes …). */
  public interface Listener {
    void report(RaftMember member, RaftNodeReport report);
  }

  private final Member self;
  private final VirtualClock clock;
  private final VirtualExecutor executor;
  private final WireCodec codec;
  private final FileRaftStore store;
  private final Network network;
  private final RaftNode node;
  private final Set<String> votesReceived = new LinkedHashSet<>();
  private int votesTerm = -1;
  private long lastLeaderContactNanos = -1;
  private long nextHeartbeatTaskNanos = -1;
  private volatile RaftNodeReport lastReport;
  private final long restoredIndex;

  private RaftMember(Builder b, RestoredRaftState restored) {
    this.self = b.self;
    this.restoredIndex = restored == null ? 0 : lastIndex(restored);
    this.clock = b.clock;
    this.codec = b.codec;
    this.network = b.network;
    this.executor =
        new VirtualExecutor(
            clock,
            ~b.seed,
            (task, due) -> {
              if (task.getClass().getSimpleName().equals("HeartbeatTask")) {
                nextHeartbeatTaskNanos = due;
              }
            });
    this.store = new FileRaftStore(b.fs, b.dir, codec, b.sealer);
    RaftNode.RaftNodeBuilder nb =
        RaftNode.newBuilder()
            .setGroupId(b.groupId)
            .setConfig(config(b.snapshotInterval))
            .setExecutor(executor)
            .setTransport(new NetworkTransport())
            .setStateMachine(b.stateMachine)
            .setStore(store)
            .setModelFactory(b.factory)
            .setRandom(new Random(b.seed))
            .setClock(new RaftClock(clock))
            .setRaftNodeReportListener(
                r -> {
                  lastReport = r;
                  if (b.listener != null) {
                    b.listener.report(this, r);
                  }
                });
    if (restored != null) {
      nb.setRestoredState(restored);
    } else {
      nb.setLocalEndpoint(self).setInitialGroupMembers(List.copyOf(b.initialMembers));
    }
    this.node = nb.build();
  }

  /**
   * swarmkit's timing in MicroRaft's terms: followers check their leader every tick and look for a
   * new one after {@link #ELECTION_TICK} silent ticks; an election round then lasts one tick (plus
   * MicroRaft's up to 100 ms of seeded noise) before a candidate tries again.
   */
  public static RaftConfig config(int snapshotInterval) {
    return RaftConfig.newBuilder()
        .setLeaderHeartbeatPeriodSecs(HEARTBEAT_TICK)
        .setLeaderHeartbeatTimeoutSecs(ELECTION_TICK)
        .setLeaderElectionTimeoutMillis(1000)
        .setCommitCountToTakeSnapshot(snapshotInterval)
        .setMaxPendingLogEntryCount(100_000)
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How a member is made. */
  public static final class Builder {
    private Member self;
    private Collection<Member> initialMembers;
    private String groupId = "swarm";
    private VirtualClock clock;
    private long seed;
    private Network network;
    private StateMachine stateMachine;
    private FileSystem fs;
    private String dir;
    private Sealer sealer = Sealer.PLAIN;
    private Operations operations;
    private Listener listener;
    private RaftModelFactory factory = new WireEntry.Factory();
    private WireCodec codec;
    private int snapshotInterval = SNAPSHOT_INTERVAL;

    public Builder self(Member self) {
      this.self = self;
      return this;
    }

    /** The group's initial members (a joining member gets the same list as the first one had). */
    public Builder initialMembers(Collection<Member> members) {
      this.initialMembers = members;
      return this;
    }

    public Builder groupId(String groupId) {
      this.groupId = groupId;
      return this;
    }

    public Builder clock(VirtualClock clock) {
      this.clock = clock;
      return this;
    }

    /** Seeds the election-timeout noise. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder network(Network network) {
      this.network = network;
      return this;
    }

    public Builder stateMachine(StateMachine stateMachine) {
      this.stateMachine = stateMachine;
      return this;
    }

    /** Where the raft files live ({@code /var/lib/docker/swarm/raft} on a manager). */
    public Builder storage(FileSystem fs, String dir, Sealer sealer) {
      this.fs = fs;
      this.dir = dir;
      this.sealer = sealer;
      return this;
    }

    public Builder operations(Operations operations) {
      this.operations = operations;
      return this;
    }

    /** Entries between snapshots ({@link #SNAPSHOT_INTERVAL} unless a test wants them sooner). */
    public Builder snapshotInterval(int entries) {
      this.snapshotInterval = entries;
      return this;
    }

    public Builder listener(Listener listener) {
      this.listener = listener;
      return this;
    }

    /** A member of a new group, or one joining a running group (with its initial members). */
    public RaftMember bootstrap() {
      codec = new WireCodec(factory, operations);
      return new RaftMember(this, null);
    }

    /** A member restarted from its files. */
    public RaftMember restore() {
      codec = new WireCodec(factory, operations);
      RestoredRaftState state = FileRaftStore.restore(fs, dir, codec, sealer, factory);
      self = (Member) state.getLocalEndpointPersistentState().getLocalEndpoint();
      return new RaftMember(this, state);
    }
  }

  private final class NetworkTransport implements Transport {
    @Override
    public void send(RaftEndpoint target, RaftMessage message) {
      network.send(self, (Member) target, codec.encode(message), WireCodec.describe(message));
    }

    @Override
    public boolean isReachable(RaftEndpoint endpoint) {
      return network.reachable(self, (Member) endpoint);
    }
  }

  // ---- lifecycle --------------------------------------------------------------------------------

  public void start() {
    node.start();
    executor.schedule(this::unstickPreVote, HEARTBEAT_TICK, TimeUnit.SECONDS);
  }

  /**
   * Works around a liveness bug of MicroRaft 0.7: a follower that started a pre-vote and then hears
   * from a leader of its own term keeps its pre-candidate state ({@code
   * AppendEntriesRequestHandler} lines 102–104 set the leader without clearing it), its {@code
   * PreVoteTimeoutTask} then ends because a leader is known ({@code PreVoteTask} line 50), and its
   * {@code HeartbeatTask} only notices a silent leader when no pre-candidate state is left (lines
   * 57, 62, 65): once that leader dies, the follower never looks for another, and a cluster of
   * three can stay leaderless forever. Each tick, such a stuck follower is moved to follower of the
   * same term ({@code toFollower} keeps its vote and its term, clears the leader and the stale
   * pre-candidate state), and MicroRaft's own heartbeat check then runs its pre-vote as usual.
   */
  private void unstickPreVote() {
    if (node instanceof RaftNodeImpl impl && impl.getStatus() == RaftNodeStatus.ACTIVE) {
      RaftState s = impl.state();
      if (s.role() == RaftRole.FOLLOWER
          && s.preCandidateState() != null
          && s.leader() != null
          && impl.isLeaderHeartbeatTimeoutElapsed()) {
        impl.toFollower(s.term());
      }
    }
    if (!RaftNodeStatus.isTerminal(node.getStatus())) {
      executor.schedule(this::unstickPreVote, HEARTBEAT_TICK, TimeUnit.SECONDS);
    }
  }

  /** The process dies: nothing pending runs, nothing more is answered. */
  public void kill() {
    executor.kill();
  }

  public boolean alive() {
    return executor.alive();
  }

  /** Bytes that arrived from the network for this member. */
  public void receive(byte[] bytes) {
    receive(bytes, 0);
  }

  /** The bytes from {@code offset} on arrived from the network for this member. */
  public void receive(byte[] bytes, int offset) {
    if (!executor.alive()) {
      return;
    }
    RaftMessage m = codec.decode(bytes, offset);
    if (m instanceof VoteResponse v && v.isGranted()) {
      if (v.getTerm() != votesTerm) {
        votesReceived.clear();
        votesTerm = v.getTerm();
      }
      votesReceived.add(String.valueOf(v.getSender().getId()));
    } else if (m instanceof AppendEntriesRequest || m instanceof InstallSnapshotRequest) {
      lastLeaderContactNanos = clock.nowNanos();
    }
    node.handle(m);
  }

  // ---- requests ---------------------------------------------------------------------------------

  /** Proposes {@code operation}; the future completes when it is committed and applied here. */
  public <T> CompletableFuture<Ordered<T>> replicate(Object operation) {
    return node.replicate(operation);
  }

  /** Adds or removes a member (on the leader), as swarmkit's raft ConfChange. */
  public CompletableFuture<Ordered<RaftGroupMembers>> changeMembership(
      Member member, MembershipChangeMode mode) {
    return node.changeMembership(member, mode, node.getCommittedMembers().getLogIndex());
  }

  public CompletableFuture<Ordered<Object>> transferLeadership(Member to) {
    return node.transferLeadership(to);
  }

  // ---- state ------------------------------------------------------------------------------------

  /**
   * The last log index this member's files held when it restarted (0 for a new member): entries up
   * to it replay history the member had already lived through.
   */
  public long restoredIndex() {
    return restoredIndex;
  }

  private static long lastIndex(RestoredRaftState st) {
    List<LogEntry> log = st.getLogEntries();
    if (!log.isEmpty()) {
      return log.get(log.size() - 1).getIndex();
    }
    return st.getSnapshotEntry() == null ? 0 : st.getSnapshotEntry().getIndex();
  }

  public Member self() {
    return self;
  }

  public RaftRole role() {
    return lastReport == null ? RaftRole.FOLLOWER : lastReport.getRole();
  }

  public boolean isLeader() {
    return alive() && node.getStatus() == RaftNodeStatus.ACTIVE && isLeaderEndpoint(node.getTerm());
  }

  private boolean isLeaderEndpoint(RaftTerm t) {
    return t.getLeaderEndpoint() != null && t.getLeaderEndpoint().equals(self);
  }

  public int term() {
    return node.getTerm().getTerm();
  }

  /** The leader this member knows of in its term, or null. */
  public Member leader() {
    return (Member) node.getTerm().getLeaderEndpoint();
  }

  public Member votedFor() {
    return (Member) node.getTerm().getVotedEndpoint();
  }

  public RaftNodeStatus status() {
    return node.getStatus();
  }

  /** Members in the committed configuration, in order. */
  public List<Member> members() {
    return node.getCommittedMembers().getMembers().stream().map(e -> (Member) e).toList();
  }

  /** The latest report MicroRaft published (role changes, term changes, snapshots …), or null. */
  public RaftNodeReport lastReport() {
    return lastReport;
  }

  /** The voters that granted this member their vote in its current term. */
  public Set<String> votesReceived() {
    return votesTerm == term() ? Set.copyOf(votesReceived) : Set.of();
  }

  /** Entries held after the snapshot, oldest first. */
  public List<LogEntry> log() {
    return store.entries();
  }

  public long lastLeaderContactNanos() {
    return lastLeaderContactNanos;
  }

  /** When this member next checks its leader's heartbeats (or, as leader, sends them). */
  public long nextHeartbeatTaskNanos() {
    return nextHeartbeatTaskNanos;
  }

  /** This member's state for panels (see {@link RaftStatus}); {@code node} names its machine. */
  public RaftStatus status(String node) {
    if (!alive()) {
      return new RaftStatus(node, "down", term(), "", Set.of(), "", List.of(), 0, 0, -1, -1);
    }
    long commit = 0;
    long applied = 0;
    if (this.node instanceof RaftNodeImpl impl) {
      commit = impl.state().commitIndex();
      applied = impl.state().lastApplied();
    }
    List<RaftStatus.Entry> entries = new java.util.ArrayList<>();
    for (LogEntry e : log()) {
      Object op = e.getOperation();
      String what =
          op instanceof Operations.NewTerm
              ? "new term"
              : op instanceof io.microraft.model.groupop.UpdateRaftGroupMembersOp m
                  ? "members " + m.getMode() + " " + m.getEndpoint().getId()
                  : codec.operations().describe(op);
      entries.add(new RaftStatus.Entry(e.getIndex(), e.getTerm(), what));
    }
    boolean leading = isLeader();
    return new RaftStatus(
        node,
        role().name().toLowerCase(java.util.Locale.ROOT),
        term(),
        votedFor() == null ? "" : votedFor().id(),
        votesReceived(),
        leader() == null ? "" : leader().id(),
        entries,
        commit,
        applied,
        leading || lastLeaderContactNanos < 0
            ? -1
            : lastLeaderContactNanos + ELECTION_TICK * 1_000_000_000L,
        nextHeartbeatTaskNanos);
  }

  public WireCodec codec() {
    return codec;
  }

  public RaftNode node() {
    return node;
  }
}
