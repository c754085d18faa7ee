package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.introspect.Introspection;
import dev.ddlab.introspect.SwarmView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A recorded swarm session replayed to earlier moments and to its end is the session as it was
 * then: Raft states and logs, services, tasks, messages, containers and the transcript, byte for
 * byte. And time advanced in one step or in many small ones (as the playground's ticker does) gives
 * the same state.
 */
class ReplayDeterminismTest {
  private static final String JOIN =
      "docker swarm join --token $(ssh mgr1 docker swarm join-token -q %s) 10.0.0.1:2377";

  /** A moment of the original: where the recording stood and what the session was. */
  private record Moment(int inputs, long nanos, String state) {}

  /** Everything a learner or a panel can see of the session, as text. */
  static String state(Session s) {
    StringBuilder sb = new StringBuilder();
    sb.append("now ").append(s.nowNanos()).append('\n');
    for (TranscriptEntry e : s.transcript()) {
      sb.append(e).append('\n');
    }
    Introspection in = s.introspection();
    SwarmView sw = in.swarm();
    sw.managers().forEach(m -> sb.append(m).append('\n'));
    sw.services().forEach(v -> sb.append(v).append('\n'));
    sw.tasks(null).forEach(t -> sb.append(t).append('\n'));
    sw.messages().forEach(m -> sb.append(m).append('\n'));
    for (String node : s.nodes()) {
      sb.append(node).append(' ').append(s.prompt(node)).append('\n');
      in.containers().containers(node).forEach(c -> sb.append(c).append('\n'));
    }
    return sb.toString();
  }

  private static void ok(Session s, String node, String line) {
    TranscriptEntry e = s.type(node, line);
    assertEquals(0, e.exitCode(), line + " →\n" + e.output());
  }

  /** Lets {@code d} pass in steps of {@code step} (the ticker's beats), or at once when null. */
  private static void pass(Session s, Duration d, Duration step) {
    if (step == null) {
      s.advance(d);
      return;
    }
    for (long left = d.toNanos(); left > 0; left -= step.toNanos()) {
      s.advance(Duration.ofNanos(Math.min(left, step.toNanos())));
    }
  }

  private static String leader(Session s) {
    return s.introspection().swarm().managers().stream()
        .filter(m -> m.role() == SwarmView.Role.LEADER)
        .map(m -> m.node() + "@" + m.term())
        .findFirst()
        .orElse("");
  }

  /**
   * The scenario: init, two managers and three workers join, a service, the leader's daemon stopped
   * from outside (as the Raft panel does), a re-election while time passes in ticker beats, a
   * partition healed, the service scaled, the old leader started again. Returns its moments.
   */
  private static List<Moment> scenario(RecordingSession s, Duration step) {
    List<Moment> moments = new ArrayList<>();
    Runnable mark = () -> moments.add(new Moment(s.inputCount(), s.nowNanos(), state(s)));
    mark.run();
    ok(s, "mgr1", "docker swarm init --advertise-addr 10.0.0.1");
    for (String m : new String[] {"mgr2", "mgr3"}) {
      ok(s, m, JOIN.formatted("manager"));
    }
    for (String w : new String[] {"wrk1", "wrk2", "wrk3"}) {
      ok(s, w, JOIN.formatted("worker"));
    }
    mark.run();
    ok(s, "mgr1", "docker service create --name web --replicas 4 alpine sleep 1d");
    pass(s, Duration.ofSeconds(3), step);
    mark.run();
    String before = leader(s);
    s.node("mgr1").daemon().orElseThrow().stop();
    pass(s, Duration.ofMillis(12_345), step);
    mark.run();
    pass(s, Duration.ofSeconds(20), step);
    assertNotEquals(before, leader(s), "a new leader after the stop");
    mark.run();
    s.networkFaults().isolate("wrk2");
    pass(s, Duration.ofSeconds(7), step);
    s.networkFaults().heal();
    ok(s, "mgr2", "docker service scale web=6");
    s.node("mgr1").hostFs().write("/home/ubuntu/note.txt", "ghi chú\n".getBytes(), false);
    mark.run();
    s.node("mgr1").daemon().orElseThrow().start();
    pass(s, Duration.ofSeconds(15), step);
    ok(s, "mgr2", "docker node ls");
    s.interrupt("mgr3");
    mark.run();
    return moments;
  }

  @Test
  void replaying_a_swarm_session_to_earlier_moments_and_to_its_end_gives_the_state_it_had() {
    List<Moment> moments;
    List<Input> inputs;
    try (RecordingSession s = new RecordingSession(SimSession.open("swarm-3m3w", 11))) {
      moments = scenario(s, Duration.ofMillis(250));
      inputs = s.inputs();
    }
    assertTrue(inputs.stream().anyMatch(i -> i.kind() == Input.Kind.DAEMON), inputs.toString());
    assertEquals(moments.size(), moments.stream().map(Moment::state).distinct().count());
    assertTrue(moments.get(2).state().contains("role=LEADER"), moments.get(2).state());
    try (Session other = Replay.replayAll(SimSession::open, "swarm-3m3w", 12, inputs).session()) {
      assertNotEquals(moments.get(moments.size() - 1).state(), state(other), "another seed");
    }
    for (Moment m : moments) {
      Replay.Result r =
          Replay.replay(SimSession::open, "swarm-3m3w", 11, inputs, m.inputs(), m.nanos());
      try (RecordingSession replayed = r.session()) {
        assertEquals(m.state(), state(replayed), "at input " + m.inputs());
      }
    }
    Replay.Result end = Replay.replayAll(SimSession::open, "swarm-3m3w", 11, inputs);
    try (RecordingSession replayed = end.session()) {
      assertEquals(moments.get(moments.size() - 1).state(), state(replayed));
      assertEquals(inputs, replayed.inputs(), "the replay records the same inputs");
      assertTrue(end.screens().get("mgr2").contains("docker service scale web=6\n"));
    }
  }

  /**
   * Programs that read what is typed replay too: a shell attached with {@code docker run -it} reads
   * the lines typed at the terminal, {@code docker swarm unlock} its key from a pipe after an
   * autolocked manager restarted.
   */
  @Test
  void an_attached_shell_and_an_unlock_after_a_restart_replay_to_the_same_moments() {
    List<Moment> moments = new ArrayList<>();
    List<Input> inputs;
    try (RecordingSession s = new RecordingSession(SimSession.open("swarm-1m1w", 8))) {
      Runnable mark = () -> moments.add(new Moment(s.inputCount(), s.nowNanos(), state(s)));
      ok(s, "mgr1", "docker swarm init --autolock --advertise-addr 10.0.0.1");
      String key = s.type("mgr1", "docker swarm unlock-key -q").output().trim();
      ok(s, "wrk1", JOIN.formatted("worker"));
      ok(s, "mgr1", "service docker restart");
      s.advance(Duration.ofSeconds(2));
      assertEquals(1, s.type("mgr1", "docker node ls").exitCode(), "locked after the restart");
      mark.run();
      ok(s, "mgr1", "echo " + key + " | docker swarm unlock");
      ok(s, "mgr1", "docker node ls");
      mark.run();
      s.type("wrk1", "docker run -it --name box alpine sh");
      assertEquals("/ # ", s.prompt("wrk1"));
      s.type("wrk1", "echo typed-inside > /f; cat /f");
      mark.run();
      s.advance(Duration.ofSeconds(3));
      s.type("wrk1", "exit");
      ok(s, "wrk1", "docker ps -a --format '{{.Names}} {{.Status}}'");
      mark.run();
      inputs = s.inputs();
    }
    assertTrue(moments.get(2).state().contains("wrk1 / # \n"), moments.get(2).state());
    for (Moment m : moments) {
      Replay.Result r =
          Replay.replay(SimSession::open, "swarm-1m1w", 8, inputs, m.inputs(), m.nanos());
      try (RecordingSession replayed = r.session()) {
        assertEquals(m.state(), state(replayed), "at input " + m.inputs());
      }
    }
  }

  @Test
  void time_advanced_at_once_or_in_ticker_beats_gives_the_same_swarm() {
    List<String> atOnce;
    List<String> inBeats;
    List<String> inMillis;
    try (RecordingSession s = new RecordingSession(SimSession.open("swarm-3m3w", 5))) {
      atOnce = scenario(s, null).stream().map(Moment::state).toList();
    }
    try (RecordingSession s = new RecordingSession(SimSession.open("swarm-3m3w", 5))) {
      inBeats = scenario(s, Duration.ofMillis(250)).stream().map(Moment::state).toList();
    }
    try (RecordingSession s = new RecordingSession(SimSession.open("swarm-3m3w", 5))) {
      inMillis = scenario(s, Duration.ofNanos(1_000_003)).stream().map(Moment::state).toList();
    }
    assertEquals(atOnce, inBeats);
    assertEquals(atOnce, inMillis);
  }
}
