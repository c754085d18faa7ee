package dev.ddlab.grader.check;

import dev.ddlab.engine.Engine;
import dev.ddlab.session.Session;
import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.sim.fs.FileSystem;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What checks read a lab's state from: the nodes' engines, their host filesystems where the
 * simulator can show them, and the transcript. A session is the usual workspace.
 */
public interface Workspace {
  List<String> nodes();

  Engine engine(String node);

  /** The node's own filesystem (the host shell's), when the engine behind it is simulated. */
  default Optional<FileSystem> hostFileSystem(String node) {
    return Optional.empty();
  }

  List<TranscriptEntry> transcript();

  /**
   * A session as a workspace; {@code hostFs} reaches a simulated node's filesystem (it may answer
   * null when it cannot).
   */
  static Workspace of(Session session, BiFunction<Session, String, FileSystem> hostFs) {
    return new Workspace() {
      @Override
      public List<String> nodes() {
        return session.nodes();
      }

      @Override
      public Engine engine(String node) {
        return session.engine(node);
      }

      @Override
      public Optional<FileSystem> hostFileSystem(String node) {
        return hostFs == null ? Optional.empty() : Optional.ofNullable(hostFs.apply(session, node));
      }

      @Override
      public List<TranscriptEntry> transcript() {
        return session.transcript();
      }
    };
  }
}
