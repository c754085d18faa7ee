package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.fs.UserDb;
import dev.ddlab.sim.volume.MountTable;
import dev.ddlab.sim.volume.MountedFs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What learners ask of a file: {@code stat}, {@code md5sum}/{@code sha1sum}/{@code
 * sha256sum}/{@code sha512sum}, {@code readlink}, {@code realpath} and {@code chmod}, each in
 * busybox's words and formats (1.36's stat.c, md5_sha1_sum.c, readlink.c, realpath.c, chmod.c; the
 * private dockerd's busybox 1.35 prints the same) or coreutils 9.1's (the host, Debian-family
 * images). The simulated file model has no inodes nor devices: inode numbers are derived from the
 * path, the device from the mount that holds it, links are 1 (overlay's) in containers.
 */
final class FileInfoTools {
  private FileInfoTools() {}

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS xx", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  static void install(Map<String, Tool> m) {
    m.put("stat", FileInfoTools::stat);
    for (String algo : new String[] {"md5", "sha1", "sha256", "sha512"}) {
      m.put(algo + "sum", new Sum(algo));
    }
    m.put("readlink", FileInfoTools::readlink);
    m.put("realpath", FileInfoTools::realpath);
    m.put("chmod", FileInfoTools::chmod);
  }

  // ---- usage and option errors ----

  private static final Map<String, String> USAGE =
      Map.of(
          "stat",
          "Usage: stat [-ltf] [-c FMT] FILE...\n\nDisplay file (default) or filesystem status",
          "readlink",
          "Usage: readlink [-fnv] FILE\n\nDisplay the value of a symlink\n\n"
              + "\t-f\tCanonicalize by following all symlinks\n\t-n\tDon't add newline\n"
              + "\t-v\tVerbose",
          "realpath",
          "Usage: realpath FILE...\n\nPrint absolute pathnames of FILEs",
          "chmod",
          "Usage: chmod [-Rcvf] MODE[,MODE]... FILE...\n\n"
              + "MODE is octal number (bit pattern sstrwxrwxrwx) or [ugoa]{+|-|=}[rwxXst]\n\n"
              + "\t-R\tRecurse\n\t-c\tList changed files\n\t-v\tList all files\n"
              + "\t-f\tHide errors");

  private static String usage(String tool) {
    return USAGE.getOrDefault(
        tool,
        "Usage: "
            + tool
            + " [-c[sw]] [FILE]...\n\nPrint or check "
            + tool.substring(0, tool.length() - 3).toUpperCase(Locale.ROOT)
            + " checksums\n\n\t-c\tCheck sums against list in FILEs\n"
            + "\t-s\tDon't output anything, status code shows success\n"
            + "\t-w\tWarn about improperly formatted checksum lines");
  }

  private static int missingOperand(ToolContext c, String tool) {
    return ToolErrors.missingOperand(c, tool, "\n\n" + usage(tool));
  }

  private static int badOption(ToolContext c, String tool, char option) {
    return ToolErrors.badOption(c, tool, option, "\n\n" + usage(tool));
  }

  /** The options read (stat's {@code -c FMT} apart) and the operands. */
  private record Parsed(String flags, String format, List<String> operands) {
    boolean has(char c) {
      return flags.indexOf(c) >= 0;
    }
  }

  /** Options of {@code allowed}, clustered or not; null when one is refused (reported). */
  private static Parsed options(ToolContext c, String tool, List<String> args, String allowed) {
    StringBuilder flags = new StringBuilder();
    String format = null;
    List<String> operands = new ArrayList<>();
    boolean end = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (end || !a.startsWith("-") || a.length() == 1) {
        operands.add(a);
        continue;
      }
      if (a.equals("--")) {
        end = true;
        continue;
      }
      for (int j = 1; j < a.length(); j++) {
        char o = a.charAt(j);
        if (allowed.indexOf(o) < 0) {
          badOption(c, tool, o);
          return null;
        }
        if (o == 'c' && tool.equals("stat")) {
          if (j + 1 < a.length()) {
            format = a.substring(j + 1);
          } else if (i + 1 < args.size()) {
            format = args.get(++i);
          } else {
            missingOperand(c, tool);
            return null;
          }
          break;
        }
        flags.append(o);
      }
    }
    return new Parsed(flags.toString(), format, operands);
  }

  // ---- stat ----

  static int stat(ToolContext c, List<String> args) {
    Parsed o = options(c, "stat", args, "cLtf");
    if (o == null) {
      return 1;
    }
    List<String> files = o.operands();
    if (files.isEmpty()) {
      return missingOperand(c, "stat");
    }
    String format = o.format();
    boolean follow = o.has('L');
    boolean terse = o.has('t');
    int status = 0;
    for (String name : files) {
      String p = FileTools.path(c, name);
      var node = follow ? c.fs().stat(p) : c.fs().lstat(p);
      if (o.has('f') && node.isPresent() && MountTools.statFs(c, name, p, format, terse)) {
        continue;
      }
      if (node.isEmpty()) {
        c.io()
            .errln(
                c.busybox()
                    ? "stat: can't stat '" + name + "': No such file or directory"
                    : "stat: cannot statx '" + name + "': No such file or directory");
        status = 1;
        continue;
      }
      String fmt =
          format != null
              ? format
              : terse
                  ? "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %o"
                  : "  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n"
                      + (c.busybox() ? "Device: %Dh/%dd" : "Device: %H,%L")
                      + (node.get().isCharDevice()
                          ? "\tInode: %-10i  Links: %-5h Device type: "
                              + (c.busybox()
                                  ? "%t,%T"
                                  : "%d,%d".formatted(node.get().major(), node.get().minor()))
                              + "\n"
                          : "\tInode: %-10i  Links: %h\n")
                      + "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n"
                      + "Access: %x\nModify: %y\nChange: %z"
                      + (c.busybox() ? "" : "\n Birth: -");
      c.io().println(render(c, fmt, name, p, node.get()));
    }
    return status;
  }

  /**
   * A stat format with its printf-style modifiers ({@code %-10s}, {@code %04a}, {@code %10.10A}).
   */
  private static String render(ToolContext c, String fmt, String name, String path, FileNode n) {
    return expand(
        fmt,
        (mods, spec) -> {
          if (spec == 'N' && n.isSymlink()) {
            return "'" + name + "' -> '" + n.linkTarget() + "'";
          }
          Object v = field(c, spec, name, path, n);
          if (v == null) {
            return "?";
          }
          String conversion;
          if (spec == 'a') {
            conversion = "o";
          } else if ("fDtT".indexOf(spec) >= 0) {
            conversion = "x";
          } else {
            conversion = v instanceof Long ? "d" : "s";
          }
          return String.format(Locale.ROOT, "%" + mods + conversion, v);
        });
  }

  /**
   * A stat-style format ({@code stat -c}, {@code stat -f -c}): each {@code %[-0-9.]X} replaced by
   * what {@code conversion} makes of its modifiers and X, {@code %%} by {@code %}.
   */
  static String expand(
      String fmt, java.util.function.BiFunction<String, Character, String> conversion) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < fmt.length(); i++) {
      char ch = fmt.charAt(i);
      if (ch != '%' || i + 1 >= fmt.length()) {
        out.append(ch);
        continue;
      }
      int j = i + 1;
      while (j < fmt.length() && "-0123456789.".indexOf(fmt.charAt(j)) >= 0) {
        j++;
      }
      if (j >= fmt.length()) {
        out.append(fmt, i, j);
        break;
      }
      String mods = fmt.substring(i + 1, j);
      char spec = fmt.charAt(j);
      i = j;
      out.append(spec == '%' ? "%" : conversion.apply(mods, spec));
    }
    return out.toString();
  }

  private static Object field(ToolContext c, char spec, String name, String path, FileNode n) {
    int[] dev = device(c, path);
    return switch (spec) {
      case 'n', 'N' -> name;
      case 's' -> n.size();
      case 'b' -> blocks(n);
      case 'B' -> 512L;
      case 'o' -> 4096L;
      case 'a' -> (long) (n.mode() & 07777);
      case 'A' -> FileTools.mode(n);
      case 'f' -> (long) (typeBits(n) | (n.mode() & 07777));
      case 'F' -> type(n);
      case 'u' -> (long) n.uid();
      case 'g' -> (long) n.gid();
      case 'U' -> UserDb.names(c.fs(), "/etc/passwd").getOrDefault(n.uid(), "UNKNOWN");
      case 'G' -> UserDb.names(c.fs(), "/etc/group").getOrDefault(n.gid(), "UNKNOWN");
      case 'h' -> 1L;
      case 'i' -> inode(path);
      case 'd' -> (long) (dev[0] * 256 + dev[1]);
      case 'D' -> (long) (dev[0] * 256 + dev[1]);
      case 'H' -> (long) dev[0];
      case 'L' -> (long) dev[1];
      case 't' -> (long) n.major();
      case 'T' -> (long) n.minor();
      case 'x', 'y', 'z' -> TIME.format(Instant.ofEpochSecond(0, n.mtimeNanos()));
      case 'X', 'Y', 'Z' -> n.mtimeNanos() / 1_000_000_000L;
      case 'w' -> "-";
      case 'W' -> 0L;
      default -> null;
    };
  }

  private static long blocks(FileNode n) {
    if (n.isSymlink() || n.isCharDevice()) {
      return 0;
    }
    if (n.isDirectory()) {
      return n.size() % 4096 == 0 ? 8 : 0; // a tmpfs directory takes no blocks
    }
    return (n.size() + 4095) / 4096 * 8;
  }

  private static int typeBits(FileNode n) {
    return n.isDirectory()
        ? 0040000
        : n.isSymlink() ? 0120000 : n.isCharDevice() ? 0020000 : 0100000;
  }

  private static String type(FileNode n) {
    if (n.isDirectory()) {
      return "directory";
    }
    if (n.isSymlink()) {
      return "symbolic link";
    }
    if (n.isCharDevice()) {
      return "character special file";
    }
    return n.size() == 0 ? "regular empty file" : "regular file";
  }

  /** A stable inode number for a path (the file model keeps none). */
  private static long inode(String path) {
    return 1_048_576L + (Paths.normalize(path).hashCode() & 0x7ffff);
  }

  /**
   * The device (major, minor) of the mount holding {@code path}: the root disk /dev/sda1 (8:1) on
   * the host and for volumes and binds, an anonymous device (0:N) for overlay and tmpfs mounts.
   */
  private static int[] device(ToolContext c, String path) {
    MountTable table = c.fs() instanceof MountedFs m ? m.table() : null;
    if (table == null) {
      return new int[] {8, 1};
    }
    MountTable.Entry e = table.forPath(path);
    if (e == null || e.device().startsWith("/dev/")) {
      return e == null ? new int[] {0, 50} : new int[] {8, 1};
    }
    return new int[] {0, 50 + table.entries().indexOf(e)};
  }

  // ---- md5sum, sha1sum, sha256sum, sha512sum ----

  /** A sum tool reads standard input without a file operand, or for {@code -}. */
  private record Sum(String algo) implements Tool {
    @Override
    public int run(ToolContext ctx, List<String> args) {
      return sum(ctx, args, algo);
    }

    @Override
    public boolean readsStdin(List<String> args) {
      return args.contains("-") || args.stream().allMatch(a -> a.startsWith("-"));
    }
  }

  static int sum(ToolContext c, List<String> args, String algo) {
    String tool = algo + "sum";
    Parsed o = options(c, tool, args, "cswb");
    if (o == null) {
      return 1;
    }
    List<String> files = o.operands();
    boolean check = o.has('c');
    boolean quiet = o.has('s');
    if (files.isEmpty()) {
      files = List.of("-");
    }
    int status = 0;
    for (String f : files) {
      byte[] data = read(c, tool, f, check);
      if (data == null) {
        status = 1;
        continue;
      }
      if (!check) {
        c.io().println(digest(algo, data) + "  " + f);
        continue;
      }
      status |= check(c, tool, algo, new String(data, StandardCharsets.UTF_8), quiet);
    }
    return status;
  }

  private static byte[] read(ToolContext c, String tool, String f, boolean listing) {
    if (f.equals("-")) {
      String in = c.io().stdin();
      return (in == null ? "" : in).getBytes(StandardCharsets.UTF_8);
    }
    try {
      return c.fs().read(FileTools.path(c, f));
    } catch (FsException e) {
      if (!c.busybox() || listing) {
        c.io().errln(tool + ": " + f + ": " + e.getMessage());
      } else if (e.errno() == FsException.Errno.EISDIR) {
        c.io().errln(tool + ": can't read '" + f + "': " + e.getMessage());
      } else {
        c.io().errln(tool + ": can't open '" + f + "': " + e.getMessage());
      }
      return null;
    }
  }

  /** {@code -c}: each "HASH FILE" line checked; the count of mismatches on stderr at the end. */
  private static int check(ToolContext c, String tool, String algo, String list, boolean quiet) {
    int failed = 0;
    int total = 0;
    int unreadable = 0;
    for (String line : TextTools.lines(list)) {
      int sp = line.indexOf("  ");
      if (sp < 0) {
        continue;
      }
      String want = line.substring(0, sp);
      String file = line.substring(sp + 2);
      total++;
      byte[] data;
      try {
        data = c.fs().read(FileTools.path(c, file));
      } catch (FsException e) {
        c.io()
            .errln(
                tool
                    + ": "
                    + (c.busybox() ? "can't open '" + file + "'" : file)
                    + ": "
                    + e.getMessage());
        data = null;
      }
      boolean ok = data != null && digest(algo, data).equalsIgnoreCase(want);
      if (!ok) {
        failed++;
        if (data == null && !c.busybox()) {
          unreadable++;
          c.io().println(file + ": FAILED open or read");
          continue;
        }
      }
      if (!quiet) {
        c.io().println(file + ": " + (ok ? "OK" : "FAILED"));
      }
    }
    if (failed == 0) {
      return 0;
    }
    if (c.busybox()) {
      c.io()
          .errln(
              tool + ": WARNING: " + failed + " of " + total + " computed checksums did NOT match");
    } else {
      if (unreadable > 0) {
        c.io()
            .errln(
                tool
                    + ": WARNING: "
                    + unreadable
                    + (unreadable == 1
                        ? " listed file could not be read"
                        : " listed files could not be read"));
      }
      int bad = failed - unreadable;
      if (bad > 0) {
        c.io()
            .errln(
                tool
                    + ": WARNING: "
                    + bad
                    + (bad == 1
                        ? " computed checksum did NOT match"
                        : " computed checksums did NOT match"));
      }
    }
    return 1;
  }

  static String digest(String algo, byte[] data) {
    try {
      String name =
          switch (algo) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            default -> "SHA-512";
          };
      return HexFormat.of().formatHex(MessageDigest.getInstance(name).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- readlink, realpath ----

  static int readlink(ToolContext c, List<String> args) {
    Parsed o = options(c, "readlink", args, c.busybox() ? "fnvs" : "femnqsvz");
    if (o == null) {
      return 1;
    }
    List<String> files = o.operands();
    if (files.isEmpty() || c.busybox() && files.size() > 1) {
      return missingOperand(c, "readlink");
    }
    boolean newline = !o.has('n');
    boolean canonical = o.has('f') || o.has('e') || o.has('m');
    int status = 0;
    for (String f : files) {
      String out;
      if (canonical) {
        out = canonical(c, f, o.has('e') ? 0 : o.has('m') ? 2 : 1);
      } else {
        out =
            c.fs()
                .lstat(FileTools.path(c, f))
                .filter(FileNode::isSymlink)
                .map(FileNode::linkTarget)
                .orElse(null);
      }
      if (out == null) {
        if (o.has('v') && !canonical) {
          c.io().errln("readlink: " + f + ": Invalid argument");
        }
        status = 1;
        continue;
      }
      c.io().out().accept(out + (newline ? "\n" : ""));
    }
    return status;
  }

  static int realpath(ToolContext c, List<String> args) {
    Parsed o = options(c, "realpath", args, c.busybox() ? "" : "emqsLPz");
    if (o == null) {
      return 1;
    }
    if (o.operands().isEmpty()) {
      return missingOperand(c, "realpath");
    }
    int status = 0;
    for (String f : o.operands()) {
      String out = canonical(c, f, o.has('e') ? 0 : o.has('m') ? 2 : 1);
      if (out == null) {
        c.io().errln("realpath: " + f + ": No such file or directory");
        status = 1;
        continue;
      }
      c.io().println(out);
    }
    return status;
  }

  /**
   * The path with every link followed and no "." or "..": {@code missing} 0 when every part must
   * exist ({@code -e}), 1 when only the last may be missing (the default), 2 when any may ({@code
   * -m}); null when a part that must exist does not.
   */
  private static String canonical(ToolContext c, String name, int missing) {
    List<String> todo = new ArrayList<>(List.of(FileTools.path(c, name).split("/")));
    List<String> done = new ArrayList<>();
    int hops = 0;
    while (!todo.isEmpty()) {
      String part = todo.remove(0);
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      String at = "/" + String.join("/", done) + (done.isEmpty() ? "" : "/") + part;
      var node = c.fs().lstat(at);
      if (node.isEmpty()) {
        boolean last = todo.stream().allMatch(p -> p.isEmpty() || p.equals("."));
        if (missing == 2 || missing == 1 && last) {
          done.add(part);
          continue;
        }
        return null;
      }
      if (node.get().isSymlink() && hops++ < 40) {
        String target = node.get().linkTarget();
        List<String> next = new ArrayList<>(List.of(target.split("/")));
        if (target.startsWith("/")) {
          done.clear();
        }
        next.addAll(todo);
        todo = next;
        continue;
      }
      done.add(part);
    }
    return "/" + String.join("/", done);
  }

  // ---- chmod ----

  static int chmod(ToolContext c, List<String> args) {
    StringBuilder flags = new StringBuilder();
    List<String> operands = new ArrayList<>();
    // a mode such as -x or -w is an operand, not an option
    for (String a : args) {
      if (operands.isEmpty() && a.matches("-[Rcvf]+")) {
        flags.append(a, 1, a.length());
      } else {
        operands.add(a);
      }
    }
    if (operands.size() < 2) {
      if (c.busybox() || operands.isEmpty()) {
        return missingOperand(c, "chmod");
      }
      c.io().errln("chmod: missing operand after '" + operands.get(0) + "'");
      c.io().errln("Try 'chmod --help' for more information.");
      return 1;
    }
    String spec = operands.get(0);
    if (newMode(spec, 0644, false) < 0) {
      c.io()
          .errln(
              c.busybox()
                  ? "chmod: invalid mode '" + spec + "'"
                  : "chmod: invalid mode: '" + spec + "'");
      if (!c.busybox()) {
        c.io().errln("Try 'chmod --help' for more information.");
      }
      return 1;
    }
    boolean quietErrors = flags.indexOf("f") >= 0;
    int status = 0;
    for (String f : operands.subList(1, operands.size())) {
      status |= chmodOne(c, spec, f, flags, quietErrors);
    }
    return status;
  }

  private static int chmodOne(
      ToolContext c, String spec, String f, StringBuilder flags, boolean quiet) {
    String p = FileTools.path(c, f);
    var node = c.fs().stat(p);
    if (node.isEmpty()) {
      if (!quiet) {
        c.io()
            .errln(
                c.busybox()
                    ? "chmod: " + f + ": No such file or directory"
                    : "chmod: cannot access '" + f + "': No such file or directory");
      }
      return 1;
    }
    FileNode n = node.get();
    int old = n.mode() & 07777;
    int mode = newMode(spec, old, n.isDirectory());
    // ownership is not checked: the host's file model records root as every file's owner
    try {
      c.fs().chmod(p, mode);
    } catch (FsException e) {
      if (!quiet) {
        String why =
            e.errno() == FsException.Errno.EACCES ? "Operation not permitted" : e.getMessage();
        c.io()
            .errln(
                c.busybox()
                    ? "chmod: " + f + ": " + why
                    : "chmod: changing permissions of '" + f + "': " + why);
      }
      return 1;
    }
    boolean verbose = flags.indexOf("v") >= 0;
    if (verbose || flags.indexOf("c") >= 0 && mode != old) {
      String rwx =
          FileTools.mode(new FileNode(FileNode.Kind.FILE, mode, 0, null, null, 0, 0, 0))
              .substring(1);
      c.io()
          .println(
              mode == old
                  ? "mode of '"
                      + f
                      + "' retained as "
                      + String.format(Locale.ROOT, "%04o", mode)
                      + " ("
                      + rwx
                      + ")"
                  : "mode of '"
                      + f
                      + "' changed to "
                      + String.format(Locale.ROOT, "%04o", mode)
                      + " ("
                      + rwx
                      + ")");
    }
    if (flags.indexOf("R") >= 0 && n.isDirectory()) {
      int status = 0;
      for (String child : c.fs().list(p)) {
        status |= chmodOne(c, spec, (f.endsWith("/") ? f : f + "/") + child, flags, quiet);
      }
      return status;
    }
    return 0;
  }

  /**
   * The mode {@code spec} makes of {@code old}: octal, or comma-separated {@code
   * [ugoa]*[+-=][rwxXst]*} clauses (no who: all, but the umask's bits 022 untouched by + and -, as
   * coreutils and busybox do); -1 when the spec is not a mode.
   */
  static int newMode(String spec, int old, boolean directory) {
    if (spec.matches("[0-7]{1,4}")) {
      return Integer.parseInt(spec, 8);
    }
    int mode = old;
    for (String clause : spec.split(",", -1)) {
      int i = 0;
      int who = 0;
      while (i < clause.length() && "ugoa".indexOf(clause.charAt(i)) >= 0) {
        who |=
            switch (clause.charAt(i)) {
              case 'u' -> 04700;
              case 'g' -> 02070;
              case 'o' -> 01007;
              default -> 07777;
            };
        i++;
      }
      boolean none = who == 0;
      if (i >= clause.length()) {
        return -1;
      }
      while (i < clause.length()) {
        char op = clause.charAt(i++);
        if ("+-=".indexOf(op) < 0) {
          return -1;
        }
        int bits = 0;
        while (i < clause.length() && "rwxXst".indexOf(clause.charAt(i)) >= 0) {
          bits |=
              switch (clause.charAt(i)) {
                case 'r' -> 0444;
                case 'w' -> 0222;
                case 'x' -> 0111;
                case 'X' -> directory || (old & 0111) != 0 ? 0111 : 0;
                case 's' -> 06000;
                default -> 01000;
              };
          i++;
        }
        bits &= none ? ~0022 : who;
        int affected = none ? 07777 : who;
        mode =
            switch (op) {
              case '+' -> mode | bits;
              case '-' -> mode & ~bits;
              default -> mode & ~affected | bits;
            };
      }
    }
    return mode;
  }
}
