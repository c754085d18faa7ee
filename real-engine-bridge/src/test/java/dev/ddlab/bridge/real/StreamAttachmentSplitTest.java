package dev.ddlab.bridge.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.bridge.stream.StdStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without a TTY the daemon's stream carries stdout and stderr in stdcopy frames; once the client
 * asks for stderr apart, the bridge hands each stream to its own consumer, every byte of both, in
 * the order they came, while its buffer stays bounded (no daemon needed: the frames are made here).
 */
class StreamAttachmentSplitTest {
  private static String seq(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      b.append(i).append('\n');
    }
    return b.toString();
  }

  /** {@code text} in frames of at most {@code size} bytes of one stream. */
  private static void frames(ByteArrayOutputStream to, int stream, byte[] text, int size) {
    for (int at = 0; at < text.length; at += size) {
      byte[] part = java.util.Arrays.copyOfRange(text, at, Math.min(text.length, at + size));
      to.writeBytes(StdStream.frame(stream, part));
    }
  }

  private static StreamAttachment over(byte[] wire, int exitCode) {
    return new StreamAttachment(
        new ByteArrayInputStream(wire), () -> {}, true, null, d -> exitCode, null);
  }

  @Test
  void every_byte_of_both_streams_reaches_its_own_consumer() {
    // sh -c 'seq 1 20000; seq 1 20000 >&2': 108894 bytes on each stream, in moby's 32 KiB frames
    byte[] lines = seq(20000).getBytes(StandardCharsets.US_ASCII);
    assertEquals(108894, lines.length);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    frames(wire, StdStream.STDOUT, lines, 32 * 1024);
    frames(wire, StdStream.STDERR, lines, 32 * 1024);
    StreamAttachment a = over(wire.toByteArray(), 0);
    assertTrue(a.splitStderr());
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    boolean exited =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> a.follow(Duration.ofSeconds(10), out::append, err::append));
    assertTrue(exited);
    assertEquals(0, a.exitCode());
    assertEquals(seq(20000), out.toString());
    assertEquals(seq(20000), err.toString());
  }

  @Test
  void pieces_come_in_the_order_written_and_a_character_cut_by_a_frame_is_whole() {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    byte[] vi = "xin chào\n".getBytes(StandardCharsets.UTF_8); // à is two bytes
    int cut = "xin ch".length() + 1; // inside à
    wire.writeBytes(StdStream.frame(StdStream.STDOUT, java.util.Arrays.copyOf(vi, cut)));
    wire.writeBytes(StdStream.frame(StdStream.STDERR, "lỗi\n"));
    wire.writeBytes(
        StdStream.frame(StdStream.STDOUT, java.util.Arrays.copyOfRange(vi, cut, vi.length)));
    StreamAttachment a = over(wire.toByteArray(), 3);
    assertTrue(a.splitStderr());
    List<String> seen = new ArrayList<>();
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () ->
            a.follow(Duration.ofSeconds(10), t -> seen.add("out:" + t), t -> seen.add("err:" + t)));
    assertEquals(List.of("out:xin ch", "err:lỗi\n", "out:ào\n"), seen);
    assertEquals(3, a.exitCode());
  }

  @Test
  void read_gives_both_streams_in_order_until_split_then_stdout_and_read_stderr_the_rest() {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes(StdStream.frame(StdStream.STDOUT, "out\n"));
    wire.writeBytes(StdStream.frame(StdStream.STDERR, "err\n"));
    StreamAttachment merged = over(wire.toByteArray(), 0);
    assertTrue(merged.awaitExit(Duration.ofSeconds(10)));
    assertEquals("out\nerr\n", merged.read());
    StreamAttachment split = over(wire.toByteArray(), 0);
    assertTrue(split.splitStderr());
    assertTrue(split.awaitExit(Duration.ofSeconds(10)));
    assertEquals("out\n", split.read());
    assertEquals("err\n", split.readStderr());
    assertEquals("", split.read());
    assertEquals(0, split.held());
  }

  @Test
  void await_output_says_how_long_it_waited_or_that_nothing_came() throws Exception {
    java.io.PipedOutputStream daemon = new java.io.PipedOutputStream();
    StreamAttachment a =
        new StreamAttachment(
            new java.io.PipedInputStream(daemon), daemon::close, true, null, d -> 0, null);
    assertEquals(-1, a.awaitOutput(Duration.ofMillis(50)), "nothing came");
    daemon.write(StdStream.frame(StdStream.STDOUT, "x\n"));
    daemon.flush();
    assertTrue(a.awaitOutput(Duration.ofSeconds(10)) >= 0);
    assertEquals("x\n", a.read());
    a.close();
  }

  @Test
  void a_tty_stream_is_one_stream() {
    StreamAttachment a =
        new StreamAttachment(
            new ByteArrayInputStream("a\r\n".getBytes(StandardCharsets.UTF_8)),
            () -> {},
            false,
            null,
            d -> 0,
            null);
    assertFalse(a.splitStderr());
    assertTrue(a.awaitOutput(Duration.ofSeconds(10)) >= 0);
    assertTrue(a.awaitExit(Duration.ofSeconds(10)));
    assertEquals("a\r\n", a.read());
  }
}
