package dev.ddlab.sim.shell;

import java.util.List;
import java.util.function.IntConsumer;

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

  /**
   * Runs and reports the exit status through {@code done}, perhaps later on the virtual clock (a
   * tool that waits for the network). The default runs at once.
   */
  default void run(ToolContext ctx, List<String> args, IntConsumer done) {
    done.accept(run(ctx, args));
  }

  /** A tool that finishes later: curl and wget answer once their exchange's time has passed. */
  static Tool later(Later body) {
    return new Tool() {
      @Override
      public int run(ToolContext ctx, List<String> args) {
        int[] status = {1};
        body.run(ctx, args, s -> status[0] = s);
        return status[0];
      }

      @Override
      public void run(ToolContext ctx, List<String> args, IntConsumer done) {
        body.run(ctx, args, done);
      }
    };
  }

  /** The body of a tool that finishes later. */
  @FunctionalInterface
  interface Later {
    void run(ToolContext ctx, List<String> args, IntConsumer done);
  }

  /** Whether the tool, given these arguments, reads standard input (cat, grep without files …). */
  default boolean readsStdin(List<String> args) {
    return false;
  }
}
