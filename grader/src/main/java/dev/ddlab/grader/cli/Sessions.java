package dev.ddlab.grader.cli;

import dev.ddlab.grader.run.SessionFactory;
import dev.ddlab.session.SimSession;

/** Where the launcher's lab commands get their sessions: the simulator. */
public final class Sessions {
  private Sessions() {}

  public static SessionFactory simulated() {
    return SimSession::open;
  }
}
