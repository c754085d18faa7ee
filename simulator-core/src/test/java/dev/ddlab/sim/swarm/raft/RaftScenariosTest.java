package dev.ddlab.sim.swarm.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.underlay.UnderlayEvent;
import io.microraft.Ordered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MIT 6.5840's Raft tests (lab 3A–3C) on MicroRaft in the simulator, each over several seeds: the
 * seed decides the election noise, the loss and jitter draws, and the scenario's own choices. The
 * harness checks the safety invariants after every instant of virtual time, so every scenario also
 * asserts them. Times are swarmkit's: a leader is declared gone after 10 s of silence, so the waits
 * are longer than 6.5840's.
 */
class RaftScenariosTest {
  private static final Duration ELECTION = Duration.ofSeconds(30);
  private static final Duration AGREE = Duration.ofSeconds(20);

  static LongStream seeds() {
    return LongStream.rangeClosed(1, Long.getLong("ddlab.raft.seeds", 32));
  }

  // ---- 3A: leader election ----------------------------------------------------------------------

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void initial_election_gives_one_leader_whose_term_holds_while_nothing_fails(long seed) {
    RaftHarness h = new RaftHarness(3, seed);
    int leader = h.awaitLeader(ELECTION);
    assertTrue(leader >= 0, "no leader");
    int term = h.nodes[leader].term();
    h.run(Duration.ofSeconds(20));
    assertEquals(leader, h.leader());
    assertEquals(term, h.nodes[leader].term(), "term changed without a failure");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void re_election_after_the_leader_is_cut_off_and_none_without_a_majority(long seed) {
    RaftHarness h = new RaftHarness(3, seed);
    int l1 = h.awaitLeader(ELECTION);
    h.disconnect(l1);
    int l2 = h.awaitLeader(ELECTION);
    assertTrue(l2 >= 0 && l2 != l1, "no new leader after the old one left");
    // The old leader coming back does not disturb the new one.
    h.connect(l1);
    int l3 = h.awaitLeader(ELECTION);
    assertTrue(l3 >= 0);
    // Without a majority there is no leader.
    h.disconnect(l3);
    h.disconnect((l3 + 1) % 3);
    h.run(ELECTION);
    assertTrue(h.noLeader(), "a leader without a majority");
    h.connect((l3 + 1) % 3);
    assertTrue(h.awaitLeader(ELECTION) >= 0, "no leader once a majority is back");
    h.connect(l3);
    assertTrue(h.awaitLeader(ELECTION) >= 0);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void many_elections_among_seven_members_with_three_cut_off_at_a_time(long seed) {
    RaftHarness h = new RaftHarness(7, seed);
    SeededRandom r = new SeededRandom(seed).fork("scenario");
    assertTrue(h.awaitLeader(ELECTION) >= 0);
    for (int round = 0; round < 6; round++) {
      List<Integer> cut = new ArrayList<>();
      while (cut.size() < 3) {
        int i = r.nextInt(7);
        if (!cut.contains(i)) {
          cut.add(i);
        }
      }
      cut.forEach(h::disconnect);
      assertTrue(h.awaitLeader(ELECTION) >= 0, "four of seven elect no leader");
      cut.forEach(h::connect);
    }
    assertTrue(h.awaitLeader(ELECTION) >= 0);
  }

  // ---- 3B: log agreement ------------------------------------------------------------------------

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void basic_agreement_every_member_applies_every_command(long seed) {
    RaftHarness h = new RaftHarness(5, seed);
    h.awaitLeader(ELECTION);
    for (int i = 1; i <= 5; i++) {
      assertTrue(h.one("c" + i, 5, AGREE) > 0, "c" + i);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void agreement_despite_a_cut_off_follower_which_catches_up_when_back(long seed) {
    RaftHarness h = new RaftHarness(3, seed);
    int l = h.awaitLeader(ELECTION);
    assertTrue(h.one("101", 3, AGREE) > 0);
    int f = (l + 1) % 3;
    h.disconnect(f);
    for (int i = 102; i <= 105; i++) {
      assertTrue(h.one(String.valueOf(i), 2, AGREE) > 0);
    }
    h.connect(f);
    assertTrue(h.one("106", 3, AGREE) > 0);
    assertTrue(h.one("107", 3, AGREE) > 0);
    assertTrue(h.appliers[f].applied.containsValue("105"), "the follower did not catch up");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void no_agreement_without_a_majority_then_agreement_once_it_is_back(long seed) {
    RaftHarness h = new RaftHarness(5, seed);
    int l = h.awaitLeader(ELECTION);
    assertTrue(h.one("10", 5, AGREE) > 0);
    l = h.leader();
    for (int k = 1; k <= 3; k++) {
      h.disconnect((l + k) % 5);
    }
    CompletableFuture<Ordered<Object>> f = h.submit(l, "20");
    h.run(Duration.ofSeconds(5));
    assertTrue(!f.isDone() || f.isCompletedExceptionally(), "committed without a majority");
    for (int i = 0; i < 5; i++) {
      assertEquals(null, h.appliers[i].applied.containsValue("20") ? "20" : null);
    }
    for (int k = 1; k <= 3; k++) {
      h.connect((l + k) % 5);
    }
    assertTrue(h.awaitLeader(ELECTION) >= 0);
    assertTrue(h.one("30", 5, AGREE) > 0);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void concurrent_submissions_are_all_committed_once(long seed) {
    RaftHarness h = new RaftHarness(3, seed);
    int l = h.awaitLeader(ELECTION);
    List<CompletableFuture<Ordered<Object>>> fs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      fs.add(h.submit(l, "x" + i));
    }
    h.run(Duration.ofSeconds(5));
    for (int i = 0; i < 20; i++) {
      assertTrue(fs.get(i).isDone() && !fs.get(i).isCompletedExceptionally(), "x" + i);
      long idx = fs.get(i).join().getCommitIndex();
      assertEquals(3, h.appliedCount(idx, "x" + i));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void a_partitioned_leader_rejoins_and_drops_what_it_could_not_commit(long seed) {
    RaftHarness h = new RaftHarness(3, seed);
    h.awaitLeader(ELECTION);
    assertTrue(h.one("101", 3, AGREE) > 0);
    int l1 = h.leader();
    h.disconnect(l1);
    h.submit(l1, "102");
    h.submit(l1, "103");
    h.submit(l1, "104");
    assertTrue(h.one("103b", 2, AGREE) > 0);
    int l2 = h.leader();
    h.disconnect(l2);
    h.connect(l1);
    assertTrue(h.one("104b", 2, AGREE) > 0);
    h.connect(l2);
    assertTrue(h.one("105", 3, AGREE) > 0);
    for (int i = 0; i < 3; i++) {
      assertTrue(!h.appliers[i].applied.containsValue("102"), "an uncommitted entry survived");
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void backup_a_leader_overwrites_many_conflicting_entries_quickly(long seed) {
    RaftHarness h = new RaftHarness(5, seed);
    h.awaitLeader(ELECTION);
    assertTrue(h.one("start", 5, AGREE) > 0);
    int l1 = h.leader();
    // The leader and one follower in a minority get entries that will never commit.
    for (int k = 2; k <= 4; k++) {
      h.disconnect((l1 + k) % 5);
    }
    for (int i = 0; i < 30; i++) {
      h.submit(l1, "lost" + i);
    }
    h.run(Duration.ofSeconds(1));
    h.disconnect(l1);
    h.disconnect((l1 + 1) % 5);
    for (int k = 2; k <= 4; k++) {
      h.connect((l1 + k) % 5);
    }
    for (int i = 0; i < 10; i++) {
      assertTrue(h.one("kept" + i, 3, AGREE) > 0, "kept" + i);
    }
    // Everyone back: the minority's entries give way.
    for (int i = 0; i < 5; i++) {
      h.connect(i);
    }
    assertTrue(h.one("end", 5, Duration.ofSeconds(40)) > 0);
    for (int i = 0; i < 5; i++) {
      assertTrue(!h.appliers[i].applied.containsValue("lost0"));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void an_election_and_ten_agreements_cost_a_bounded_number_of_messages(long seed) {
    RaftHarness h = new RaftHarness(3, seed);
    int[] sent = {0};
    h.bus.subscribe(UnderlayEvent.Sent.class, e -> sent[0]++);
    long t0 = h.clock.nowNanos();
    assertTrue(h.awaitLeader(ELECTION) >= 0);
    long electionSeconds = (h.clock.nowNanos() - t0) / 1_000_000_000L + 1;
    // Pre-votes, votes and their answers for a few rounds, and each second's heartbeats (a leader
    // to two followers and back).
    assertTrue(sent[0] <= 40 + 4 * electionSeconds, "election: " + sent[0]);
    int before = sent[0];
    long t1 = h.clock.nowNanos();
    for (int i = 0; i < 10; i++) {
      assertTrue(h.one("c" + i, 3, AGREE) > 0);
    }
    long seconds = (h.clock.nowNanos() - t1) / 1_000_000_000L + 1;
    int used = sent[0] - before;
    // Each agreement: an append to each follower and its answer, and one more round to tell them
    // the commit index; plus the heartbeats.
    assertTrue(used <= 10 * 8 + seconds * 4, "agreements: " + used + " in " + seconds + " s");
  }

  // ---- 3C: persistence --------------------------------------------------------------------------

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void state_survives_restarts_of_every_member_and_of_the_leader(long seed) {
    RaftHarness h = new RaftHarness(3, seed);
    h.awaitLeader(ELECTION);
    assertTrue(h.one("11", 3, AGREE) > 0);
    for (int i = 0; i < 3; i++) {
      h.crash(i);
    }
    for (int i = 0; i < 3; i++) {
      h.restart(i);
    }
    assertTrue(h.one("12", 3, Duration.ofSeconds(40)) > 0);
    int l = h.leader();
    h.restart(l);
    assertTrue(h.one("13", 3, Duration.ofSeconds(40)) > 0);
    l = h.leader();
    h.crash(l);
    assertTrue(h.one("14", 2, Duration.ofSeconds(40)) > 0);
    h.restart(l);
    assertTrue(h.one("15", 3, Duration.ofSeconds(40)) > 0);
    for (int i = 0; i < 3; i++) {
      assertTrue(h.appliers[i].applied.containsValue("11"), "m" + (i + 1) + " lost 11");
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void more_persistence_members_crash_in_turns_and_nothing_committed_is_lost(long seed) {
    RaftHarness h = new RaftHarness(5, seed);
    h.awaitLeader(ELECTION);
    int index = 1;
    for (int iter = 0; iter < 3; iter++) {
      assertTrue(h.one("p" + index++, 5, Duration.ofSeconds(40)) > 0);
      int l = h.leader();
      h.crash((l + 1) % 5);
      h.crash((l + 2) % 5);
      assertTrue(h.one("p" + index++, 3, Duration.ofSeconds(40)) > 0);
      h.crash(l);
      h.crash((l + 3) % 5);
      h.crash((l + 4) % 5);
      h.restart((l + 1) % 5);
      h.restart((l + 2) % 5);
      h.run(Duration.ofSeconds(1));
      h.restart((l + 3) % 5);
      assertTrue(h.one("p" + index++, 3, Duration.ofSeconds(40)) > 0);
      h.restart((l + 4) % 5);
      h.restart(l);
    }
    assertTrue(h.one("p" + index, 5, Duration.ofSeconds(40)) > 0);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void figure_8_a_leader_never_commits_an_old_terms_entry_by_counting_replicas(long seed) {
    figure8(seed, false);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void figure_8_on_an_unreliable_network(long seed) {
    figure8(seed, true);
  }

  private static void figure8(long seed, boolean unreliable) {
    RaftHarness h = new RaftHarness(5, seed);
    SeededRandom r = new SeededRandom(seed).fork("figure8");
    h.unreliable(unreliable);
    h.awaitLeader(ELECTION);
    int up = 5;
    for (int iter = 0; iter < 30; iter++) {
      int l = h.leader();
      if (l >= 0) {
        h.submit(l, "f" + iter);
      }
      h.run(Duration.ofMillis(r.nextInt(200, 15_000)));
      if (l >= 0 && r.nextInt(2) == 0 && h.alive(l)) {
        if (unreliable) {
          h.disconnect(l);
        } else {
          h.crash(l);
        }
        up--;
      }
      if (up < 3) {
        int s = r.nextInt(5);
        if (unreliable ? !h.connected[s] : !h.alive(s)) {
          if (unreliable) {
            h.connect(s);
          } else {
            h.restart(s);
          }
          up++;
        }
      }
    }
    h.unreliable(false);
    for (int i = 0; i < 5; i++) {
      if (!h.alive(i)) {
        h.restart(i);
      }
      h.connect(i);
    }
    assertTrue(h.one("final", 5, Duration.ofSeconds(60)) > 0);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void agreement_on_an_unreliable_network(long seed) {
    RaftHarness h = new RaftHarness(5, seed);
    h.unreliable(true);
    h.awaitLeader(Duration.ofSeconds(60));
    for (int i = 0; i < 10; i++) {
      assertTrue(h.one("u" + i, 1, Duration.ofSeconds(60)) > 0, "u" + i);
    }
    h.unreliable(false);
    assertTrue(h.one("100", 5, Duration.ofSeconds(60)) > 0);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void churn_members_crash_restart_and_are_cut_off_while_clients_submit(long seed) {
    RaftChurn.run(seed, 5, Duration.ofSeconds(90), true);
  }
}
