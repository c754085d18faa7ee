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
 *
 * <p>What it holds is charged to the shell's memory until its reader has finished ({@link #bytes},
 * the interpreter's {@code holds}), as the kernel charges pipe pages to the writer's cgroup. A real
 * pipe holds at most 64 KiB while its writer waits; this one holds the writer's whole output, so a
 * pipeline that moves more than the container's free memory through one pipe is OOM-killed here
 * where Linux would stream it. That is the bound on the server's heap.
 *
 * <p>A command substitution collects its output in one too ({@link #collector}): no loop limit and
 * no capacity, only the charge, which the shell makes after every write, so {@code x=$(yes)} ends
 * when the OOM killer kills the shell, as bash's would.
 */
final class Pipe implements Consumer<String>, OutputEnd {
  static final int LOOP_LIMIT = 64 * 1024;
  static final int CAPACITY = 16 * 1024 * 1024;

  private final StringBuilder buffer = new StringBuilder();
  private final int loopLimit;
  private final int capacity;
  private final java.util.function.BooleanSupplier charge;
  private boolean killed;

  /** What was written and is charged until the reader has finished (the reader holds it then). */
  private long held;

  /**
   * A pipe between stages; {@code charge} is asked after every write, false when the shell that
   * holds the pipe was OOM-killed for it.
   */
  Pipe(java.util.function.BooleanSupplier charge) {
    this(LOOP_LIMIT, CAPACITY, charge);
  }

  private Pipe(int loopLimit, int capacity, java.util.function.BooleanSupplier charge) {
    this.loopLimit = loopLimit;
    this.capacity = capacity;
    this.charge = charge;
  }

  /** What a command substitution's output is collected in: bounded by the charge only. */
  static Pipe collector(java.util.function.BooleanSupplier charge) {
    return new Pipe(Integer.MAX_VALUE, Integer.MAX_VALUE, charge);
  }

  @Override
  public void accept(String s) {
    if (killed) {
      return;
    }
    int room = capacity - buffer.length();
    int n = Math.min(room, s.length());
    buffer.append(s, 0, n);
    held += n;
    if (n > 0 && !charge.getAsBoolean()) {
      killed = true; // the OOM killer ended the shell: its writer stops as on a broken pipe
    }
  }

  /** Whether a loop writing here should stop. */
  boolean full() {
    return killed || buffer.length() >= loopLimit;
  }

  /** A program that writes without end ({@code yes}) stops here as a loop does. */
  @Override
  public boolean broken() {
    return full();
  }

  /** The bytes the pipe holds (a byte a character, as {@code Variables} counts). */
  long bytes() {
    return held;
  }

  /** What the reader gets: the buffer's content, which the pipe then no longer keeps twice. */
  String drain() {
    String s = buffer.toString();
    buffer.setLength(0);
    buffer.trimToSize();
    return s;
  }

  @Override
  public String toString() {
    return buffer.toString();
  }
}
