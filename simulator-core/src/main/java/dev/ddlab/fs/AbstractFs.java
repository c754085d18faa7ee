package dev.ddlab.fs;

import dev.ddlab.fs.FsException.Errno;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The POSIX calls of {@link FileSystem} (symlink resolution, errno rules) over a few lexical
 * primitives that a concrete filesystem supplies: what entry is visible at an exact path, which
 * names a directory holds, and how to put or remove one path.
 */
public abstract class AbstractFs implements FileSystem {
  private static final int MAX_LINKS = 40;
  static final FileNode ROOT =
      new FileNode(FileNode.Kind.DIRECTORY, 0755, 4096, null, null, 0, 0, 0);
  protected final LongSupplier clock;
  private Disk disk;

  private long bytesWritten;

  protected AbstractFs(LongSupplier clock) {
    this.clock = clock;
  }

  /** The disk this filesystem's written bytes count against; null when nothing bounds them. */
  public Disk disk() {
    return disk;
  }

  /**
   * Puts this filesystem on {@code d}: what it holds already is taken from the disk (ENOSPC when it
   * does not fit), and from now on every change of its stored bytes.
   */
  public void disk(Disk d) {
    long held = storedBytes();
    if (d != null) {
      d.charge(held, "/");
    }
    if (disk != null) {
      disk.charge(-held, "/");
    }
    disk = d;
  }

  /** The bytes this filesystem stores itself (its own entries; a union, its upper layer). */
  protected abstract long storedBytes();

  /**
   * A change of stored bytes at {@code path}: taken from (or given back to) the disk, or ENOSPC
   * before anything changed.
   */
  protected final void charge(long delta, String path) {
    if (disk != null && delta != 0) {
      disk.charge(delta, path);
    }
    if (delta > 0) {
      bytesWritten += delta;
    }
  }

  /** The stored bytes this filesystem grew by, in all, since it was made. */
  public long bytesWritten() {
    return bytesWritten;
  }

  /** The entry visible at exactly {@code path} (no symlinks followed), null when absent. */
  protected abstract Entry get(String path);

  /** Visible names directly under an existing directory, sorted. */
  protected abstract List<String> children(String dir);

  /** Creates or replaces the entry at {@code path}; the parent directory exists. */
  protected abstract void put(String path, Entry entry);

  /** Removes {@code path} and everything under it. */
  protected abstract void removeTree(String path);

  private FileNode nodeAt(String path) {
    if (path.equals("/")) {
      return shown("/", rootNode());
    }
    Entry e = get(path);
    return e == null ? null : shown(path, e.node());
  }

  /** What stat tells about "/" of this filesystem: a plain directory unless a mount's root says. */
  protected FileNode rootNode() {
    return ROOT;
  }

  /** How stat shows the node at {@code path} (a tmpfs sizes its directories by their entries). */
  protected FileNode shown(String path, FileNode node) {
    return node;
  }

  /**
   * Resolves symlinks in every component but the last (and the last too when {@code followLast}).
   * The result may not exist; its parent does.
   */
  protected String resolve(String path, boolean followLast) {
    String todo = Paths.normalize(path);
    int links = 0;
    restart:
    while (true) {
      if (todo.equals("/")) {
        return todo;
      }
      // each prefix of the normalised path, component by component: no array, no concatenation
      int start = 1;
      while (true) {
        int slash = todo.indexOf('/', start);
        boolean last = slash < 0;
        int end = last ? todo.length() : slash;
        String next = todo.substring(0, end);
        FileNode n = nodeAt(next);
        if (n == null) {
          if (last) {
            return next;
          }
          throw new FsException(Errno.ENOENT, path);
        }
        if (n.isSymlink() && (!last || followLast)) {
          if (++links > MAX_LINKS) {
            throw new FsException(Errno.ELOOP, path);
          }
          String cur = start == 1 ? "/" : todo.substring(0, start - 1);
          String rest = todo.substring(end);
          String target = n.linkTarget();
          todo = Paths.normalize((target.startsWith("/") ? target : cur + "/" + target) + rest);
          continue restart;
        }
        if (last) {
          return next;
        }
        if (!n.isDirectory()) {
          throw new FsException(Errno.ENOTDIR, path);
        }
        start = slash + 1;
      }
    }
  }

  @Override
  public Optional<FileNode> stat(String path) {
    try {
      return Optional.ofNullable(nodeAt(resolve(path, true)));
    } catch (FsException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<FileNode> lstat(String path) {
    try {
      return Optional.ofNullable(nodeAt(resolve(path, false)));
    } catch (FsException e) {
      return Optional.empty();
    }
  }

  @Override
  public byte[] read(String path) {
    String r = resolve(path, true);
    FileNode n = nodeAt(r);
    if (n == null) {
      throw new FsException(Errno.ENOENT, path);
    }
    if (n.isDirectory()) {
      throw new FsException(Errno.EISDIR, path);
    }
    if (n.isCharDevice()) {
      return readDevice(n, Long.MAX_VALUE);
    }
    return get(r).content().bytes();
  }

  @Override
  public byte[] read(String path, long max) {
    String r = resolve(path, true);
    FileNode n = nodeAt(r);
    if (n != null && n.isCharDevice()) {
      return readDevice(n, max);
    }
    return FileSystem.super.read(path, max);
  }

  /**
   * What one read of a character device gives, at most {@code max} bytes: nothing here, as from
   * {@code /dev/null} ({@link DevFs} gives the others their bytes).
   */
  protected byte[] readDevice(FileNode device, long max) {
    return new byte[0];
  }

  /**
   * A write of {@code data} to a character device (an empty one: its opening): taken and dropped,
   * as {@code /dev/null} does.
   */
  protected void writeDevice(FileNode device, String path, byte[] data) {}

  @Override
  public void write(String path, byte[] data, boolean append) {
    String r = fileToWrite(path);
    Entry old = get(r);
    if (old != null && old.node().isCharDevice()) {
      writeDevice(old.node(), path, data);
      return;
    }
    long now = clock.getAsLong();
    if (old == null) {
      put(r, Entry.file(0644, Content.of(data), null, now));
    } else {
      Content c = append ? old.content().append(data) : Content.of(data);
      FileNode n = old.node();
      put(r, Entry.file(n.mode(), c, append ? n.program() : null, now, n.uid(), n.gid()));
    }
  }

  /**
   * Where a file at {@code path} is written (links followed): EROFS, ENOENT or ENOTDIR for its
   * parent, EISDIR when it is a directory.
   */
  private String fileToWrite(String path) {
    checkWritable(path);
    String r = resolve(path, true);
    requireParentDir(r, path);
    Entry old = r.equals("/") ? null : get(r);
    if (r.equals("/") || (old != null && old.isDirectory())) {
      throw new FsException(Errno.EISDIR, path);
    }
    return r;
  }

  @Override
  public void copyFile(String from, String to) {
    String s = resolve(from, true);
    Entry src = s.equals("/") ? null : get(s);
    if (src == null) {
      throw new FsException(Errno.ENOENT, from);
    }
    if (s.equals("/") || src.isDirectory()) {
      throw new FsException(Errno.EISDIR, from);
    }
    String r = fileToWrite(to);
    Entry old = get(r);
    // what write(to, read(from)) leaves, with the content itself and the program it runs
    FileNode o = old == null ? null : old.node();
    put(
        r,
        Entry.file(
            o == null ? 0644 : o.mode(),
            src.content(),
            src.node().program(),
            clock.getAsLong(),
            o == null ? 0 : o.uid(),
            o == null ? 0 : o.gid()));
  }

  @Override
  public void mkdir(String path, boolean parents) {
    checkWritable(path);
    String norm = Paths.normalize(path);
    if (parents) {
      String cur = "/";
      for (String part : norm.equals("/") ? new String[0] : norm.substring(1).split("/")) {
        cur = resolve(cur.equals("/") ? "/" + part : cur + "/" + part, true);
        FileNode n = nodeAt(cur);
        if (n == null) {
          put(cur, Entry.dir(0755, clock.getAsLong()));
        } else if (!n.isDirectory()) {
          throw new FsException(n.isSymlink() ? Errno.ENOENT : Errno.EEXIST, path);
        }
      }
      return;
    }
    String r = resolve(norm, false);
    if (nodeAt(r) != null) {
      throw new FsException(Errno.EEXIST, path);
    }
    requireParentDir(r, path);
    put(r, Entry.dir(0755, clock.getAsLong()));
  }

  @Override
  public void remove(String path, boolean recursive) {
    checkWritable(path);
    String r = resolve(path, false);
    if (r.equals("/")) {
      throw new FsException(Errno.EINVAL, path);
    }
    FileNode n = nodeAt(r);
    if (n == null) {
      throw new FsException(Errno.ENOENT, path);
    }
    if (n.isDirectory() && !recursive && !children(r).isEmpty()) {
      throw new FsException(Errno.ENOTEMPTY, path);
    }
    removeTree(r);
  }

  @Override
  public List<String> list(String directory) {
    String r = resolve(directory, true);
    FileNode n = nodeAt(r);
    if (n == null) {
      throw new FsException(Errno.ENOENT, directory);
    }
    if (!n.isDirectory()) {
      throw new FsException(Errno.ENOTDIR, directory);
    }
    return children(r);
  }

  @Override
  public void symlink(String target, String linkPath) {
    checkWritable(linkPath);
    String r = resolve(linkPath, false);
    if (nodeAt(r) != null) {
      throw new FsException(Errno.EEXIST, linkPath);
    }
    requireParentDir(r, linkPath);
    put(r, Entry.symlink(target, clock.getAsLong()));
  }

  @Override
  public void rename(String from, String to) {
    checkWritable(to);
    String src = resolve(from, false);
    FileNode n = nodeAt(src);
    if (n == null) {
      throw new FsException(Errno.ENOENT, from);
    }
    String dst = resolve(to, false);
    if (src.equals(dst)) {
      return;
    }
    if (src.equals("/") || dst.startsWith(src + "/")) {
      throw new FsException(Errno.EINVAL, to);
    }
    requireParentDir(dst, to);
    FileNode existing = nodeAt(dst);
    if (existing != null) {
      if (existing.isDirectory() && !n.isDirectory()) {
        throw new FsException(Errno.EISDIR, to);
      }
      if (!existing.isDirectory() && n.isDirectory()) {
        throw new FsException(Errno.ENOTDIR, to);
      }
      if (existing.isDirectory() && !children(dst).isEmpty()) {
        throw new FsException(Errno.ENOTEMPTY, to);
      }
      removeTree(dst);
    }
    // Copy, then delete: overlayfs without redirect_dir does the same (EXDEV, then mv copies).
    List<String[]> moves = new ArrayList<>();
    collect(src, dst, moves);
    for (String[] m : moves) {
      put(m[1], get(m[0]));
    }
    removeTree(src);
  }

  private void collect(String src, String dst, List<String[]> out) {
    out.add(new String[] {src, dst});
    Entry e = get(src);
    if (e != null && e.isDirectory()) {
      for (String c : children(src)) {
        collect(src + "/" + c, dst + "/" + c, out);
      }
    }
  }

  @Override
  public void chmod(String path, int mode) {
    checkWritable(path);
    String r = resolve(path, true);
    if (r.equals("/")) {
      return;
    }
    Entry e = get(r);
    if (e == null) {
      throw new FsException(Errno.ENOENT, path);
    }
    put(r, e.withMode(mode & 07777));
  }

  /** lchown: the owner and group of the node at {@code path} (a final link is the node). */
  public void chown(String path, int uid, int gid) {
    checkWritable(path);
    String r = resolve(path, false);
    Entry e = r.equals("/") ? null : get(r);
    if (e == null) {
      if (r.equals("/")) {
        return;
      }
      throw new FsException(Errno.ENOENT, path);
    }
    put(r, e.withOwner(uid, gid));
  }

  private void requireParentDir(String resolved, String path) {
    FileNode p = nodeAt(Paths.parent(resolved));
    if (p == null) {
      throw new FsException(Errno.ENOENT, path);
    }
    if (!p.isDirectory()) {
      throw new FsException(Errno.ENOTDIR, path);
    }
  }

  @Override
  public void install(String path, Entry entry) {
    checkWritable(path);
    put(path, entry);
  }

  private void checkWritable(String path) {
    if (readOnly()) {
      throw new FsException(Errno.EROFS, path);
    }
  }
}
