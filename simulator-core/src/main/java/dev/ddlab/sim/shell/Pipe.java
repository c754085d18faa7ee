package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.OutputEnd;
import java.util.function.Consumer;

/**
 * The buffer between two stages of a pipeline. Stages run one after the other, so a loop that never
 * ends on its own ({@code while true; do echo x; done | head -2}) would fill it forever. Once it
 * holds {@link #LOOP_LIMIT} characters (a Linux pipe's 64 KiB, where a real writer would wait for
 * its reader) a loop writing to it stops at its next round with status 141, as if the reader had
 * exited (SIGPIPE); other commands may write up to {@link #CAPACITY}. A finite loop that writes
 * more than 64 KiB into a pipe is cut short by this, which is the price of running stages in turn.
 */
final class Pipe implements Consumer<String>, OutputEnd {
  static final int LOOP_LIMIT = 64 * 1024;
  static final int CAPACITY = 16 * 1024 * 1024;

  private final StringBuilder buffer = new StringBuilder();

  @Override
  public void accept(String s) {
    int room = CAPACITY - buffer.length();
    buffer.append(s, 0, Math.min(room, s.length()));
  }

  /** Whether a loop writing here should stop. */
  boolean full() {
    return buffer.length() >= LOOP_LIMIT;
  }

  /** A program that writes without end ({@code yes}) stops here as a loop does. */
  @Override
  public boolean broken() {
    return full();
  }

  @Override
  public String toString() {
    return buffer.toString();
  }
}
