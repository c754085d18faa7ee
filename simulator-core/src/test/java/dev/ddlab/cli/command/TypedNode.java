package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.engine.Engine;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;

/** A single-node session for the docker commands' tests: lines typed on node1 that must succeed. */
final class TypedNode implements AutoCloseable {
  final SimSession session;

  /** A session of template "single" where each of {@code setup} succeeded. */
  TypedNode(long seed, String... setup) {
    session = SimSession.open("single", seed);
    for (String line : setup) {
      ok(line);
    }
  }

  Engine engine() {
    return session.engine("node1");
  }

  /** The output of a line typed on node1, which must exit 0. */
  String ok(String line) {
    TranscriptEntry e = session.type("node1", line);
    assertEquals(0, e.exitCode(), line + "\n" + e.output());
    return e.output();
  }

  @Override
  public void close() {
    session.close();
  }
}
