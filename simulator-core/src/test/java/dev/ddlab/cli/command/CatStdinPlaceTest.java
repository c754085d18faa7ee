package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code cat -} and {@code -} among files: the input is read where the {@code -} stands, between
 * the files around it, in a container (busybox) as on the host (coreutils); a file that cannot be
 * read is reported between the files printed before and after it, as cat writes each as it reads
 * it. Before, a container's {@code cat -} (and {@code grep x -}, {@code wc -l -}) got no input.
 */
class CatStdinPlaceTest {
  @RegisterExtension final TypedNode node = new TypedNode(15, "docker pull alpine");

  @Test
  void a_dash_among_files_reads_the_input_at_its_place_in_a_container() {
    assertEquals(
        "a\nb\nc\nhi\n",
        node.ok(
            "docker run --rm alpine sh -c 'echo a > /tmp/a; echo c > /tmp/c;"
                + " echo b | cat /tmp/a - /tmp/c; echo hi | cat -'"));
  }

  @Test
  void a_dash_reads_the_containers_piped_stdin() {
    assertEquals("x\n", node.ok("echo x | docker run -i --rm alpine cat -"));
    assertEquals(
        "a\nx\n", node.ok("echo x | docker run -i --rm alpine sh -c 'echo a > /a; cat /a -'"));
  }

  @Test
  void filters_read_the_input_where_the_dash_stands() {
    assertEquals(
        "(standard input):x\n      1 /tmp/a\n      1 -\n      2 total\n",
        node.ok(
            "docker run --rm alpine sh -c 'echo a > /tmp/a; echo x | grep x /tmp/a -;"
                + " echo y | wc -l /tmp/a -'"));
  }

  @Test
  void a_dash_among_files_on_the_host() {
    node.ok("echo a > a; echo c > c");
    assertEquals("a\nb\nc\n", node.ok("echo b | cat a - c"));
    assertEquals("     1\ta\n     2\tb\n     3\tc\n", node.ok("echo b | cat -n a - c"));
  }

  @Test
  void an_unreadable_file_is_reported_between_the_files_around_it() {
    node.ok("echo a > a; echo c > c");
    TranscriptEntry e = node.typed("cat a nosuch c");
    assertEquals(1, e.exitCode());
    assertEquals("a\ncat: nosuch: No such file or directory\nc\n", e.output());
  }
}
