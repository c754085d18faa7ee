package dev.ddlab.web.term;

/**
 * A token bucket on terminal output for one session (a per-session cap, so one `yes`-like loop
 * cannot flood the server). Holds one second of output.
 */
public final class OutputBudget {
  private final long bytesPerSecond;
  private double tokens;
  private long lastNanos;

  public OutputBudget(long bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
    this.tokens = bytesPerSecond;
    this.lastNanos = System.nanoTime();
  }

  /** Whether {@code n} more bytes may be sent now; takes them if so. */
  public synchronized boolean take(int n) {
    long now = System.nanoTime();
    tokens = Math.min(bytesPerSecond, tokens + (now - lastNanos) * bytesPerSecond / 1e9);
    lastNanos = now;
    if (tokens < n) {
      return false;
    }
    tokens -= n;
    return true;
  }

  public long bytesPerSecond() {
    return bytesPerSecond;
  }
}
