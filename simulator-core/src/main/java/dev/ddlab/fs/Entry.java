package dev.ddlab.fs;

/**
 * One path of a layer: a directory (possibly opaque), a file with its {@link Content}, a symbolic
 * link, or a whiteout that hides the same path in lower layers. In a layer tar a whiteout is the
 * empty file {@code .wh.<name>} and an opaque directory holds {@code .wh..wh..opq} (OCI image-spec
 * layer.md).
 */
public record Entry(FileNode node, Content content, boolean whiteout, boolean opaque) {
  public static final int DIR_SIZE = 4096;
  private static final Entry WHITEOUT = new Entry(null, null, true, false);

  public static Entry dir(int mode, long mtimeNanos) {
    return dir(mode, mtimeNanos, 0, 0);
  }

  public static Entry dir(int mode, long mtimeNanos, int uid, int gid) {
    return new Entry(
        new FileNode(FileNode.Kind.DIRECTORY, mode, DIR_SIZE, null, null, mtimeNanos, uid, gid),
        null,
        false,
        false);
  }

  public static Entry file(int mode, Content content, String program, long mtimeNanos) {
    return file(mode, content, program, mtimeNanos, 0, 0);
  }

  public static Entry file(
      int mode, Content content, String program, long mtimeNanos, int uid, int gid) {
    return new Entry(
        new FileNode(FileNode.Kind.FILE, mode, content.size(), null, program, mtimeNanos, uid, gid),
        content,
        false,
        false);
  }

  public static Entry symlink(String target, long mtimeNanos) {
    return new Entry(
        new FileNode(FileNode.Kind.SYMLINK, 0777, target.length(), target, null, mtimeNanos, 0, 0),
        null,
        false,
        false);
  }

  /** A character device node ({@code mknod c MAJOR MINOR}): no content, size 0. */
  public static Entry charDevice(
      int mode, int major, int minor, long mtimeNanos, int uid, int gid) {
    return new Entry(
        new FileNode(
            FileNode.Kind.CHAR_DEVICE,
            mode,
            0,
            null,
            null,
            mtimeNanos,
            uid,
            gid,
            FileNode.rdev(major, minor)),
        Content.empty(),
        false,
        false);
  }

  public static Entry newWhiteout() {
    return WHITEOUT;
  }

  public boolean isDirectory() {
    return node != null && node.isDirectory();
  }

  public boolean isFile() {
    return node != null && node.isFile();
  }

  /** The same directory, marked opaque: lower layers' contents of it are hidden. */
  public Entry asOpaque() {
    return new Entry(node, content, false, true);
  }

  public Entry withMode(int mode) {
    return new Entry(node.withMode(mode), content, whiteout, opaque);
  }

  /** The same entry owned by {@code uid:gid} (chown; a COPY without --chown makes it 0:0). */
  public Entry withOwner(int uid, int gid) {
    return new Entry(node.withOwner(uid, gid), content, whiteout, opaque);
  }

  public Entry withMtime(long mtimeNanos) {
    return new Entry(node.withMtime(mtimeNanos), content, whiteout, opaque);
  }

  /** Bytes this entry adds to a layer (regular files only, as du counts content). */
  public long contentSize() {
    return isFile() ? content.size() : 0;
  }
}
