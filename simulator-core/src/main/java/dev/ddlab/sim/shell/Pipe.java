package dev.ddlab.sim.shell;

import dev.ddlab.fs.FsException;
import dev.ddlab.sim.runtime.OutputEnd;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A pipe between two stages of a pipeline, which run together ({@link Stages}): a bounded buffer of
 * {@link #CAPACITY} characters (a Linux pipe's 64 KiB) with back-pressure. A write always lands
 * whole (a write larger than the room left overshoots by its own size, as a blocked write(2) holds
 * its caller's buffer); a writer that finds the pipe full afterwards waits ({@link #whenWritable})
 * until the reader has taken enough, and the reader ({@link Stdin} over the pipe) waits ({@link
 * #whenReadable}) until something is there or the writer closed its end. Once the reader has closed
 * its end, the writer's next write, or a write still blocked then, kills it as SIGPIPE does ({@link
 * #sigpiped}: status 141).
 *
 * <p>What it holds, and what its reader took and keeps ({@link Stdin#held}), is charged to the
 * shell's memory ({@link #bytes}), as the kernel charges pipe pages to the writer's cgroup; so a
 * pipe costs at most its 64 KiB and one write, whatever the pipeline moves through it.
 *
 * <p>A command substitution collects its output in one too ({@link #collector}): no bound, only the
 * charge, which the shell makes after every write, so {@code x=$(yes)} ends when the OOM killer
 * kills the shell, as bash's would.
 */
final class Pipe implements Consumer<String>, OutputEnd {
  static final int CAPACITY = 64 * 1024;

  private final StringBuilder buffer = new StringBuilder();
  private final int capacity;
  private final BooleanSupplier charge;

  /** How a parked writer or reader is woken: after the step running now, in the shell's queue. */
  private final Consumer<Runnable> wake;

  private boolean killed;
  private boolean writerClosed;
  private boolean readerClosed;
  private boolean sigpipe;
  private Runnable reader;
  private final List<Runnable> writers = new ArrayList<>(1);

  /** What the reader took from the pipe and still keeps (a sort reading to the end). */
  private long readerHeld;

  /**
   * A pipe between stages; {@code charge} is asked after every write, false when the shell that
   * holds the pipe was OOM-killed for it; {@code wake} runs a parked side when it may go on.
   */
  Pipe(BooleanSupplier charge, Consumer<Runnable> wake) {
    this(CAPACITY, charge, wake);
  }

  private Pipe(int capacity, BooleanSupplier charge, Consumer<Runnable> wake) {
    this.capacity = capacity;
    this.charge = charge;
    this.wake = wake;
  }

  /** What a command substitution's output is collected in: bounded by the charge only. */
  static Pipe collector(BooleanSupplier charge) {
    return new Pipe(Integer.MAX_VALUE, charge, Runnable::run);
  }

  @Override
  public void accept(String s) {
    if (killed || s.isEmpty()) {
      return;
    }
    if (readerClosed) {
      if (ignoresSigpipe.getAsBoolean()) {
        failures++; // trap '' PIPE: write(2) fails with EPIPE and the writer says so
      } else {
        sigpipe = true; // EPIPE, and SIGPIPE for the writer
      }
      return;
    }
    buffer.ensureCapacity(buffer.length() + s.length()); // an emptied buffer was trimmed: grow once
    buffer.append(s);
    if (!charge.getAsBoolean()) {
      killed = true; // the OOM killer ended the shell: its writer stops as on a broken pipe
      return;
    }
    wakeReader();
  }

  /** Whether the shell ignores SIGPIPE ({@code trap '' PIPE}), which its writers inherit. */
  private BooleanSupplier ignoresSigpipe = () -> false;

  /** Writes that failed with EPIPE while SIGPIPE was ignored, and how many were reported. */
  private int failures;

  private int reported;

  /** The writers ignore SIGPIPE when {@code ignores} says so. */
  Pipe ignoringSigpipe(BooleanSupplier ignores) {
    this.ignoresSigpipe = ignores;
    return this;
  }

  /** Writes that failed with EPIPE and were not reported yet. */
  int failures() {
    return failures - reported;
  }

  @Override
  public String failure() {
    return failures > reported ? FsException.Errno.EPIPE.text : null;
  }

  @Override
  public void reported() {
    reported = failures;
  }

  /**
   * The pipe as a child process's stdout: a write that meets the closed reading end also runs
   * {@code sigpipe} (the kernel sends the process SIGPIPE, so {@code ping … | head -2} ends).
   */
  Consumer<String> writer(Runnable sigpipe) {
    Pipe pipe = this;
    class Writer implements Consumer<String>, OutputEnd {
      @Override
      public void accept(String s) {
        pipe.accept(s);
        if (pipe.sigpiped() && !killed) {
          sigpipe.run();
        }
      }

      @Override
      public boolean broken() {
        return pipe.broken();
      }

      @Override
      public void whenWritable(Runnable next) {
        pipe.whenWritable(next);
      }

      @Override
      public String failure() {
        return pipe.failure();
      }

      @Override
      public void reported() {
        pipe.reported();
      }
    }
    return new Writer();
  }

  /** Whether a writer must wait before it writes again. */
  boolean full() {
    return buffer.length() >= capacity;
  }

  /**
   * Whether the writer was killed by SIGPIPE (it wrote, or was blocked in a write, after the reader
   * closed its end) or by the OOM killer: it writes and runs nothing more.
   */
  boolean sigpiped() {
    return sigpipe || killed;
  }

  /** A program that writes without end ({@code yes}) asks after each write. */
  @Override
  public boolean broken() {
    return sigpiped();
  }

  /**
   * Runs {@code next} once the writer may write again: at once when the pipe has room or its reader
   * is gone (the next write then fails), else when the reader has taken enough.
   */
  @Override
  public void whenWritable(Runnable next) {
    if (!full() || readerClosed || killed) {
      next.run();
    } else {
      writers.add(next);
    }
  }

  /** Runs {@code next} once there is something to read or the writer has closed its end. */
  void whenReadable(Runnable next) {
    if (buffer.length() > 0 || writerClosed || killed) {
      next.run();
    } else {
      reader = next;
    }
  }

  /** Whether there is nothing to read and there never will be. */
  boolean drained() {
    return buffer.length() == 0 && (writerClosed || killed);
  }

  /** The writer's end is closed (its stage ended): the reader sees the end of its input. */
  void closeWriter() {
    writerClosed = true;
    wakeReader();
  }

  /**
   * The reader's end is closed (its stage ended, {@code head} had enough): a writer blocked in a
   * write (the pipe over its capacity) dies of SIGPIPE, and what the pipe held is freed.
   */
  void closeReader() {
    readerClosed = true;
    reader = null;
    sigpipe |= buffer.length() > capacity;
    buffer.setLength(0);
    buffer.trimToSize();
    readerHeld = 0;
    toolHeld = 0;
    wakeWriters();
  }

  boolean readerClosed() {
    return readerClosed;
  }

  /** Takes up to {@code max} characters for the reader, which may let a blocked writer go on. */
  String take(int max) {
    int n = Math.min(max, buffer.length());
    String s = buffer.substring(0, n);
    buffer.delete(0, n);
    if (buffer.length() == 0) {
      buffer.trimToSize();
    }
    if (!full()) {
      wakeWriters();
    }
    return s;
  }

  /** The reader keeps {@code n} characters it took (charged beside the buffer). */
  void readerHolds(long n) {
    readerHeld = n;
  }

  /** A tool reading to the end ({@code sort}) keeps {@code n} characters it read. */
  void toolHolds(long n) {
    toolHeld = n;
  }

  private long toolHeld;

  /** The bytes the pipe and its reader hold (a byte a character, as {@code Variables} counts). */
  long bytes() {
    return buffer.length() + readerHeld + toolHeld;
  }

  /** A command substitution's output: the buffer's content, which the pipe then no longer keeps. */
  String drain() {
    String s = buffer.toString();
    buffer.setLength(0);
    buffer.trimToSize();
    return s;
  }

  private void wakeReader() {
    Runnable r = reader;
    if (r != null) {
      reader = null;
      wake.accept(r);
    }
  }

  private void wakeWriters() {
    if (writers.isEmpty()) {
      return;
    }
    List<Runnable> ws = List.copyOf(writers);
    writers.clear();
    ws.forEach(wake);
  }

  @Override
  public String toString() {
    return buffer.toString();
  }
}
