package dev.ddlab.grader.cli;

import dev.ddlab.grader.run.SessionFactory;
import dev.ddlab.session.Session;
import dev.ddlab.session.SimSession;
import dev.ddlab.sim.fs.FileSystem;

/** Where the launcher's lab commands get their sessions: the simulator. */
public final class Sessions {
  private Sessions() {}

  public static SessionFactory simulated() {
    return new SessionFactory() {
      @Override
      public Session open(String template, long seed) {
        return SimSession.open(template, seed);
      }

      @Override
      public FileSystem hostFileSystem(Session session, String node) {
        return session instanceof SimSession s ? s.host(node).hostFs() : null;
      }
    };
  }
}
