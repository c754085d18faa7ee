package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded pipe between two stages and the reader over it. */
class PipeTest {
  private final List<String> woken = new ArrayList<>();

  private Pipe pipe() {
    return new Pipe(() -> true, Runnable::run);
  }

  @Test
  void a_writer_waits_while_the_pipe_is_full_and_goes_on_when_the_reader_takes() {
    Pipe p = pipe();
    Stdin in = new Stdin(p);
    p.accept("x".repeat(Pipe.CAPACITY));
    p.whenWritable(() -> woken.add("writer"));
    assertEquals(List.of(), woken);
    assertEquals(Pipe.CAPACITY, p.bytes());
    assertEquals("xxx", in.line().substring(0, 3)); // the reader took the pipe's content
    assertEquals(List.of("writer"), woken);
  }

  @Test
  void a_reader_waits_for_a_line_or_the_end_of_its_input() {
    Pipe p = pipe();
    Stdin in = new Stdin(p);
    in.whenReady('\n', () -> woken.add("line"));
    p.accept("par");
    assertEquals(List.of(), woken, "half a line");
    p.accept("t\nrest");
    assertEquals(List.of("line"), woken);
    assertEquals("part\n", in.line());
    in.whenReady('\n', () -> woken.add("end"));
    p.closeWriter();
    assertEquals(List.of("line", "end"), woken);
    assertEquals("rest", in.line());
    assertTrue(in.atEnd());
  }

  @Test
  void a_write_after_the_reader_closed_its_end_is_sigpipe() {
    Pipe p = pipe();
    p.accept("a\n");
    p.closeReader();
    assertFalse(p.sigpiped(), "what was written before is no harm");
    assertEquals(0, p.bytes(), "what it held is freed");
    p.accept("b\n");
    assertTrue(p.sigpiped());
  }

  @Test
  void a_writer_blocked_in_a_write_when_the_reader_closes_dies_of_sigpipe() {
    Pipe p = pipe();
    p.accept("x".repeat(Pipe.CAPACITY + 10));
    p.whenWritable(() -> woken.add("writer"));
    p.closeReader();
    assertEquals(List.of("writer"), woken);
    assertTrue(p.sigpiped());
  }

  @Test
  void a_head_takes_what_it_wants_and_ends_before_the_input_does() {
    Pipe p = pipe();
    List<String> out = new ArrayList<>();
    int[] status = {-1};
    ToolInput.read(
        "head",
        List.of("-n", "2"),
        new Stdin(p),
        held -> true,
        (args, text, done) -> {
          out.add(text.rest());
          done.accept(0);
        },
        st -> status[0] = st);
    p.accept("1\n");
    assertEquals(-1, status[0]);
    p.accept("2\n3\n");
    assertEquals(0, status[0]);
    assertEquals(List.of("1\n", "2\n"), out);
  }
}
