package dev.ddlab.sim.volume;

import dev.ddlab.engine.dto.ChangeItem;
import dev.ddlab.fs.Disk;
import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.fs.ContainerRootFs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A container's mount namespace: its root filesystem with volumes, bind mounts and tmpfs mounted
 * over directories. Each call goes to the filesystem of the deepest mount covering the path; {@code
 * docker diff} and sizes stay those of the writable layer, as Docker excludes mounts from them.
 */
public final class MountedFs implements ContainerRootFs {
  /** One mount: what is seen at {@code target} is {@code source} inside {@code fs}. */
  public record Mount(String target, FileSystem fs, String source, boolean readOnly) {}

  /** The files of procfs that show the mount table (/proc/mounts is a link to self/mounts). */
  private static final java.util.Set<String> MOUNTS_FILES =
      java.util.Set.of("/proc/mounts", "/proc/self/mounts");

  private final ContainerRootFs root;
  private final List<Mount> mounts;
  private final boolean rootReadOnly;
  private final MountTable table;

  public MountedFs(ContainerRootFs root, List<Mount> mounts) {
    this(root, mounts, false, null);
  }

  /**
   * @param rootReadOnly {@code --read-only}: writes outside the mounts fail with EROFS
   * @param table the kernel's mount table as the container's programs read it (null: none, and no
   *     /proc/mounts)
   */
  public MountedFs(
      ContainerRootFs root, List<Mount> mounts, boolean rootReadOnly, MountTable table) {
    this.root = root;
    this.rootReadOnly = rootReadOnly;
    this.table = table;
    List<Mount> sorted = new ArrayList<>(mounts);
    sorted.sort(Comparator.comparingInt((Mount m) -> m.target().length()).reversed());
    this.mounts = List.copyOf(sorted);
  }

  public List<Mount> mounts() {
    return mounts;
  }

  /** The same root, read-only flag and mount table with other mounts. */
  public MountedFs withMounts(List<Mount> others) {
    return new MountedFs(root, others, rootReadOnly, table);
  }

  /** The kernel's mount table, or null. */
  public MountTable table() {
    return table;
  }

  private boolean mountsFile(String path) {
    return table != null && (MOUNTS_FILES.contains(Paths.normalize(path)) || mountinfoFile(path));
  }

  private boolean mountinfoFile(String path) {
    return table != null && Paths.normalize(path).equals("/proc/self/mountinfo");
  }

  /** How stat sees a procfs file: empty and read-only, its size unknown until read. */
  private static FileNode procFile() {
    return new FileNode(FileNode.Kind.FILE, 0444, 0, null, null, 0, 0, 0);
  }

  private record Route(FileSystem fs, String path, Mount mount) {}

  private Route route(String path) {
    String p = Paths.normalize(path);
    for (Mount m : mounts) {
      String t = m.target();
      if (p.equals(t)) {
        return new Route(m.fs(), m.source(), m);
      }
      if (p.startsWith(t + "/")) {
        String rest = p.substring(t.length());
        String inner = m.source().equals("/") ? rest : m.source() + rest;
        return new Route(m.fs(), inner, m);
      }
    }
    return new Route(root, p, null);
  }

  private Route writable(String path) {
    Route r = route(path);
    if (r.mount() != null ? r.mount().readOnly() : rootReadOnly) {
      throw new FsException(FsException.Errno.EROFS, path);
    }
    return r;
  }

  @Override
  public Optional<FileNode> stat(String path) {
    if (mountsFile(path)) {
      return Optional.of(procFile());
    }
    Route r = route(path);
    return r.fs().stat(r.path());
  }

  @Override
  public Optional<FileNode> lstat(String path) {
    if (mountsFile(path)) {
      return Optional.of(procFile());
    }
    Route r = route(path);
    return r.fs().lstat(r.path());
  }

  @Override
  public byte[] read(String path) {
    if (mountsFile(path)) {
      String text = mountinfoFile(path) ? table.procMountinfo() : table.procMounts();
      return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    Route r = route(path);
    return r.fs().read(r.path());
  }

  @Override
  public byte[] read(String path, long max) {
    if (mountsFile(path)) {
      return ContainerRootFs.super.read(path, max);
    }
    Route r = route(path);
    return r.fs().read(r.path(), max);
  }

  @Override
  public void write(String path, byte[] data, boolean append) {
    Route r = writable(path);
    r.fs().write(r.path(), data, append);
  }

  @Override
  public void install(String path, dev.ddlab.fs.Entry entry) {
    Route r = writable(path);
    r.fs().install(r.path(), entry);
  }

  @Override
  public void mkdir(String path, boolean parents) {
    Route r = writable(path);
    r.fs().mkdir(r.path(), parents);
  }

  @Override
  public void remove(String path, boolean recursive) {
    Route r = writable(path);
    if (r.mount() != null && Paths.normalize(path).equals(r.mount().target())) {
      throw new FsException(FsException.Errno.EINVAL, path); // EBUSY: a mount point
    }
    r.fs().remove(r.path(), recursive);
  }

  @Override
  public List<String> list(String directory) {
    Route r = route(directory);
    List<String> names = r.fs().list(r.path());
    // a mount point is there even where the layer below has no directory (/dev/shm)
    String dir = Paths.normalize(directory);
    List<String> more = null;
    for (Mount m : mounts) {
      String t = m.target();
      if (!t.equals("/") && Paths.parent(t).equals(dir) && !names.contains(Paths.name(t))) {
        more = more == null ? new ArrayList<>(names) : more;
        more.add(Paths.name(t));
      }
    }
    if (more == null) {
      return names;
    }
    more.sort(null);
    return more;
  }

  @Override
  public void symlink(String target, String linkPath) {
    Route r = writable(linkPath);
    r.fs().symlink(target, r.path());
  }

  @Override
  public void copyFile(String from, String to) {
    Route a = route(from);
    Route b = writable(to);
    if (a.fs() == b.fs()) {
      a.fs().copyFile(a.path(), b.path());
    } else {
      // across mounts only the bytes go (a program's binary copied into a volume is data there)
      b.fs().write(b.path(), a.fs().read(a.path()), false);
    }
  }

  @Override
  public void rename(String from, String to) {
    Route a = writable(from);
    Route b = writable(to);
    if (a.fs() != b.fs()) {
      throw new FsException(FsException.Errno.EINVAL, to); // EXDEV: across mounts
    }
    a.fs().rename(a.path(), b.path());
  }

  @Override
  public void chmod(String path, int mode) {
    Route r = writable(path);
    r.fs().chmod(r.path(), mode);
  }

  @Override
  public List<ChangeItem> changes() {
    List<ChangeItem> out = new ArrayList<>();
    for (ChangeItem c : root.changes()) {
      boolean underMount = false;
      for (Mount m : mounts) {
        if (c.path().startsWith(m.target() + "/")) {
          underMount = true;
          break;
        }
      }
      if (!underMount) {
        out.add(c);
      }
    }
    return out;
  }

  @Override
  public long sizeRw() {
    return root.sizeRw();
  }

  @Override
  public long bytesWritten() {
    return root.bytesWritten();
  }

  @Override
  public void disk(Disk d) {
    root.disk(d);
  }

  @Override
  public long sizeRootFs() {
    return root.sizeRootFs();
  }
}
