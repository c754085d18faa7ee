package dev.ddlab.sim.shell;

import dev.ddlab.fs.Paths;
import dev.ddlab.sim.volume.MountTable;
import dev.ddlab.sim.volume.MountTable.Entry;
import dev.ddlab.sim.volume.MountedFs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code df}, {@code mount} and {@code umount} inside a container, over its kernel mount table
 * ({@link MountTable}, what /proc/mounts holds): busybox's wording and layout (1.36's df.c and
 * mount.c) or, in a Debian-family image, coreutils' df and util-linux's mount. A container has no
 * CAP_SYS_ADMIN, so mounting and unmounting are refused as the kernel refuses them there. Not host
 * tools: the lab's host keeps its own programs.
 */
final class MountTools {
  private MountTools() {}

  private static final String DF_USAGE =
      """


      Usage: df [-PkmhTai] [-B SIZE] [-t TYPE] [FILESYSTEM]...

      Print filesystem usage statistics

      \t-P\tPOSIX output format
      \t-k\t1024-byte blocks (default)
      \t-m\t1M-byte blocks
      \t-h\tHuman readable (e.g. 1K 243M 2G)
      \t-T\tPrint filesystem type
      \t-t TYPE\tPrint only mounts of this type
      \t-a\tShow all filesystems
      \t-i\tInodes
      \t-B SIZE\tBlocksize""";

  private static final String MOUNT_USAGE =
      """


      Usage: mount [OPTIONS] [-o OPT] DEVICE NODE

      Mount a filesystem. Filesystem autodetection requires /proc.

      \t-a\t\tMount all filesystems in fstab
      \t-f\t\tDry run
      \t-i\t\tDon't run mount helper
      \t-r\t\tRead-only mount
      \t-t FSTYPE[,...]\tFilesystem type(s)
      \t-T FILE\t\tRead FILE instead of /etc/fstab
      \t-O OPT\t\tMount only filesystems with option OPT (-a only)
      -o OPT:
      \tloop\t\tIgnored (loop devices are autodetected)
      \t[a]sync\t\tWrites are [a]synchronous
      \t[no]atime\tDisable/enable updates to inode access times
      \t[no]diratime\tDisable/enable atime updates to directories
      \t[no]relatime\tDisable/enable atime updates relative to modification time
      \t[no]dev\t\t(Dis)allow use of special device files
      \t[no]exec\t(Dis)allow use of executable files
      \t[no]suid\t(Dis)allow set-user-id-root programs
      \t[r]shared\tConvert [recursively] to a shared subtree
      \t[r]slave\tConvert [recursively] to a slave subtree
      \t[r]private\tConvert [recursively] to a private subtree
      \t[un]bindable\tMake mount point [un]able to be bind mounted
      \t[r]bind\t\tBind a file or directory [recursively] to another location
      \tmove\t\tRelocate an existing mount point
      \tremount\t\tRemount a mounted filesystem, changing flags
      \tro\t\tSame as -r

      There are filesystem-specific -o flags.""";

  /** The mount table the tool's filesystem shows, or null (nothing mounted that it can read). */
  private static MountTable table(ToolContext ctx) {
    return ctx.fs() instanceof MountedFs m ? m.table() : null;
  }

  // ---- df ----

  /** df's choices. */
  private static final class DfOptions {
    boolean posix;
    boolean human;
    boolean type;
    boolean all;
    long unit = 1024;
    String onlyType;
    boolean inodes;
  }

  static int df(ToolContext ctx, List<String> args) {
    Io io = ctx.io();
    DfOptions o = new DfOptions();
    boolean busybox = ctx.busybox();
    if (args.contains("--help")) {
      return help(ctx, "df");
    }
    int first =
        ShortOptions.scan(
            args,
            "tB",
            new ShortOptions.Handler() {
              @Override
              public boolean option(char c, String value) {
                switch (c) {
                  case 'P' -> o.posix = true;
                  case 'k' -> o.unit = 1024;
                  case 'm' -> o.unit = 1024 * 1024;
                  case 'h' -> o.human = true;
                  case 'T' -> o.type = true;
                  case 'a' -> o.all = true;
                  case 'i' -> o.inodes = true;
                  case 't' -> o.onlyType = value;
                  case 'B' -> o.unit = blockSize(value);
                  default -> {
                    return badOption(ctx, "df", c);
                  }
                }
                return true;
              }

              @Override
              public void missing(char c) {
                missingArgument(ctx, "df", c);
              }
            });
    if (first < 0) {
      return 1;
    }
    MountTable table = table(ctx);
    if (table == null) {
      io.errln("df: /proc/mounts: No such file or directory");
      return 1;
    }
    List<String> paths = args.subList(first, args.size());
    List<Row> rows = new ArrayList<>();
    if (paths.isEmpty()) {
      List<Entry> listed = new ArrayList<>();
      for (Entry e : table.entries()) {
        if ((e.usage() != null || o.all) && (o.onlyType == null || o.onlyType.equals(e.type()))) {
          listed.add(e);
        }
      }
      for (Entry e : busybox || o.all ? listed : withoutDuplicates(listed)) {
        rows.add(new Row(e, null));
      }
    } else {
      for (String p : paths) {
        String abs = Paths.resolve(ctx.cwd(), p);
        Entry e = ctx.fs().exists(abs) ? table.forPath(abs) : null;
        rows.add(new Row(e, e == null ? p : null));
      }
    }
    // in the order df writes them: busybox's bb_error_msg and coreutils' error() flush stdout first
    return busybox ? busyboxDf(io, o, rows) : coreutilsDf(io, o, rows);
  }

  /** One line of df: a mounted filesystem, or a path it could not place. */
  private record Row(Entry e, String missing) {}

  private static int busyboxDf(Io io, DfOptions o, List<Row> rows) {
    String units =
        o.inodes
            ? "   Inodes"
            : o.human
                ? "     Size"
                : o.unit == 1024 && o.posix ? "1024-blocks" : unitHeader(o.unit);
    io.println(
        "Filesystem           "
            + (o.type ? "Type       " : "")
            + String.format("%-15s", units)
            + "Used Available "
            + (o.posix ? "Capacity" : "Use%")
            + " Mounted on");
    int status = 0;
    for (Row row : rows) {
      Entry e = row.e();
      if (e == null) {
        io.errln("df: " + row.missing() + ": can't find mount point");
        status = 1;
        continue;
      }
      StringBuilder sb = new StringBuilder();
      sb.append(String.format("%-20s", e.device()));
      if (e.device().length() > 20 && !o.posix) {
        sb.append('\n').append(" ".repeat(20));
      }
      if (o.type) {
        String t = String.format(" %-10s", e.type());
        sb.append(t);
        if (t.length() > 11 && !o.posix) {
          sb.append('\n').append(" ".repeat(30));
        }
      }
      long[] f = figures(e, o);
      long total = f[0];
      long used = f[1];
      long avail = f[2];
      sb.append(String.format(" %9s ", size(total, o)));
      sb.append(String.format("%9s ", size(used, o)));
      sb.append(String.format("%9s %3d%% %s", size(avail, o), percent(used, avail), e.target()));
      io.println(sb.toString());
    }
    return status;
  }

  /**
   * statfs's figures of a mount in bytes, total, used and available (with {@code -i} its inodes);
   * 0s for a pseudo one.
   */
  private static long[] figures(Entry e, DfOptions o) {
    MountTable.Usage u = e.usage();
    if (u == null) {
      return new long[3];
    }
    if (o.inodes) {
      return inodes(e);
    }
    return new long[] {u.total(), u.used(), u.available()};
  }

  // ---- stat -f ----

  /**
   * {@code stat -f [-c FMT] [-t] FILE}: statfs(2) of the mount holding FILE, in busybox's or
   * coreutils' words (coreutils adds the fundamental block size; busybox knows no overlay, no
   * mqueue, no cgroup2: {@code UNKNOWN}). False when there is no mount table to read (the host).
   */
  static boolean statFs(ToolContext ctx, String name, String path, String format, boolean terse) {
    MountTable table = table(ctx);
    if (table == null) {
      return false;
    }
    Entry e = table.forPath(path);
    boolean bb = ctx.busybox();
    String fmt =
        format != null
            ? format
            : terse
                ? bb ? "%n %i %l %t %s %b %f %a %c %d" : "%n %i %l %t %s %S %b %f %a %c %d"
                : "  File: \"%n\"\n    ID: %-8i Namelen: %-7l Type: %T\n"
                    + (bb ? "Block size: %-10s" : "Block size: %-10s Fundamental block size: %S")
                    + "\nBlocks: Total: %-10b Free: %-10f Available: %a\n"
                    + "Inodes: Total: %-10c Free: %d";
    long[] blocks = new long[3];
    long[] nodes = new long[3];
    if (e != null && e.usage() != null) {
      MountTable.Usage u = e.usage();
      blocks = new long[] {u.total() / 4096, (u.total() - u.used()) / 4096, u.available() / 4096};
      nodes = inodes(e);
    }
    String type = e == null ? "overlay" : e.type();
    int index = e == null ? 0 : table.entries().indexOf(e);
    long[] b = blocks;
    long[] in = nodes;
    String out =
        FileInfoTools.expand(
            fmt,
            (mods, spec) -> {
              Object v =
                  switch (spec) {
                    case 'n' -> name;
                    case 'i' -> fsid(type, index);
                    case 'l' -> 255L;
                    case 't' -> Long.toHexString(MAGIC.getOrDefault(type, 0L));
                    case 'T' ->
                        bb ? BUSYBOX_TYPES.getOrDefault(type, "UNKNOWN") : coreutilsType(type);
                    case 's', 'S' -> 4096L;
                    case 'b' -> b[0];
                    case 'f' -> b[1];
                    case 'a' -> b[2];
                    case 'c' -> in[0];
                    case 'd' -> in[0] - in[1];
                    default -> "?";
                  };
              return String.format(Locale.ROOT, "%" + mods + "s", v);
            });
    ctx.io().println(out);
    return true;
  }

  /** statfs's f_type of the filesystems a container has mounted (linux/magic.h). */
  private static final Map<String, Long> MAGIC =
      Map.of(
          "ext4", 0xef53L,
          "tmpfs", 0x1021994L,
          "overlay", 0x794c7630L,
          "proc", 0x9fa0L,
          "sysfs", 0x62656572L,
          "devpts", 0x1cd1L,
          "mqueue", 0x19800202L,
          "cgroup2", 0x63677270L);

  /** busybox 1.35/1.36 stat's names (the private dockerd's): the others are UNKNOWN. */
  private static final Map<String, String> BUSYBOX_TYPES =
      Map.of(
          "ext4", "ext2/ext3",
          "tmpfs", "tmpfs",
          "proc", "proc",
          "sysfs", "sysfs",
          "devpts", "devpts");

  private static String coreutilsType(String type) {
    return switch (type) {
      case "ext4" -> "ext2/ext3";
      case "overlay" -> "overlayfs";
      case "cgroup2" -> "cgroup2fs";
      default -> type;
    };
  }

  /**
   * f_fsid as stat prints it: a pseudo filesystem's is its anonymous device's minor shifted up (the
   * private dockerd's devpts {@code 3500000000}), a disk's or tmpfs's a hash-like 64-bit number.
   */
  private static String fsid(String type, int index) {
    if (!MAGIC.containsKey(type) || type.equals("devpts") || type.equals("mqueue")) {
      return Long.toHexString((50L + index) << 32);
    }
    long z = (type.hashCode() * 31L + index) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    return String.format(Locale.ROOT, "%016x", z ^ (z >>> 31));
  }

  /** The inodes of the simulated node's ext4 disk: one per 16 KiB (mke2fs's default ratio). */
  static final long DISK_INODES = 1_893_636;

  /** The inodes of the node's ext4 disk in use before anything a learner writes. */
  static final long DISK_INODES_USED = 176_312;

  /** A tmpfs's inodes: half the node's RAM pages, whatever its size (the kernel's nr_inodes). */
  static final long TMPFS_INODES = dev.ddlab.sim.runtime.Kernel.MEM_TOTAL_BYTES / 4096 / 2;

  /**
   * {@code df -i}'s figures: the disk's are fixed (the file model counts no inodes); a tmpfs's root
   * and one per page its files hold.
   */
  private static long[] inodes(Entry e) {
    if (e.type().equals("tmpfs")) {
      long used = 1 + (e.usage().used() + 4095) / 4096;
      return new long[] {TMPFS_INODES, used, TMPFS_INODES - used};
    }
    return new long[] {DISK_INODES, DISK_INODES_USED, DISK_INODES - DISK_INODES_USED};
  }

  /** busybox's {@code %lu-blocks} header, with make_human_readable_str's units (1K, 1M …). */
  private static String unitHeader(long unit) {
    if (unit == 1024) {
      return "1K-blocks";
    }
    if (unit == 1024 * 1024) {
      return "1M-blocks";
    }
    return unit + "-blocks";
  }

  private static String size(long bytes, DfOptions o) {
    if (o.inodes) {
      return Long.toString(bytes);
    }
    return o.human ? human(bytes) : Long.toString(bytes / o.unit);
  }

  /** busybox's make_human_readable_str with one fractional digit and a unit letter. */
  static String human(long bytes) {
    if (bytes == 0) {
      return "0";
    }
    String units = "\0KMGTPE";
    long val = bytes;
    int u = 0;
    long frac = 0;
    while (val >= 1024) {
      u++;
      frac = ((val % 1024) * 10 + 1024 / 2) / 1024;
      val /= 1024;
    }
    if (frac >= 10) {
      val++;
      frac = 0;
    }
    return u == 0 ? Long.toString(val) : val + "." + frac + units.charAt(u);
  }

  /** df's Use%: used over what a user can have, rounded (busybox) or rounded up (coreutils). */
  private static long percent(long used, long avail) {
    long all = used + avail;
    return all == 0 ? 0 : (used * 100 + all / 2) / all;
  }

  /** -B SIZE: a number with an optional K/M/G suffix. */
  private static long blockSize(String value) {
    try {
      String v = value.toUpperCase();
      long mult = 1;
      if (v.endsWith("K")) {
        mult = 1024;
      } else if (v.endsWith("M")) {
        mult = 1024 * 1024;
      } else if (v.endsWith("G")) {
        mult = 1024L * 1024 * 1024;
      }
      long n = Long.parseLong(mult == 1 ? v : v.substring(0, v.length() - 1)) * mult;
      return n <= 0 ? 1024 : n;
    } catch (NumberFormatException e) {
      return 1024;
    }
  }

  /**
   * coreutils' filter_mount_list: one line per filesystem (the same {@link MountTable.Usage}), the
   * mount nearest the root winning, in the place of the filesystem's first mount. The container's
   * /etc/resolv.conf, /etc/hostname and /etc/hosts share the host's disk and show as /etc/hosts (or
   * as a volume's shorter path); /dev/null bound over masked /proc files is /dev's tmpfs.
   */
  private static List<Entry> withoutDuplicates(List<Entry> rows) {
    Map<MountTable.Usage, Integer> at = new java.util.IdentityHashMap<>();
    List<Entry> out = new ArrayList<>();
    for (Entry e : rows) {
      Integer i = at.get(e.usage());
      if (i == null) {
        at.put(e.usage(), out.size());
        out.add(e);
      } else if (e.target().length() < out.get(i).target().length()) {
        out.set(i, e);
      }
    }
    return out;
  }

  private static int coreutilsDf(Io io, DfOptions o, List<Row> rows) {
    List<String[]> lines = new ArrayList<>();
    String blocks = o.human ? "Size" : o.posix ? o.unit + "-blocks" : unitHeader(o.unit);
    String[] header =
        o.type
            ? new String[] {
              "Filesystem",
              "Type",
              blocks,
              "Used",
              o.human ? "Avail" : "Available",
              o.posix ? "Capacity" : "Use%",
              "Mounted on"
            }
            : new String[] {
              "Filesystem",
              blocks,
              "Used",
              o.human ? "Avail" : "Available",
              o.posix ? "Capacity" : "Use%",
              "Mounted on"
            };
    if (o.inodes) {
      header =
          o.type
              ? new String[] {
                "Filesystem", "Type", "Inodes", "IUsed", "IFree", "IUse%", "Mounted on"
              }
              : new String[] {"Filesystem", "Inodes", "IUsed", "IFree", "IUse%", "Mounted on"};
    }
    lines.add(header);
    int status = 0;
    for (Row row : rows) {
      Entry e = row.e();
      if (e == null) {
        io.errln("df: " + row.missing() + ": No such file or directory");
        status = 1;
        continue;
      }
      long[] f = figures(e, o);
      long total = f[0];
      long used = f[1];
      long avail = f[2];
      String pct = total == 0 ? "-" : ceilPercent(used, avail) + "%";
      String[] sizes = {gnuSize(total, o), gnuSize(used, o), gnuSize(avail, o)};
      lines.add(
          o.type
              ? new String[] {e.device(), e.type(), sizes[0], sizes[1], sizes[2], pct, e.target()}
              : new String[] {e.device(), sizes[0], sizes[1], sizes[2], pct, e.target()});
    }
    int n = lines.get(0).length;
    int[] width = new int[n];
    // coreutils' minimum widths: Filesystem 14, Type 4, the sizes 5, Use% 4
    int[] least = o.type ? new int[] {14, 4, 5, 5, 5, 4, 0} : new int[] {14, 5, 5, 5, 4, 0};
    for (int i = 0; i < n; i++) {
      width[i] = least[i];
      for (String[] l : lines) {
        width[i] = Math.max(width[i], l[i].length());
      }
    }
    for (String[] l : lines) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        boolean left = i == 0 || (o.type && i == 1) || i == n - 1;
        if (i > 0) {
          sb.append(' ');
        }
        if (i == n - 1) {
          sb.append(l[i]);
        } else {
          sb.append(left ? String.format("%-" + width[i] + "s", l[i]) : pad(l[i], width[i]));
        }
      }
      io.println(sb.toString());
    }
    return status;
  }

  private static String pad(String s, int width) {
    return " ".repeat(Math.max(0, width - s.length())) + s;
  }

  private static long ceilPercent(long used, long avail) {
    long all = used + avail;
    return all == 0 ? 0 : (used * 100 + all - 1) / all;
  }

  /** coreutils' sizes: whole blocks rounded up, or -h's one decimal below 10 (1.5G, 29G, 64M). */
  private static String gnuSize(long bytes, DfOptions o) {
    if (o.inodes) {
      return Long.toString(bytes);
    }
    if (!o.human) {
      return Long.toString((bytes + o.unit - 1) / o.unit);
    }
    if (bytes < 1024) {
      return Long.toString(bytes);
    }
    String units = "KMGTPE";
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length() - 1) {
      v /= 1024;
      u++;
    }
    if (v < 10) {
      double r = Math.ceil(v * 10) / 10;
      if (r < 10) {
        return String.format("%.1f%c", r, units.charAt(u));
      }
      v = r;
    }
    long whole = (long) Math.ceil(v);
    if (whole >= 1024 && u < units.length() - 1) {
      return "1.0" + units.charAt(u + 1);
    }
    return whole + "" + units.charAt(u);
  }

  // ---- mount and umount ----

  static int mount(ToolContext ctx, List<String> args) {
    Io io = ctx.io();
    if (args.contains("--help")) {
      return help(ctx, "mount");
    }
    String[] type = {null};
    int first =
        ShortOptions.scan(
            args,
            "toOT",
            new ShortOptions.Handler() {
              @Override
              public boolean option(char c, String value) {
                if (c == 't') {
                  type[0] = value;
                  return true;
                }
                if ("afinrvwoOTl".indexOf(c) >= 0) {
                  return true;
                }
                return badOption(ctx, "mount", c);
              }

              @Override
              public void missing(char c) {
                missingArgument(ctx, "mount", c);
              }
            });
    if (first < 0) {
      return 1;
    }
    if (first < args.size()) {
      // mounting needs CAP_SYS_ADMIN, which a container does not have
      if (ctx.busybox()) {
        io.errln("mount: permission denied (are you root?)");
        return 1;
      }
      io.errln("mount: " + args.get(args.size() - 1) + ": permission denied.");
      return 32;
    }
    MountTable table = table(ctx);
    if (table == null) {
      return 0;
    }
    for (Entry e : table.entries()) {
      if (type[0] == null || type[0].equals(e.type())) {
        io.println(
            e.device() + " on " + e.target() + " type " + e.type() + " (" + e.options() + ")");
      }
    }
    return 0;
  }

  static int umount(ToolContext ctx, List<String> args) {
    Io io = ctx.io();
    List<String> targets = new ArrayList<>();
    for (String a : args) {
      if (!a.startsWith("-")) {
        targets.add(a);
      }
    }
    if (targets.isEmpty()) {
      if (ctx.busybox()) {
        io.errln(ToolErrors.BUSYBOX_BANNER);
        return 1;
      }
      io.errln(
          "Usage:\n umount [-hV]\n umount -a [options]\n umount [options] <source> | <directory>");
      return 1;
    }
    for (String t : targets) {
      io.errln(
          ctx.busybox()
              ? "umount: can't unmount " + t + ": Operation not permitted"
              : "umount: " + t + ": must be superuser to unmount.");
    }
    return ctx.busybox() ? 1 : 32;
  }

  /** busybox's --help: the usage on standard output, status 0 (coreutils': the same, shorter). */
  private static int help(ToolContext ctx, String tool) {
    if (ctx.busybox()) {
      ctx.io().println(ToolErrors.BUSYBOX_BANNER + usage(tool));
    } else {
      ctx.io().println("Usage: " + tool + " [OPTION]... [FILE]...");
    }
    return 0;
  }

  private static boolean badOption(ToolContext ctx, String tool, char c) {
    ToolErrors.badOption(ctx, tool, c, usage(tool));
    return false;
  }

  private static void missingArgument(ToolContext ctx, String tool, char c) {
    ToolErrors.missingArgument(ctx, tool, c, usage(tool));
  }

  private static String usage(String tool) {
    return tool.equals("df") ? DF_USAGE : MOUNT_USAGE;
  }
}
