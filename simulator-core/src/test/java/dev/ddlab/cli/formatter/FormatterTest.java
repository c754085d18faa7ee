package dev.ddlab.cli.formatter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.engine.dto.Port;
import dev.ddlab.go.GoUnits;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatterTest {
  private static final long S = 1_000_000_000L;

  @Test
  void human_sizes_use_three_significant_digits_in_base_1000() {
    assertEquals("0B", GoUnits.humanSize(0));
    assertEquals("999B", GoUnits.humanSize(999));
    assertEquals("1kB", GoUnits.humanSize(1000));
    assertEquals("1.2kB", GoUnits.humanSize(1200));
    assertEquals("7.05MB", GoUnits.humanSize(7_049_701));
    assertEquals("111MB", GoUnits.humanSize(111_000_000));
    assertEquals("58.1MB", GoUnits.humanSize(58_123_456));
    assertEquals("1.98MB", GoUnits.humanSize(1_984_512));
    assertEquals("1.985MB", GoUnits.humanSize4(1_984_512));
    assertEquals("1e+03kB", GoUnits.humanSize(999_999));
  }

  @Test
  void two_ids_truncate_alike_exactly_when_their_truncated_texts_are_equal() {
    String[] ids = {
      "sha256:0123456789abcdef",
      "0123456789abcdef",
      "0123456789ab",
      "sha256:0123456789ab",
      "0123456789",
      "sha256:",
      "",
      "alpine",
      "x:alpine",
      "0123456789abX",
      null
    };
    for (String a : ids) {
      for (String b : ids) {
        assertEquals(
            Refs.truncateId(a).equals(Refs.truncateId(b)),
            Refs.sameTruncatedId(a, b),
            () -> a + " / " + b);
      }
    }
  }

  @Test
  void human_durations_match_go_units() {
    assertEquals("Less than a second", GoUnits.humanDuration(500_000_000L));
    assertEquals("1 second", GoUnits.humanDuration(S));
    assertEquals("59 seconds", GoUnits.humanDuration(59 * S));
    assertEquals("About a minute", GoUnits.humanDuration(90 * S));
    assertEquals("2 minutes", GoUnits.humanDuration(120 * S));
    assertEquals("About an hour", GoUnits.humanDuration(3600 * S));
    assertEquals("2 hours", GoUnits.humanDuration(7200 * S));
    assertEquals("47 hours", GoUnits.humanDuration(47 * 3600 * S));
    assertEquals("9 days", GoUnits.humanDuration(9 * 86400 * S));
    assertEquals("2 weeks", GoUnits.humanDuration(15 * 86400 * S));
    assertEquals("22 months", GoUnits.humanDuration(670 * 86400 * S));
    assertEquals("2 years", GoUnits.humanDuration(800 * 86400 * S));
  }

  @Test
  void tabwriter_aligns_columns_with_min_width_ten_and_padding_three() {
    String out = TabWriter.docker().format("A\tBB\tC\nlonger-cell\tx\ty\n");
    assertEquals("A             BB        C\nlonger-cell   x         y\n", out);
  }

  @Test
  void tabwriter_column_blocks_end_at_lines_without_that_column() {
    String out = new TabWriter(0, 1).format("a\tb\tc\naaaa\tb\nx\ty\tz\n");
    assertEquals("a    b c\naaaa b\nx    y z\n", out);
  }

  @Test
  void ports_are_grouped_and_host_mappings_listed_last() {
    assertEquals(
        "0.0.0.0:80->8080/tcp, :::80->8080/tcp",
        ContainerRows.displayablePorts(
            List.of(new Port("0.0.0.0", 8080, 80, "tcp"), new Port("::", 8080, 80, "tcp"))));
    assertEquals(
        "80-81/tcp, 443/tcp",
        ContainerRows.displayablePorts(
            List.of(
                new Port(null, 443, null, "tcp"),
                new Port(null, 80, null, "tcp"),
                new Port(null, 81, null, "tcp"))));
    assertEquals(
        "0.0.0.0:8080-8081->8080-8081/tcp",
        ContainerRows.displayablePorts(
            List.of(
                new Port("0.0.0.0", 8080, 8080, "tcp"), new Port("0.0.0.0", 8081, 8081, "tcp"))));
  }

  @Test
  void commands_are_quoted_and_truncated_to_twenty_display_columns() {
    assertEquals("sh -c 'echo hello; …", Ellipsis.of("sh -c 'echo hello; sleep 1d'", 20));
    assertEquals("short", Ellipsis.of("short", 20));
    // wide characters count two columns; a surrogate pair is one character
    assertEquals("日本語日本語日本語…", Ellipsis.of("日本語日本語日本語日本語", 20));
    assertEquals("😀".repeat(9) + "…", Ellipsis.of("😀".repeat(15), 20));
    assertEquals("😀", Ellipsis.of("😀abc", 1));
  }

  @Test
  void references_normalise_like_docker() {
    assertEquals("docker.io/library/alpine:latest", Refs.normalize("alpine", true));
    assertEquals(
        "docker.io/nigelpoulton/tu-demo:v2", Refs.normalize("nigelpoulton/tu-demo:v2", true));
    assertEquals(
        "gcr.io/google-containers/git-sync:v3.1.5",
        Refs.normalize("gcr.io/google-containers/git-sync:v3.1.5", true));
    assertEquals("docker.io/nigelpoulton/tu-demo", Refs.normalize("nigelpoulton/tu-demo", false));
    assertEquals("alpine:latest", Refs.withDefaultTag("alpine"));
    assertEquals("sha256abc", Refs.truncateId("sha256:sha256abc"));
    assertEquals("44dd6f223004", Refs.truncateId("sha256:44dd6f2230041eede4ee5e7"));
  }
}
