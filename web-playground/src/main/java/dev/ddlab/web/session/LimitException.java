package dev.ddlab.web.session;

/** A per-session or server-wide cap was reached; the message is Vietnamese, for the learner. */
public class LimitException extends RuntimeException {
  public LimitException(String message) {
    super(message);
  }
}
