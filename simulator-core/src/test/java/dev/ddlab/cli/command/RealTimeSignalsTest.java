package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docker kill's real-time signals, as moby/sys/signal's SignalMap has them for Linux (RTMIN 34 …
 * RTMIN+15 49, RTMAX-14 50 … RTMAX 64): accepted by number and name, while 32, 33 and 65 are not
 * and RTMIN+16 is no name. Typed on the private dockerd (Engine 20.10 words the refusals with a
 * capital and without v24's {@code Cannot kill container: REF:} on the parse error).
 */
class RealTimeSignalsTest {
  private final TypedNode node = new TypedNode(1, "docker run -d --name rt alpine sleep 1000");

  @AfterEach
  void close() {
    node.close();
  }

  private void fails(String expected, String line) {
    TranscriptEntry e = node.session.type("node1", line);
    assertEquals(expected, e.output(), line);
    assertEquals(1, e.exitCode(), line);
  }

  @Test
  void real_time_signals_are_accepted_by_number_and_name_and_pid_1_ignores_them() {
    assertEquals("rt\n", node.ok("docker kill -s 34 rt"));
    assertEquals("rt\n", node.ok("docker kill -s SIGRTMIN+3 rt"));
    assertEquals("rt\n", node.ok("docker kill -s RTMAX-1 rt"));
    assertEquals("rt\n", node.ok("docker kill -s 64 rt"));
    assertEquals("running\n", node.ok("docker inspect -f '{{.State.Status}}' rt"));
    assertEquals(
        "34\n37\n63\n64\n",
        node.ok(
            "docker events --since 0 --until 1000000000000 --filter event=kill --format"
                + " '{{.Actor.Attributes.signal}}'"));
  }

  @Test
  void numbers_and_names_outside_the_map_are_refused() {
    fails(
        "Error response from daemon: Cannot kill container: rt: the linux daemon does not support"
            + " signal 33\n",
        "docker kill -s 33 rt");
    fails(
        "Error response from daemon: Cannot kill container: rt: the linux daemon does not support"
            + " signal 65\n",
        "docker kill -s 65 rt");
    fails(
        "Error response from daemon: Cannot kill container: rt: invalid signal: RTMIN+16\n",
        "docker kill -s RTMIN+16 rt");
  }

  @Test
  void a_real_time_stop_signal_is_kept_and_stop_kills_after_the_timeout() {
    node.ok("docker run -d --name rs --stop-signal SIGRTMIN+3 alpine sleep 1000");
    assertEquals("SIGRTMIN+3\n", node.ok("docker inspect -f '{{.Config.StopSignal}}' rs"));
    node.ok("docker stop rs");
    assertEquals("137\n", node.ok("docker inspect -f '{{.State.ExitCode}}' rs"));
  }
}
