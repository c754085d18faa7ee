package dev.ddlab.fs;

/**
 * What stat(2) tells about one path. {@code program} names the simulated program an executable file
 * runs (e.g. "busybox", "bash", "nginx"); for a multi-call binary such as busybox, the program
 * picks the applet from argv[0]. Null for data files. {@code rdev} is a character device's number
 * ({@link #major()}, {@link #minor()}), 0 for the other kinds.
 */
public record FileNode(
    Kind kind,
    int mode,
    long size,
    String linkTarget,
    String program,
    long mtimeNanos,
    int uid,
    int gid,
    int rdev) {

  public enum Kind {
    FILE,
    DIRECTORY,
    SYMLINK,
    /** A character device: {@code /dev/null}, {@code /dev/zero}, a terminal. */
    CHAR_DEVICE
  }

  /** A node that is not a device. */
  public FileNode(
      Kind kind,
      int mode,
      long size,
      String linkTarget,
      String program,
      long mtimeNanos,
      int uid,
      int gid) {
    this(kind, mode, size, linkTarget, program, mtimeNanos, uid, gid, 0);
  }

  /** The device number of {@code major} and {@code minor} as {@link #rdev} holds it. */
  public static int rdev(int major, int minor) {
    return major << 20 | minor;
  }

  public int major() {
    return rdev >>> 20;
  }

  public int minor() {
    return rdev & 0xfffff;
  }

  public boolean isCharDevice() {
    return kind == Kind.CHAR_DEVICE;
  }

  /** The same node with another size (a tmpfs directory's grows with its entries). */
  public FileNode withSize(long newSize) {
    return new FileNode(kind, mode, newSize, linkTarget, program, mtimeNanos, uid, gid, rdev);
  }

  /** The same node with other permission bits (chmod). */
  public FileNode withMode(int newMode) {
    return new FileNode(kind, newMode, size, linkTarget, program, mtimeNanos, uid, gid, rdev);
  }

  /** The same node owned by {@code newUid:newGid} (chown). */
  public FileNode withOwner(int newUid, int newGid) {
    return new FileNode(kind, mode, size, linkTarget, program, mtimeNanos, newUid, newGid, rdev);
  }

  /** The same node modified at {@code nanos} (touch). */
  public FileNode withMtime(long nanos) {
    return new FileNode(kind, mode, size, linkTarget, program, nanos, uid, gid, rdev);
  }

  public boolean isDirectory() {
    return kind == Kind.DIRECTORY;
  }

  public boolean isFile() {
    return kind == Kind.FILE;
  }

  public boolean isSymlink() {
    return kind == Kind.SYMLINK;
  }

  public boolean isExecutable() {
    return kind == Kind.FILE && (mode & 0111) != 0;
  }
}
