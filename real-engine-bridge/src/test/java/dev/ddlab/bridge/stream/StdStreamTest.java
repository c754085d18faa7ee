package dev.ddlab.bridge.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StdStreamTest {
  @Test
  void a_frame_has_the_stream_type_three_zero_bytes_and_a_big_endian_size() {
    byte[] f = StdStream.frame(StdStream.STDERR, "oops\n");
    assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 0, 0, 5}, java.util.Arrays.copyOf(f, 8));
    assertEquals(13, f.length);
  }

  @Test
  void frames_read_back_in_order_until_the_end() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(StdStream.frame(StdStream.STDOUT, "xin chào\n"));
    out.writeBytes(StdStream.frame(StdStream.STDERR, "lỗi\n"));
    StdStream.Reader r = new StdStream.Reader(new ByteArrayInputStream(out.toByteArray()));
    StdStream.Frame a = r.next();
    StdStream.Frame b = r.next();
    assertEquals("stdout", a.streamName());
    assertEquals("xin chào\n", a.text());
    assertEquals("stderr", b.streamName());
    assertEquals("lỗi\n", b.text());
    assertNull(r.next());
  }

  @Test
  void an_input_queue_hands_over_what_was_offered_then_ends() {
    InputQueue q = new InputQueue();
    q.offer("ab".getBytes());
    q.close();
    byte[] buf = new byte[10];
    assertEquals(2, q.read(buf, 0, 10));
    assertEquals(-1, q.read(buf, 0, 10));
  }
}
