package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.fs.Content;
import dev.ddlab.fs.Disk;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.MemoryFs;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A node's disk: its host filesystem and its containers' writable layers share one quota of written
 * bytes. A full disk fails writes with ENOSPC in each program's words (bash's and busybox's "write
 * error", cat's, cp's), changes nothing it could not write, and frees the space of removed files
 * and containers, so an endless {@code while echo …; done > file} ends instead of filling the
 * server's heap.
 */
class DiskQuotaTest {
  private static final int DISK = 1_000_000;

  /** A hang guard only (the loop used to run until the JVM ran out of memory). */
  private static <T> T ends(Supplier<T> s) {
    return assertTimeoutPreemptively(Duration.ofMinutes(2), s::get);
  }

  private static SimSession session() {
    SimSession s = SimSession.open("single", 1);
    s.host("node1").hostFs().disk(new Disk(DISK));
    s.type("node1", "x=" + "y".repeat(1000));
    return s;
  }

  @Test
  void an_endless_echo_loop_into_a_file_on_the_host_ends_with_bashs_write_error() {
    try (SimSession s = session()) {
      TranscriptEntry loop = ends(() -> s.type("node1", "while echo $x; do :; done > big"));
      assertEquals("bash: echo: write error: No space left on device\n", loop.output());
      long size = s.host("node1").hostFs().stat("/home/ubuntu/big").orElseThrow().size();
      // the host's own files (/etc/passwd, /etc/group, /etc/hosts …) hold about 4 KB of it
      assertTrue(size > DISK - 6_000 && size <= DISK, "size " + size);
      assertEquals(
          "cat: write error: No space left on device\n[exit 1]\n",
          s.type("node1", "cat big > copy || echo '[exit '$?']'").output());
      assertEquals(
          "cp: error writing '/home/ubuntu/big2': No space left on device\n",
          s.type("node1", "cp big /home/ubuntu/big2").output());
      s.type("node1", "rm big copy");
      assertEquals("hi\n", s.type("node1", "echo hi > f; cat f").output());
    }
  }

  @Test
  void a_containers_writable_layer_counts_on_the_nodes_disk_until_the_container_is_removed() {
    try (SimSession s = session()) {
      s.type("node1", "docker pull -q alpine");
      TranscriptEntry run =
          ends(
              () ->
                  s.type(
                      "node1",
                      "docker run --name filler -e x=$x alpine sh -c"
                          + " 'while echo $x; do :; done > /big'"));
      assertEquals("sh: write error: No space left on device\n", run.output());
      assertEquals(0, run.exitCode(), "a while loop's status is its body's last, as in ash");
      assertTrue(
          s.type("node1", "echo $x > f").output().contains("No space left on device"),
          "the host shares the full disk");
      s.type("node1", "docker rm filler");
      assertEquals("", s.type("node1", "echo $x > f").output());
    }
  }

  @Test
  void a_write_that_does_not_fit_changes_nothing() {
    MemoryFs fs = new MemoryFs(() -> 0L);
    fs.disk(new Disk(10));
    fs.write("/a", "12345".getBytes(), false);
    FsException e =
        assertThrows(FsException.class, () -> fs.write("/a", "123456".getBytes(), true));
    assertEquals(FsException.Errno.ENOSPC, e.errno());
    assertEquals("12345", new String(fs.read("/a")));
    assertEquals(5, fs.disk().used());
    fs.write("/a", "1234567890".getBytes(), false);
    assertEquals(10, fs.disk().used());
    fs.remove("/a", false);
    assertEquals(0, fs.disk().used());
  }

  @Test
  void appending_shares_the_buffer_without_changing_earlier_contents() {
    Content a = Content.text("ab");
    Content b = a.append("cd".getBytes());
    Content c = b.append("ef".getBytes());
    Content d = b.append("XY".getBytes());
    assertEquals("ab", new String(a.bytes()));
    assertEquals("abcd", new String(b.bytes()));
    assertEquals("abcdef", new String(c.bytes()));
    assertEquals("abcdXY", new String(d.bytes()));
    assertEquals(Content.text("abcdef"), c);
    assertEquals(Content.text("abcdef").hashCode(), c.hashCode());
  }
}
