package dev.ddlab.sim.runtime;

/**
 * Where a process's standard output goes when writing there can fail: a pipe whose reader is gone
 * (EPIPE, and SIGPIPE for the writer), a file on a full disk (ENOSPC). A program that writes
 * without end ({@code yes}) asks after each write, as it would read write(2)'s result.
 */
public interface OutputEnd {
  /** Whether the reader is gone: the writer dies of SIGPIPE (status 141). */
  default boolean broken() {
    return false;
  }

  /**
   * Runs {@code next} once the writer may write again: at once, unless this is a full pipe whose
   * reader is still there (back-pressure: the writer waits as in a blocking write(2)).
   */
  default void whenWritable(Runnable next) {
    next.run();
  }

  /** The C library's text of the last failed write ("No space left on device"), or null. */
  default String failure() {
    return null;
  }

  /**
   * The writer reported the failure in its own words: the shell adds no "write error" of its own.
   */
  default void reported() {}
}
