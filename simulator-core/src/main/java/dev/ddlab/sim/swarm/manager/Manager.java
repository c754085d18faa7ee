package dev.ddlab.sim.swarm.manager;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.swarm.raft.FileRaftStore;
import dev.ddlab.sim.swarm.raft.Member;
import dev.ddlab.sim.swarm.raft.Operations;
import dev.ddlab.sim.swarm.raft.RaftMember;
import dev.ddlab.sim.swarm.raft.Sealer;
import dev.ddlab.sim.swarm.raft.WireCodec;
import dev.ddlab.sim.swarm.store.ClusterStore;
import dev.ddlab.sim.swarm.store.StoreAction;
import dev.ddlab.sim.swarm.store.StoreOperations;
import io.microraft.Ordered;
import io.microraft.model.impl.DefaultRaftModelFactory;
import io.microraft.model.log.LogEntry;
import io.microraft.persistence.RestoredRaftState;
import io.microraft.statemachine.StateMachine;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One manager: its Raft member, the store that member's committed entries build, and — while it
 * leads — the leader's components (swarmkit's {@code manager.Manager} starts them on becoming
 * leader): {@link LeaderLoop} with the orchestrators, allocator, scheduler and dispatcher.
 */
public final class Manager {
  /** Where the raft files live on a manager (swarmkit's state dir). */
  public static final String RAFT_DIR = "/var/lib/docker/swarm/raft";

  private final VirtualClock clock;
  private final ClusterStore store = new ClusterStore();
  private final RaftMember raft;
  private final LeaderLoop leader;

  /**
   * @param network how raft bytes reach other managers
   * @param restore start from the files under {@link #RAFT_DIR} instead of as a new member
   * @param initialMembers the group's initial members (ignored when restoring)
   * @param agents how the leader's dispatcher reaches the nodes' agents
   */
  public Manager(
      VirtualClock clock,
      FileSystem fs,
      long seed,
      Member self,
      Collection<Member> initialMembers,
      boolean restore,
      Sealer sealer,
      RaftMember.Network network,
      LeaderLoop.Agents agents,
      RaftMember.Listener listener) {
    this.clock = clock;
    RaftMember.Builder b =
        RaftMember.builder()
            .clock(clock)
            .seed(seed)
            .network(network)
            .stateMachine(new Machine())
            .operations(new StoreOperations())
            .storage(fs, RAFT_DIR, sealer)
            .listener(listener);
    this.raft = restore ? b.restore() : b.self(self).initialMembers(initialMembers).bootstrap();
    this.leader = new LeaderLoop(this, clock, agents);
    store.watch(leader::kick);
  }

  public void start() {
    raft.start();
    leader.start();
  }

  /** The process stops: Raft and the leader's components do nothing more. */
  public void stop() {
    raft.kill();
    leader.stop();
  }

  public RaftMember raft() {
    return raft;
  }

  public ClusterStore store() {
    return store;
  }

  public VirtualClock clock() {
    return clock;
  }

  public boolean isLeader() {
    return raft.alive() && raft.isLeader();
  }

  /** Proposes {@code actions} as one entry; completes when committed and applied here. */
  public CompletableFuture<Ordered<Object>> propose(List<StoreAction> actions) {
    return raft.replicate(new StoreOperations.Batch(actions));
  }

  /**
   * Runs the virtual clock until {@code f} completes or {@code max} passes (an API call waiting for
   * its write to commit).
   */
  public static boolean await(VirtualClock clock, CompletableFuture<?> f, Duration max) {
    return clock.advanceUntil(f::isDone, max) && !f.isCompletedExceptionally();
  }

  /**
   * The store as the raft files under {@link #RAFT_DIR} build it: the latest snapshot and every
   * entry after it, committed or not (what {@code --force-new-cluster} starts from).
   */
  public static ClusterStore replay(FileSystem fs, Sealer sealer) {
    ClusterStore store = new ClusterStore();
    if (!FileRaftStore.exists(fs, RAFT_DIR)) {
      return store;
    }
    DefaultRaftModelFactory factory = new DefaultRaftModelFactory();
    RestoredRaftState st =
        FileRaftStore.restore(
            fs, RAFT_DIR, new WireCodec(factory, new StoreOperations()), sealer, factory);
    if (st.getSnapshotEntry() != null) {
      for (Object chunk : (List<?>) st.getSnapshotEntry().getOperation()) {
        Object op = ((io.microraft.model.log.SnapshotChunk) chunk).getOperation();
        if (op instanceof StoreOperations.Snapshot snap) {
          store.restore(snap.bytes());
        }
      }
    }
    for (LogEntry e : st.getLogEntries()) {
      if (e.getOperation() instanceof StoreOperations.Batch b) {
        store.apply(e.getIndex(), b.actions());
      }
    }
    return store;
  }

  public LeaderLoop leaderLoop() {
    return leader;
  }

  /** Applies committed entries to the store; snapshots are the store's bytes. */
  private final class Machine implements StateMachine {
    @Override
    public Object runOperation(long commitIndex, Object operation) {
      if (operation instanceof StoreOperations.Batch b) {
        store.apply(commitIndex, b.actions());
      }
      return null; // the caller's Ordered carries the commit index
    }

    @Override
    public void takeSnapshot(long commitIndex, Consumer<Object> chunks) {
      chunks.accept(new StoreOperations.Snapshot(store.snapshot()));
    }

    @Override
    public void installSnapshot(long commitIndex, List<Object> chunks) {
      for (Object c : chunks) {
        store.restore(((StoreOperations.Snapshot) c).bytes());
      }
    }

    @Override
    public Object getNewTermOperation() {
      return new Operations.NewTerm();
    }
  }
}
