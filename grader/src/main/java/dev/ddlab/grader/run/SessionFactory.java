package dev.ddlab.grader.run;

import dev.ddlab.session.Session;
import dev.ddlab.sim.fs.FileSystem;

/** Opens fresh sessions for labs and replays, and reaches a simulated node's own filesystem. */
public interface SessionFactory {
  Session open(String template, long seed);

  /** The node's host filesystem, or null when the session's engines are not simulated. */
  default FileSystem hostFileSystem(Session session, String node) {
    return null;
  }
}
