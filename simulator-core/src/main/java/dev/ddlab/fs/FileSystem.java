package dev.ddlab.fs;

import java.util.List;
import java.util.Optional;

/**
 * A POSIX-like view of one filesystem inside the simulator: a node's host filesystem, or a
 * container's root (the union of its image layers and its writable layer, overlay2 semantics).
 * Paths are absolute and already resolved against a working directory by the caller ({@link
 * Paths#resolve}). Symbolic links are followed except by {@link #lstat}, {@link #remove} and {@link
 * #list}.
 */
public interface FileSystem {
  /** The node at path after following links, or empty when missing. */
  Optional<FileNode> stat(String path);

  /** The node at path without following a final link. */
  Optional<FileNode> lstat(String path);

  default boolean exists(String path) {
    return stat(path).isPresent();
  }

  default boolean isDirectory(String path) {
    return stat(path).map(FileNode::isDirectory).orElse(false);
  }

  /** File contents; ENOENT, EISDIR. */
  byte[] read(String path);

  /**
   * At most the first {@code max} bytes of a file: what {@code head -c N} reads. A device that
   * never ends ({@code /dev/zero}, {@code /dev/urandom}) gives {@code max} bytes here, and a
   * bounded slab to {@link #read(String)}.
   */
  default byte[] read(String path, long max) {
    byte[] all = read(path);
    return all.length <= max ? all : java.util.Arrays.copyOf(all, (int) max);
  }

  /**
   * Creates or replaces (or appends to) a regular file; the parent must exist (ENOENT, ENOTDIR).
   */
  void write(String path, byte[] data, boolean append);

  /** Creates a directory; with parents, like mkdir -p (no error when it exists). */
  void mkdir(String path, boolean parents);

  /** Removes a file, link or (with recursive) a directory tree; ENOTEMPTY without recursive. */
  void remove(String path, boolean recursive);

  /** Names in a directory, sorted; ENOTDIR, ENOENT. */
  List<String> list(String directory);

  void symlink(String target, String linkPath);

  /**
   * cp of one regular file (links followed): {@code to} gets {@code from}'s content, as {@link
   * #write} would write it. A filesystem that holds programs' binaries keeps the copy running the
   * same program: a copied {@code /bin/busybox} is still busybox (run as {@code /tmp/bb} it looks
   * for the applet {@code bb}, as the real one does).
   */
  default void copyFile(String from, String to) {
    write(to, read(from), false);
  }

  /** rename(2): moves a file or directory. */
  void rename(String from, String to);

  /** chmod: permission bits only. */
  void chmod(String path, int mode);

  /** Whether writes are refused (EROFS), e.g. a layer seen read-only. */
  /**
   * Writes an entry as it is (a program's binary, a file whose content stands for a larger one):
   * what a package manager installs. The parent directory must exist. A filesystem that cannot hold
   * such entries refuses as a read-only one does.
   */
  default void install(String path, Entry entry) {
    throw new FsException(FsException.Errno.EROFS, path);
  }

  default boolean readOnly() {
    return false;
  }
}
