package dev.ddlab.sim.container;

import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.fs.Digests;
import dev.ddlab.sim.runtime.Kernel;
import dev.ddlab.sim.volume.MountTable;
import dev.ddlab.sim.volume.MountTable.Entry;
import dev.ddlab.sim.volume.MountTable.Usage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The mount table runc leaves a container with, as its /proc/mounts shows it on the simulated node
 * (Docker 24.0.7, runc 1.1, Ubuntu 22.04's 5.15 kernel with cgroup v2): the overlay root, the OCI
 * default mounts (proc, /dev, devpts, sysfs, cgroup2, mqueue, the IPC namespace's /dev/shm), the
 * container's volumes, binds and tmpfs sorted by depth (moby's {@code sortMounts}), then
 * /etc/resolv.conf, /etc/hostname and /etc/hosts, the tty's /dev/console, and the read-only and
 * masked paths of oci.DefaultSpec that exist on that kernel.
 *
 * <p>Sizes are the simulated node's, deterministic: a 30 GB root disk ({@code /dev/sda1}, ext4)
 * with 4.9 GiB used before anything a learner writes (each byte written on the node's disk adds to
 * it), 5% reserved as ext4 reserves it; tmpfs sizes as the kernel gives them (half of the node's
 * RAM without {@code size=}).
 */
final class MountTables {
  /** The node's root disk: the overlay's upper layers, volumes and binds live on it. */
  static final String HOST_DEVICE = "/dev/sda1";

  /** Its mount options on an Ubuntu cloud image (fstab's {@code discard,errors=remount-ro}). */
  private static final String HOST_OPTIONS = "relatime,discard,errors=remount-ro";

  static final long DISK_BYTES = 30_298_176L * 1024; // 28.9G: a 30 GB volume's ext4
  static final long DISK_BASE_USED = 5_134_632L * 1024; // the OS, dockerd's images and logs
  static final long DISK_RESERVED = 1_514_908L * 1024; // ext4's 5% for root

  private static final long PAGE = 4096;

  /** A tmpfs without {@code size=}: half the RAM, in whole pages (shmem_default_max_blocks). */
  static final long TMPFS_DEFAULT = Kernel.MEM_TOTAL_BYTES / PAGE / 2 * PAGE;

  /** /dev: runc's {@code size=65536k}. */
  private static final long DEV_BYTES = 64L * 1024 * 1024;

  private static final String PSEUDO = "rw,nosuid,nodev,noexec,relatime";
  private static final String DEVPTS = "rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666";
  private static final String DEV_TMPFS = "rw,nosuid,size=65536k,mode=755,inode64";
  private static final String MASKED_DIR = "ro,relatime,inode64";

  /**
   * oci.DefaultSpec's masked paths that exist on 5.15.0-91-generic (no sound card, no
   * latency_stats, no timer_stats; sched_debug moved to debugfs in 5.13): a directory gets a
   * read-only tmpfs over it, a file the container's /dev/null bound over it (so /dev's tmpfs).
   */
  private static final List<String> MASKED_DIRS =
      List.of("/proc/acpi", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");

  private static final List<String> MASKED_FILES =
      List.of("/proc/kcore", "/proc/keys", "/proc/timer_list");

  /** One of the container's own mounts, as register() set it up. */
  record Own(
      String target,
      String kind,
      boolean readOnly,
      String tmpfsOptions,
      Usage usage,
      String source) {
    Own(String target, String kind, boolean readOnly, String tmpfsOptions, Usage usage) {
      this(target, kind, readOnly, tmpfsOptions, usage, null);
    }
  }

  private MountTables() {}

  /**
   * The table of a container.
   *
   * @param own its volumes, binds and tmpfs mounts (kind "volume", "bind" or "tmpfs")
   * @param etc the daemon's files it mounts (/etc/resolv.conf …) in their order
   * @param shm its /dev/shm's usage
   * @param nodeDiskUsed the bytes written on the node's disk
   */
  static MountTable of(
      Container c,
      HostConfig hc,
      List<Own> own,
      List<String> etc,
      Usage shm,
      List<String> layerIds,
      LongSupplier nodeDiskUsed) {
    Usage disk = disk(nodeDiskUsed);
    Usage dev = tmpfs(DEV_BYTES, () -> 0); // /dev, and /dev/null bound over masked files
    boolean ro = hc.readonlyRootfs();
    boolean privileged = hc.privileged();
    List<Entry> out = new ArrayList<>();
    // the overlay is a filesystem of its own with the disk's figures (coreutils' df keeps both)
    Usage overlay = disk(nodeDiskUsed);
    out.add(new Entry("overlay", "/", "overlay", overlayOptions(c, ro, layerIds), overlay));
    out.add(new Entry("proc", "/proc", "proc", PSEUDO, null));
    out.add(new Entry("tmpfs", "/dev", "tmpfs", DEV_TMPFS, dev));
    out.add(new Entry("devpts", "/dev/pts", "devpts", DEVPTS, null));
    String sys = (privileged ? "rw" : "ro") + ",nosuid,nodev,noexec,relatime";
    out.add(new Entry("sysfs", "/sys", "sysfs", sys, null));
    out.add(new Entry("cgroup", "/sys/fs/cgroup", "cgroup2", sys, null));
    out.add(new Entry("mqueue", "/dev/mqueue", "mqueue", PSEUDO, null));
    out.add(
        new Entry(
            "shm", "/dev/shm", "tmpfs", PSEUDO + ",size=" + kib(shm.total()) + "k,inode64", shm));
    List<Own> sorted = new ArrayList<>(own);
    // volumes and binds by path, then the tmpfs mounts in moby's TmpfsMounts order (--tmpfs, here
    // by path, then --mount type=tmpfs); then moby's sort by depth (stable here)
    sorted.sort(
        Comparator.comparing((Own o) -> o.kind().equals("tmpfs"))
            .thenComparing(o -> o.kind().equals("tmpfs") ? "" : o.target()));
    List<Entry> user = new ArrayList<>();
    for (Own o : sorted) {
      String mode = o.readOnly() ? "ro" : "rw";
      user.add(
          o.kind().equals("tmpfs")
              ? new Entry("tmpfs", o.target(), "tmpfs", o.tmpfsOptions(), o.usage())
              : new Entry(
                  HOST_DEVICE,
                  o.target(),
                  "ext4",
                  mode + "," + HOST_OPTIONS,
                  disk,
                  o.source() == null ? "/" : o.source()));
    }
    for (String f : etc) {
      user.add(
          new Entry(
              HOST_DEVICE,
              f,
              "ext4",
              (ro ? "ro," : "rw,") + HOST_OPTIONS,
              disk,
              c.hostsDir + "/" + Paths.name(f)));
    }
    user.sort(Comparator.comparingInt(e -> depth(e.target())));
    out.addAll(user);
    if (c.config.tty()) {
      out.add(new Entry("devpts", "/dev/console", "devpts", DEVPTS, null));
    }
    if (!privileged) {
      for (String p : ContainerResources.DEFAULT_READONLY_PATHS) {
        out.add(
            new Entry(
                "proc",
                p,
                "proc",
                "ro,nosuid,nodev,noexec,relatime",
                null,
                p.substring("/proc".length())));
      }
      for (String p : ContainerResources.DEFAULT_MASKED_PATHS) {
        if (MASKED_FILES.contains(p)) {
          out.add(new Entry("tmpfs", p, "tmpfs", DEV_TMPFS, dev, "/null"));
        } else if (MASKED_DIRS.contains(p)) {
          out.add(new Entry("tmpfs", p, "tmpfs", MASKED_DIR, tmpfs(TMPFS_DEFAULT, () -> 0)));
        }
      }
    }
    return new MountTable(out);
  }

  /**
   * The options the kernel shows for a tmpfs Docker mounted ({@code --tmpfs}, {@code --mount
   * type=tmpfs}): Docker's defaults {@code noexec,nosuid,nodev} unless asked otherwise, the size
   * when one was given (in KiB, whole pages), the mode unless 1777.
   */
  static String tmpfsOptions(boolean readOnly, String options, long bytes, boolean sized) {
    boolean exec = false;
    boolean suid = false;
    boolean dev = false;
    String mode = null;
    for (String o : options == null ? new String[0] : options.split(",")) {
      switch (o) {
        case "exec" -> exec = true;
        case "suid" -> suid = true;
        case "dev" -> dev = true;
        default -> {
          if (o.startsWith("mode=")) {
            mode = o.substring(5).replaceFirst("^0+(?=.)", "");
          }
        }
      }
    }
    StringBuilder sb = new StringBuilder(readOnly ? "ro" : "rw");
    sb.append(suid ? "" : ",nosuid").append(dev ? "" : ",nodev").append(exec ? "" : ",noexec");
    sb.append(",relatime");
    if (sized) {
      sb.append(",size=").append(kib(pages(bytes))).append('k');
    }
    if (mode != null && !mode.equals("1777")) {
      sb.append(",mode=").append(mode);
    }
    return sb.append(",inode64").toString();
  }

  /** A tmpfs of {@code size} bytes whose files hold {@code used} bytes, counted in pages. */
  static Usage tmpfs(long size, LongSupplier used) {
    long total = pages(size);
    return new Usage(total, () -> Math.min(total, pages(used.getAsLong())), 0);
  }

  /** The node's root disk: its fixed base, plus what was written on the simulated node. */
  private static Usage disk(LongSupplier written) {
    return new Usage(DISK_BYTES, () -> DISK_BASE_USED + pages(written.getAsLong()), DISK_RESERVED);
  }

  /**
   * overlay2's mount data: the container's init layer and the image's layers (top first) by their
   * short links under {@code l/}, then its own upper and work directories.
   */
  private static String overlayOptions(Container c, boolean ro, List<String> layerIds) {
    String base = "/var/lib/docker/overlay2/";
    StringBuilder lower = new StringBuilder(base + "l/" + link(c.graphId + "-init"));
    for (int i = layerIds.size() - 1; i >= 0; i--) {
      lower.append(':').append(base).append("l/").append(link(layerIds.get(i)));
    }
    return (ro ? "ro" : "rw")
        + ",relatime,lowerdir="
        + lower
        + ",upperdir="
        + base
        + c.graphId
        + "/diff,workdir="
        + base
        + c.graphId
        + "/work";
  }

  /** overlay2's 26-character link name of a layer directory (random in Docker, derived here). */
  static String link(String layer) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    String hex = Digests.hex(Digests.sha256("overlay2 link " + layer));
    StringBuilder sb = new StringBuilder(26);
    for (int i = 0; i < 26; i++) {
      sb.append(alphabet.charAt(Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16) % 32));
    }
    return sb.toString();
  }

  private static int depth(String path) {
    return Paths.normalize(path).split("/", -1).length;
  }

  private static long pages(long bytes) {
    return (bytes + PAGE - 1) / PAGE * PAGE;
  }

  private static long kib(long bytes) {
    return bytes / 1024;
  }
}
