package dev.ddlab.sim.volume;

import dev.ddlab.fs.Paths;
import java.util.List;

/**
 * The kernel's mount table of one container, in the order runc mounted it: what {@code
 * /proc/mounts} holds and what busybox's {@code mount} and {@code df} read (df asks statfs(2) of
 * each entry, here its {@link Usage}).
 */
public final class MountTable {
  /**
   * statfs(2) of a mounted filesystem, in bytes: its size, what its files hold now, and what only
   * root may use (ext4's reserved blocks), which df's Available leaves out.
   */
  public record Usage(long total, java.util.function.LongSupplier usedNow, long reserved) {
    public long used() {
      return usedNow.getAsLong();
    }

    public long available() {
      return Math.max(0, total - reserved - used());
    }
  }

  /**
   * One line of /proc/mounts. {@code usage} is null for a filesystem without blocks (proc, sysfs,
   * devpts, cgroup2, mqueue), which df leaves out; mounts of one filesystem (binds of the host's
   * disk, /dev/null bound from /dev's tmpfs) share the same usage object, as they share a device
   * number.
   */
  public record Entry(
      String device, String target, String type, String options, Usage usage, String root) {
    /** A mount of a filesystem's root. */
    public Entry(String device, String target, String type, String options, Usage usage) {
      this(device, target, type, options, usage, "/");
    }

    /** The line of /proc/mounts (a space in a path is written {@code \040}, as the kernel does). */
    public String procLine() {
      return device + " " + escape(target) + " " + type + " " + options + " 0 0\n";
    }

    /** Whether the device is a block device (a bind of the host's disk shares it). */
    boolean blockDevice() {
      return device.startsWith("/dev/");
    }
  }

  private final List<Entry> entries;

  public MountTable(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The contents of /proc/mounts. */
  public String procMounts() {
    StringBuilder sb = new StringBuilder();
    for (Entry e : entries) {
      sb.append(e.procLine());
    }
    return sb.toString();
  }

  /** The flags of a mount itself; the rest of /proc/mounts' options are its filesystem's. */
  private static final java.util.Set<String> MOUNT_FLAGS =
      java.util.Set.of(
          "rw",
          "ro",
          "nosuid",
          "nodev",
          "noexec",
          "relatime",
          "noatime",
          "nodiratime",
          "strictatime");

  /** The mount ID the kernel gave the container's root (the rest follow in the table's order). */
  private static final int FIRST_ID = 612;

  /**
   * The contents of /proc/self/mountinfo: per mount its ID, its parent's, the device, the root of
   * the mount within its filesystem (a bind's source, a procfs sub-directory, /dev's {@code /null}
   * over a masked file), the mount's own flags, {@code master:1} for volumes and binds of the
   * host's disk (rslave; the root's peer group is left out), then the filesystem's type, source and
   * options ({@code ro} only for a filesystem mounted read-only, not for a read-only bind of a
   * writable one).
   */
  public String procMountinfo() {
    StringBuilder sb = new StringBuilder();
    java.util.Map<Object, Integer> minors = new java.util.IdentityHashMap<>();
    java.util.Map<String, Integer> pseudo = new java.util.HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      int parent = FIRST_ID + entries.size();
      for (int j = i - 1; j >= 0 && e != entries.get(0); j--) {
        String t = entries.get(j).target();
        if (t.equals("/") || e.target().startsWith(t + "/")) {
          parent = FIRST_ID + j;
          break;
        }
      }
      String dev;
      if (e.blockDevice()) {
        dev = "8:1";
      } else if (e.usage() != null) {
        dev = "0:" + minors.computeIfAbsent(e.usage(), u -> 48 + minors.size() + pseudo.size());
      } else {
        String key = e.type().equals("proc") ? "proc" : e.target();
        dev = "0:" + pseudo.computeIfAbsent(key, k -> 48 + minors.size() + pseudo.size());
      }
      List<String> mount = new java.util.ArrayList<>();
      List<String> fs = new java.util.ArrayList<>();
      for (String o : e.options().split(",")) {
        (MOUNT_FLAGS.contains(o) ? mount : fs).add(o);
      }
      boolean bind = !e.root().equals("/") || e.blockDevice() || e.type().equals("overlay");
      // cgroup2's superblock is the host's (a cgroup namespace's view of it), mounted ro here
      boolean cgroup = e.type().equals("cgroup2");
      boolean freshReadOnly = mount.contains("ro") && !bind && !cgroup;
      fs.add(0, freshReadOnly ? "ro" : "rw");
      if (cgroup) {
        fs.add("nsdelegate");
        fs.add("memory_recursiveprot");
      }
      boolean slave =
          e.blockDevice()
              && !e.root().equals("/")
              && !e.root().startsWith("/var/lib/docker/containers/");
      sb.append(FIRST_ID + i)
          .append(' ')
          .append(parent)
          .append(' ')
          .append(dev)
          .append(' ')
          .append(escape(e.root()))
          .append(' ')
          .append(escape(e.target()))
          .append(' ')
          .append(String.join(",", mount))
          .append(slave ? " master:1" : "")
          .append(" - ")
          .append(e.type())
          .append(' ')
          .append(e.device())
          .append(' ')
          .append(String.join(",", fs))
          .append('\n');
    }
    return sb.toString();
  }

  /**
   * The entry busybox's df reports for {@code path}: the last mount over it (the deepest, as the
   * table lists parents first). A path on a bind of a block device is reported as the first entry
   * of that device, since busybox's find_mount_point matches the device number: {@code df
   * /etc/hosts} names {@code /etc/resolv.conf}.
   */
  public Entry forPath(String path) {
    String p = Paths.normalize(path);
    Entry found = null;
    for (Entry e : entries) {
      String t = e.target();
      if (p.equals(t) || t.equals("/") || p.startsWith(t + "/")) {
        found = e;
      }
    }
    if (found != null && found.blockDevice()) {
      for (Entry e : entries) {
        if (e.device().equals(found.device())) {
          return e;
        }
      }
    }
    return found;
  }

  private static String escape(String path) {
    return path.replace("\\", "\\134")
        .replace(" ", "\\040")
        .replace("\t", "\\011")
        .replace("\n", "\\012");
  }
}
