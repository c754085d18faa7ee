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
  public record Entry(String device, String target, String type, String options, Usage usage) {
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
