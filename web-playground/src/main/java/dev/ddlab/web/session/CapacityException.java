package dev.ddlab.web.session;

import java.time.Duration;

/** Every place on the server is taken; a place frees up within {@link #retryAfter()}. */
public class CapacityException extends RuntimeException {
  private final Duration retryAfter;

  public CapacityException(Duration retryAfter) {
    super("capacity full");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
