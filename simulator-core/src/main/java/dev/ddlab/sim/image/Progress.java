package dev.ddlab.sim.image;

import dev.ddlab.engine.dto.ProgressMessage;
import dev.ddlab.go.GoUnits;
import java.util.Map;

/** Progress messages as the daemon's JSON stream carries them (pkg/jsonmessage, go-units). */
final class Progress {
  private Progress() {}

  /** A message with a bar, e.g. Downloading [=====> ] 1.2MB/3.4MB. */
  static ProgressMessage bar(String id, String status, long current, long total) {
    int pct = total <= 0 ? 0 : (int) (current * 100 / total) / 2;
    pct = Math.min(pct, 50);
    String bar =
        "["
            + "=".repeat(pct)
            + ">"
            + " ".repeat(50 - pct)
            + "] "
            + String.format("%8s/%s", GoUnits.humanSize4(current), GoUnits.humanSize4(total));
    return new ProgressMessage(status, id, bar, Map.of("current", current, "total", total), null);
  }
}
