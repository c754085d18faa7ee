package dev.ddlab.sim.image;

import dev.ddlab.engine.dto.ProgressMessage;
import java.util.Map;

/** Progress messages as the daemon's JSON stream carries them (pkg/jsonmessage, go-units). */
final class Progress {
  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

  private Progress() {}

  /** go-units HumanSizeWithPrecision(size, 4): "3.402MB", "32.77kB", "512B". */
  static String humanSize(double size) {
    int i = 0;
    while (size >= 1000 && i < UNITS.length - 1) {
      size /= 1000;
      i++;
    }
    String s = String.format(java.util.Locale.ROOT, "%.4g", size);
    if (s.contains(".") && !s.contains("e")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s + UNITS[i];
  }

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
            + String.format("%8s/%s", humanSize(current), humanSize(total));
    return new ProgressMessage(status, id, bar, Map.of("current", current, "total", total), null);
  }

  static ProgressMessage empty(String id, String status) {
    return ProgressMessage.step(id, status);
  }
}
