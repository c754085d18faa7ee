package dev.ddlab.sim.shell;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The login shell's history list as bash keeps it with Debian's {@code .bashrc} ({@code
 * HISTSIZE=1000}): the last 1,000 lines typed, numbered on from the first line ever kept (a line
 * that falls off the front takes its number with it, as bash's {@code history_base} moves), and
 * numbered from 1 again after {@code history -c}.
 */
final class ShellHistory {
  /** Debian's /etc/skel/.bashrc: HISTSIZE=1000. */
  static final int SIZE = 1000;

  private final ArrayDeque<String> lines = new ArrayDeque<>();

  /** The number of the oldest line kept. */
  private int base = 1;

  void add(String line) {
    lines.addLast(line);
    if (lines.size() > SIZE) {
      lines.removeFirst();
      base++;
    }
  }

  /** {@code history -c}. */
  void clear() {
    lines.clear();
    base = 1;
  }

  int size() {
    return lines.size();
  }

  /** The number {@code history} prints before the oldest line kept. */
  int base() {
    return base;
  }

  List<String> lines() {
    return List.copyOf(lines);
  }
}
