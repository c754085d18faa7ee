package dev.ddlab.sim.shell;

import java.util.List;

/**
 * A command-line utility (ls, cat, grep …) that runs to completion at once. The same tool serves
 * the host shell (over the node's filesystem) and containers (wrapped as a program over the
 * process's root filesystem); {@link ToolContext#busybox()} selects the busybox wording where it
 * differs from GNU coreutils.
 */
@FunctionalInterface
public interface Tool {
  /** Runs with {@code args} (without argv[0]); returns the exit status. */
  int run(ToolContext ctx, List<String> args);

  /** Whether the tool, given these arguments, reads standard input (cat, grep without files …). */
  default boolean readsStdin(List<String> args) {
    return false;
  }
}
