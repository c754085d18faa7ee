package dev.ddlab.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GoTimeTest {
  @Test
  void rfc3339_times_read_as_instant_parse_reads_them_and_bad_ones_are_refused_alike() {
    for (String t :
        java.util.List.of(
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:05.5Z",
            "2024-02-29T23:59:59.123456789Z",
            "2023-12-31T12:34:56.000001Z",
            "1999-07-04T01:02:03.12Z",
            "2024-01-01T07:00:00+07:00")) {
      java.time.Instant i = java.time.Instant.parse(t);
      assertEquals(i.getEpochSecond() * 1_000_000_000L + i.getNano(), GoTime.parseRfc3339(t), t);
    }
    for (String bad : java.util.List.of("2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "x")) {
      assertThrows(java.time.DateTimeException.class, () -> GoTime.parseRfc3339(bad), bad);
    }
    assertEquals(0, GoTime.parseRfc3339("0001-01-01T00:00:00Z"));
  }

  private static final long NOW = 1_704_067_200_000_000_000L; // 2024-01-01T00:00:00Z

  /** Each time as java.time formats it with nine fraction digits, and as rfc3339NanoFixed does. */
  private static void writtenAsJavaTimeFormatsThem(long... samples) {
    java.time.format.DateTimeFormatter nine =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    for (long nanos : samples) {
      assertEquals(nine.format(GoTime.instant(nanos)), GoTime.rfc3339NanoFixed(nanos), "" + nanos);
    }
  }

  @Test
  void rfc3339_times_are_written_digit_for_digit_as_java_time_formats_them() {
    writtenAsJavaTimeFormatsThem(
        0L, 1L, 951_782_400_123_456_789L, 1_709_164_799_999_999_999L, 4_102_444_800_000_000_000L);
    assertEquals("2000-02-29T00:00:00.123456789Z", GoTime.rfc3339Nano(951_782_400_123_456_789L));
    assertEquals("1970-01-01T00:00:00Z", GoTime.rfc3339Nano(0));
  }

  @Test
  void times_in_the_same_second_and_then_others_are_each_written_as_java_time_formats_them() {
    // a log's lines: runs in one second, the next second, an earlier one, a year away, and back
    writtenAsJavaTimeFormatsThem(
        NOW + 1,
        NOW + 999_999_999L,
        NOW + 1_000_000_000L,
        NOW + 1_000_000_001L,
        NOW,
        NOW - 1,
        NOW + 31_536_000_000_000_000L,
        NOW + 5,
        -1_000_000_001L,
        0L,
        NOW + 7);
  }

  @Test
  void durations_parse_as_go_writes_them_and_anything_else_is_not_one() {
    assertEquals(5_400_000_000_000L, GoTime.parseDuration("1h30m"));
    assertEquals(5_400_000_000_000L, GoTime.parseDuration("1.5h"));
    assertEquals(250_000_000L, GoTime.parseDuration("250ms"));
    assertEquals(3_000L, GoTime.parseDuration("3µs"));
    assertNull(GoTime.parseDuration("10"));
    assertNull(GoTime.parseDuration("1d"));
    assertNull(GoTime.parseDuration(""));
  }

  @Test
  void timestamps_are_a_duration_ago_unix_seconds_a_date_or_rfc3339() {
    assertEquals(NOW - 86_400_000_000_000L, GoTime.timestamp("24h", NOW));
    assertEquals(1_704_067_200_500_000_000L, GoTime.timestamp("1704067200.5", NOW));
    assertEquals(NOW, GoTime.timestamp("2024-01-01", NOW));
    assertEquals(NOW, GoTime.timestamp("2024-01-01T07:00:00+07:00", NOW));
    assertEquals(NOW + 1_000_000_000L, GoTime.timestamp("2024-01-01T00:00:01Z", NOW));
    assertEquals(NOW, GoTime.timestamp("2024-01-01T00:00:00", NOW));
    assertThrows(IllegalArgumentException.class, () -> GoTime.timestamp("yesterday", NOW));
  }
}
