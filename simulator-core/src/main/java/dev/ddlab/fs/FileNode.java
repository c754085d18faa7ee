package dev.ddlab.fs;

/**
 * What stat(2) tells about one path. {@code program} names the simulated program an executable file
 * runs (e.g. "busybox", "bash", "nginx"); for a multi-call binary such as busybox, the program
 * picks the applet from argv[0]. Null for data files.
 */
public record FileNode(
    Kind kind,
    int mode,
    long size,
    String linkTarget,
    String program,
    long mtimeNanos,
    int uid,
    int gid) {

  public enum Kind {
    FILE,
    DIRECTORY,
    SYMLINK
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
