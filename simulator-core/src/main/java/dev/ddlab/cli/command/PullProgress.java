package dev.ddlab.cli.command;

import dev.ddlab.engine.dto.ProgressMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * jsonmessage.DisplayJSONMessagesStream: on a terminal each layer keeps one line that later
 * progress messages overwrite, so what remains is the final screen; otherwise every message is a
 * line. A message without progress ("Pulling from", "Digest:") forgets those lines, so that the
 * next tag of {@code pull -a} prints its shared layers again instead of rewriting the previous
 * tag's. Errors in the stream end the pull with the daemon's message.
 */
final class PullProgress implements Consumer<ProgressMessage> {
  private final boolean tty;
  private final List<String> lines = new ArrayList<>();
  private final Map<String, Integer> lineOfId = new HashMap<>();
  private String error;

  PullProgress(boolean tty) {
    this.tty = tty;
  }

  @Override
  public void accept(ProgressMessage m) {
    if (m.error() != null) {
      error = m.error();
      return;
    }
    String text = m.id() != null ? m.id() + ": " + nz(m.status()) : nz(m.status());
    if (tty && m.progress() != null && !m.progress().isEmpty()) {
      text += " " + m.progress();
    }
    boolean isProgress =
        m.id() != null
            && (m.progressDetail() != null || (m.progress() != null && !m.progress().isEmpty()));
    if (!isProgress) {
      lineOfId.clear();
    } else if (tty) {
      Integer at = lineOfId.get(m.id());
      if (at != null) {
        lines.set(at, text);
        return;
      }
      lineOfId.put(m.id(), lines.size());
    }
    lines.add(text);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** The rendered output, one line per entry, each ending with a newline. */
  String text() {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    return sb.toString();
  }

  /** The stream's error message, or null. */
  String error() {
    return error;
  }
}
