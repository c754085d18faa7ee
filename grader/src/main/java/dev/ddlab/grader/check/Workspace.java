package dev.ddlab.grader.check;

import dev.ddlab.engine.Engine;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import java.util.Optional;

/**
 * What checks read a lab's state from: the nodes' engines, their host filesystems where the
 * simulator can show them (the session's introspection), and the transcript. A session is the usual
 * workspace.
 */
public interface Workspace {
  List<String> nodes();

  Engine engine(String node);

  /** The node's own filesystem (the host shell's), read-only, when the node is simulated. */
  default Optional<FileSystem> hostFileSystem(String node) {
    return Optional.empty();
  }

  /**
   * Every manager's Raft state where the simulator can show it (its introspection), else empty. A
   * pure view: reading it sends nothing, so checks never change what a replay does.
   */
  default List<dev.ddlab.introspect.SwarmView.RaftState> raft() {
    return List.of();
  }

  List<TranscriptEntry> transcript();
}
