package dev.ddlab.sim.shell;

import java.util.List;

/**
 * bash's {@code history} builtin on the host (bash keeps it apart too, in builtins/history.def):
 * {@code history}, {@code history N}, {@code history -c} over the lines the login shell keeps.
 */
final class HistoryBuiltin {
  private HistoryBuiltin() {}

  static int run(ShellHistory history, List<String> args, Io io) {
    if (!args.isEmpty() && args.get(0).equals("-c")) {
      history.clear();
      return 0;
    }
    int from = 0;
    if (!args.isEmpty()) {
      try {
        from = Math.max(0, history.size() - Integer.parseInt(args.get(0)));
      } catch (NumberFormatException e) {
        io.errln("bash: history: " + args.get(0) + ": numeric argument required");
        return 1;
      }
    }
    List<String> lines = history.lines();
    for (int i = from; i < lines.size(); i++) {
      io.println(String.format("%5d  %s", history.base() + i, lines.get(i).replace("\n", " ")));
    }
    return 0;
  }
}
