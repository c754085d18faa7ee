package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.session.Input.Kind;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link RecordingSession} records, and that nothing reaches the session around it. */
class RecordingSessionTest {
  /**
   * The reads of {@link Session} the recording leaves to {@link ForwardingSession} to pass on: they
   * change nothing a replay would need ({@code followTicker} is a mode a replay's opener sets
   * again; {@code close} ends the session).
   */
  private static final Set<String> READS =
      Set.of(
          "id",
          "seed",
          "template",
          "nodes",
          "nodeAddress",
          "engine",
          "prompt",
          "isAttached",
          "echoes",
          "unshownOutput",
          "outputPending",
          "shownOutput",
          "followTicker",
          "complete",
          "transcript",
          "introspection",
          "nowNanos",
          "now",
          "events",
          "close");

  /**
   * Every method of the interfaces through which a session can be changed from outside is declared
   * by the recording (recorded), or is a read named in {@link #READS} that the forwarding base
   * passes on, never merely inherited: a method added to one of them fails here until someone
   * decides whether it must be recorded.
   */
  @Test
  void the_recording_declares_every_method_of_the_interfaces_it_hands_out() {
    List<String> missing = new ArrayList<>();
    for (Method m : Session.class.getMethods()) {
      if (!Modifier.isStatic(m.getModifiers()) && !READS.contains(m.getName())) {
        try {
          RecordingSession.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
        } catch (NoSuchMethodException e) {
          missing.add("RecordingSession does not record Session." + m + " nor names it a read");
        }
      }
    }
    for (Class<?> c : RecordingSession.class.getDeclaredClasses()) {
      for (Class<?> i : c.getInterfaces()) {
        check(i, c, missing);
      }
      for (Class<?> inner : c.getDeclaredClasses()) {
        for (Class<?> i : inner.getInterfaces()) {
          check(i, inner, missing);
        }
      }
    }
    check(FileSystem.class, RecordingFs.class, missing);
    assertEquals(List.of(), missing);
  }

  private static void check(Class<?> api, Class<?> impl, List<String> missing) {
    for (Method m : api.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
        continue;
      }
      try {
        impl.getDeclaredMethod(m.getName(), m.getParameterTypes());
      } catch (NoSuchMethodException e) {
        missing.add(impl.getSimpleName() + " does not declare " + api.getSimpleName() + "." + m);
      }
    }
  }

  @Test
  void typed_lines_files_http_nodes_and_time_are_recorded_and_replayed() {
    List<Input> inputs;
    String ls;
    try (RecordingSession s = new RecordingSession(SimSession.open("single", 3))) {
      s.type("node1", "docker run -d -p 8080:80 --name web nginx");
      s.advance(Duration.ofSeconds(1));
      s.advance(Duration.ofSeconds(2));
      FileSystem fs = s.node("node1").hostFs();
      fs.mkdir("/home/ubuntu/app", false);
      fs.write("/home/ubuntu/app/a.txt", "xin chào".getBytes(StandardCharsets.UTF_8), false);
      fs.rename("/home/ubuntu/app/a.txt", "/home/ubuntu/app/b.txt");
      assertThrows(FsException.class, () -> fs.write("/nowhere/x", new byte[1], false));
      s.node("node1").publishedPort(8080, "/");
      assertThrows(PortUnreachable.class, () -> s.node("node1").publishedPort(9, "/"));
      String added = s.addNode();
      s.type(added, "echo hi");
      s.interrupt(added);
      s.removeNode(added);
      ls = s.type("node1", "ls app && docker ps --format '{{.Names}} {{.Status}}'").output();
      inputs = s.inputs();
    }
    assertEquals(
        List.of(
            Kind.TYPE,
            Kind.ADVANCE,
            Kind.MKDIR,
            Kind.WRITE,
            Kind.RENAME,
            Kind.PUBLISHED_PORT,
            Kind.PUBLISHED_PORT,
            Kind.ADD_NODE,
            Kind.TYPE,
            Kind.INTERRUPT,
            Kind.REMOVE_NODE,
            Kind.TYPE),
        inputs.stream().map(Input::kind).toList(),
        "a refused write is not recorded; two advances are one");
    assertEquals("b.txt\nweb Up 3 seconds\n", ls);
    assertArrayEquals("xin chào".getBytes(StandardCharsets.UTF_8), inputs.get(3).data());
    Replay.Result r = Replay.replayAll(SimSession::open, "single", 3, inputs);
    try (RecordingSession replayed = r.session()) {
      assertEquals(inputs, replayed.inputs());
      assertTrue(
          r.screens().get("node1").endsWith("\nb.txt\nweb Up 3 seconds\n"), r.screens().toString());
      assertTrue(
          r.screens().get("node1").startsWith("ubuntu@node1:~$ docker run -d -p 8080:80"),
          r.screens().get("node1"));
    }
  }

  @Test
  void past_its_budget_of_written_bytes_the_recording_drops_its_inputs_and_keeps_no_more() {
    try (RecordingSession s = new RecordingSession(SimSession.open("single", 3), 10)) {
      s.type("node1", "touch a");
      s.node("node1").hostFs().write("/home/ubuntu/small", new byte[6], false);
      assertEquals(2, s.inputCount());
      s.node("node1").hostFs().write("/home/ubuntu/big", new byte[5], false);
      assertTrue(s.overflowed());
      assertEquals(List.of(), s.inputs());
      s.type("node1", "touch b");
      assertEquals(List.of(), s.inputs(), "nothing more is kept");
      assertEquals("a\nb\nbig\nsmall\n", s.type("node1", "ls -1").output(), "still applied");
    }
  }

  @Test
  void replaying_to_before_an_input_leaves_it_and_what_followed_out() {
    List<Input> inputs;
    try (RecordingSession s = new RecordingSession(SimSession.open("single", 3))) {
      s.type("node1", "touch a");
      s.type("node1", "touch b");
      s.advance(Duration.ofSeconds(5));
      s.type("node1", "touch c");
      inputs = s.inputs();
    }
    Replay.Result r =
        Replay.replay(SimSession::open, "single", 3, inputs, 1, inputs.get(1).atNanos());
    try (RecordingSession replayed = r.session()) {
      assertEquals("a\n", replayed.type("node1", "ls -1").output());
      assertEquals(1, r.applied());
    }
    long mid = inputs.get(1).atNanos() + Duration.ofSeconds(2).toNanos();
    r = Replay.replay(SimSession::open, "single", 3, inputs, inputs.size(), mid);
    try (RecordingSession replayed = r.session()) {
      assertEquals(mid, replayed.nowNanos(), "an advance is cut at the moment");
      assertEquals("a\nb\n", replayed.type("node1", "ls -1").output());
    }
  }
}
