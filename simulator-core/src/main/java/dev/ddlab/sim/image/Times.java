package dev.ddlab.sim.image;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Go's time.RFC3339Nano as image configs and the Engine API write it (trailing zeros trimmed). */
final class Times {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private Times() {}

  static String rfc3339(long epochNanos) {
    long secs = Math.floorDiv(epochNanos, 1_000_000_000L);
    long nanos = Math.floorMod(epochNanos, 1_000_000_000L);
    StringBuilder sb = new StringBuilder(SECONDS.format(Instant.ofEpochSecond(secs)));
    if (nanos != 0) {
      String frac = String.format("%09d", nanos).replaceAll("0+$", "");
      sb.append('.').append(frac);
    }
    return sb.append('Z').toString();
  }

  static long parseNanos(String rfc3339) {
    if (rfc3339 == null || rfc3339.isEmpty()) {
      return 0;
    }
    Instant i = Instant.parse(rfc3339);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
