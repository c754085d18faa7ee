package dev.ddlab.sim.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.engine.dto.LogFrame;
import dev.ddlab.fs.Disk;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A chunk of more lines than the json-file log keeps ({@code yes} in a container: 32,768 lines a
 * round) leaves the log as the same lines written one by one would: the same entries, the same
 * space on the disk.
 */
class LogBufferRotationTest {
  @Test
  void a_chunk_of_more_lines_than_are_kept_rotates_as_its_lines_one_by_one_would() {
    StringBuilder chunk = new StringBuilder();
    for (int i = 0; i < 32_768; i++) {
      chunk.append("line ").append(i).append('\n');
    }
    Disk d1 = new Disk(64L * 1024 * 1024);
    Disk d2 = new Disk(64L * 1024 * 1024);
    LogBuffer whole = new LogBuffer(d1);
    LogBuffer byLine = new LogBuffer(d2);
    for (LogBuffer b : List.of(whole, byLine)) {
      b.append(1, false, "before\nhalf a");
      b.append(2, true, "err\n");
    }
    whole.append(3, false, chunk.toString());
    for (String line : chunk.toString().split("(?<=\n)")) {
      byLine.append(3, false, line);
    }
    List<LogFrame> a = whole.read(true, true, 0, Long.MAX_VALUE, -1);
    List<LogFrame> b = byLine.read(true, true, 0, Long.MAX_VALUE, -1);
    assertEquals(b.size(), a.size());
    assertEquals(b.get(0), a.get(0));
    assertEquals(b.get(b.size() - 1), a.get(a.size() - 1));
    assertEquals(b, a);
    assertEquals(d2.used(), d1.used(), "the same space on the disk");
  }
}
