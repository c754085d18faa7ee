package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import java.util.Optional;

/**
 * What stat(2) decides of a path typed as a command before the file is read: it runs, or exec fails
 * as bash words it (No such file or directory 127, Is a directory 126, Permission denied 126);
 * busybox ash and dash say "not found" or "Permission denied". One answer for the container shells,
 * the host's shells and the exec builtin.
 */
enum PathExec {
  RUNS(null, 0),
  MISSING("No such file or directory", 127),
  DIRECTORY("Is a directory", 126),
  NOT_EXECUTABLE("Permission denied", 126);

  private final String bash;
  final int status;

  PathExec(String bash, int status) {
    this.bash = bash;
    this.status = status;
  }

  static PathExec of(FileSystem fs, String path) {
    Optional<FileNode> node;
    try {
      node = fs.stat(path);
    } catch (FsException e) {
      node = Optional.empty();
    }
    if (node.isEmpty()) {
      return MISSING;
    }
    if (node.get().isDirectory()) {
      return DIRECTORY;
    }
    return node.get().isExecutable() ? RUNS : NOT_EXECUTABLE;
  }

  /** The reason after the path, in {@code dialect}'s words. */
  String why(Dialect dialect) {
    if (dialect == Dialect.BASH) {
      return bash;
    }
    return this == MISSING ? "not found" : "Permission denied";
  }
}
