package dev.ddlab.engine;

import java.time.Duration;

/**
 * A request the engine has taken whose answer comes later, as the Go client's {@code ContainerWait}
 * hands back a result channel: {@code POST /containers/{id}/wait} answers when the container stops,
 * {@code POST /containers/{id}/stop} when it is down. Errors the daemon answers at once (404, 400)
 * are thrown by the call that made the request; later ones by {@link #get}.
 *
 * <p>The simulated engine completes it as its virtual clock runs (the caller lets time pass, or
 * {@link #await} does); a real engine completes it from the HTTP response.
 */
public interface Pending<T> {
  /** True once the answer (or an error) has come. */
  boolean isDone();

  /**
   * The answer once {@link #isDone}: the value, or the {@link EngineException} the daemon answered
   * with.
   *
   * @throws IllegalStateException while not done
   */
  T get();

  /**
   * Waits until done or {@code max} has elapsed (virtual time in the simulator, where time stops at
   * the last event rather than at the limit when nothing more is scheduled).
   *
   * @return {@link #isDone()}
   */
  boolean await(Duration max);

  /** Stops waiting (the client hangs up); what the engine already did stays done. */
  void cancel();

  /** An answer that is already there (a synchronous engine call). */
  static <T> Pending<T> done(T value) {
    return new Pending<>() {
      @Override
      public boolean isDone() {
        return true;
      }

      @Override
      public T get() {
        return value;
      }

      @Override
      public boolean await(Duration max) {
        return true;
      }

      @Override
      public void cancel() {}
    };
  }
}
