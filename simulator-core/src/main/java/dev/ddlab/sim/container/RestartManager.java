package dev.ddlab.sim.container;

import dev.ddlab.engine.dto.RestartPolicy;

/**
 * moby's restartmanager on virtual time: decides after each exit whether the policy restarts the
 * container and after how long. The delay starts at 100 ms and doubles up to one minute; a run of
 * ten seconds or more resets it. {@code on-failure:N} stops after N restarts; {@code
 * unless-stopped} not after a manual stop; {@code always} always. A stop cancels it.
 */
public final class RestartManager {
  static final long DEFAULT_TIMEOUT_NANOS = 100_000_000L;
  static final long MAX_TIMEOUT_NANOS = 60_000_000_000L;

  private RestartPolicy policy;
  private int restartCount;
  private long timeoutNanos;
  private boolean canceled;

  public RestartManager(RestartPolicy policy, int restartCount) {
    this.policy = policy == null ? new RestartPolicy("no", 0) : policy;
    this.restartCount = restartCount;
  }

  public void policy(RestartPolicy policy) {
    this.policy = policy;
  }

  public RestartPolicy policy() {
    return policy;
  }

  public void cancel() {
    canceled = true;
  }

  public boolean canceled() {
    return canceled;
  }

  /** The delay before the restart, or -1 when the container stays down. */
  public long shouldRestart(int exitCode, boolean manuallyStopped, long ranNanos) {
    String name = policy.name() == null ? "" : policy.name();
    if (name.isEmpty() || name.equals("no") || canceled) {
      return -1;
    }
    if (ranNanos >= 10_000_000_000L) {
      timeoutNanos = 0;
    }
    if (timeoutNanos == 0) {
      timeoutNanos = DEFAULT_TIMEOUT_NANOS;
    } else if (timeoutNanos < MAX_TIMEOUT_NANOS) {
      timeoutNanos *= 2;
    }
    if (timeoutNanos > MAX_TIMEOUT_NANOS) {
      timeoutNanos = MAX_TIMEOUT_NANOS;
    }
    boolean restart =
        switch (name) {
          case "always" -> true;
          case "unless-stopped" -> !manuallyStopped;
          case "on-failure" -> {
            int max = policy.maximumRetryCount();
            yield (max == 0 || restartCount < max) && exitCode != 0;
          }
          default -> false;
        };
    if (!restart) {
      return -1;
    }
    restartCount++;
    return timeoutNanos;
  }
}
