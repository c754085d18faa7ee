package dev.ddlab.sim.volume;

import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.Paths;
import java.util.Optional;

/** Recursive copies between simulated filesystems, and their sizes. */
public final class FsCopy {
  private FsCopy() {}

  /** Copies the tree at {@code from} in {@code src} to {@code to} in {@code dst}. */
  public static void copy(FileSystem src, String from, FileSystem dst, String to) {
    Optional<FileNode> n = src.lstat(from);
    if (n.isEmpty()) {
      return;
    }
    FileNode node = n.get();
    switch (node.kind()) {
      case DIRECTORY -> {
        if (!dst.isDirectory(to)) {
          dst.mkdir(to, true);
        }
        dst.chmod(to, node.mode());
        for (String name : src.list(from)) {
          copy(src, child(from, name), dst, child(to, name));
        }
      }
      case SYMLINK -> dst.symlink(node.linkTarget(), to);
      case FILE -> {
        dst.write(to, src.read(from), false);
        dst.chmod(to, node.mode());
      }
    }
  }

  /** Bytes of regular files under {@code path}. */
  public static long size(FileSystem fs, String path) {
    Optional<FileNode> n = fs.lstat(path);
    if (n.isEmpty()) {
      return 0;
    }
    if (n.get().isDirectory()) {
      long total = 0;
      for (String name : fs.list(path)) {
        total += size(fs, child(path, name));
      }
      return total;
    }
    return n.get().isFile() ? n.get().size() : 0;
  }

  public static boolean isEmptyDir(FileSystem fs, String path) {
    return !fs.isDirectory(path) || fs.list(path).isEmpty();
  }

  static String child(String dir, String name) {
    return Paths.normalize(dir + "/" + name);
  }
}
