package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;

/** Typing into a single-node session for the container tools' tests. */
final class TypedContainers {
  private TypedContainers() {}

  /** A session of template "single" where every line of {@code setup} succeeded. */
  static SimSession session(long seed, String setup) {
    SimSession s = SimSession.open("single", seed);
    for (TranscriptEntry e : new ScriptRunner(s).run(setup)) {
      assertEquals(0, e.exitCode(), e.toString());
    }
    return s;
  }

  /** The entry of the last line of {@code command} typed on the session's first node. */
  static TranscriptEntry run(SimSession s, String command) {
    List<TranscriptEntry> t = new ScriptRunner(s).run(command + "\n");
    return t.get(t.size() - 1);
  }
}
