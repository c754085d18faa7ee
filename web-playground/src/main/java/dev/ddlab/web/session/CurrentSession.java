package dev.ddlab.web.session;

import dev.ddlab.session.ForwardingSession;
import dev.ddlab.session.Session;
import java.util.function.Supplier;

/**
 * The session a web session's panels see: one object for the web session's life that forwards to
 * its present session, so a rewind (which replaces the session) leaves what panels key by it, such
 * as the lab attached to it, in place. No lock is taken: panel models run with it held.
 */
final class CurrentSession extends ForwardingSession {
  private final Supplier<Session> present;

  CurrentSession(Supplier<Session> present) {
    this.present = present;
  }

  @Override
  protected Session delegate() {
    return present.get();
  }

  /** A panel cannot end the visitor's session. */
  @Override
  public void close() {}
}
