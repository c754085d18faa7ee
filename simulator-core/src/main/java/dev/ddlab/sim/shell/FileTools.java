package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.fs.UserDb;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/** ls, cat, mkdir, rm, cp, mv, touch over a {@link FileSystem}, in GNU or busybox wording. */
final class FileTools {
  private FileTools() {}

  static void install(Map<String, Tool> tools) {
    tools.put("ls", FileTools::ls);
    tools.put(
        "cat",
        new Tool() {
          @Override
          public int run(ToolContext ctx, List<String> args) {
            return cat(ctx, args);
          }

          @Override
          public void run(ToolContext ctx, List<String> args, IntConsumer done) {
            cat(ctx, args, true, done);
          }

          @Override
          public boolean readsStdin(List<String> args) {
            // no file, or "-" among them: it reads its input there
            return args.contains("-") || args.stream().allMatch(a -> a.startsWith("-"));
          }
        });
    tools.put("mkdir", FileTools::mkdir);
    tools.put("rm", FileTools::rm);
    tools.put("rmdir", FileTools::rmdir);
    tools.put("cp", FileTools::cp);
    tools.put("mv", FileTools::mv);
    tools.put("touch", FileTools::touch);
    tools.put("ln", LinkTool::ln);
    tools.put("dd", Dd.tool());
  }

  // ---- option parsing shared by the tools ---------------------------------------------------

  /** Short flags ("-la" → l, a) and operands; long options are mapped by {@code longs}. */
  record Opts(String flags, List<String> operands, String bad) {
    boolean has(char c) {
      return flags.indexOf(c) >= 0;
    }
  }

  static Opts opts(List<String> args, String allowed, Map<String, Character> longs) {
    StringBuilder flags = new StringBuilder();
    List<String> operands = new ArrayList<>();
    boolean end = false;
    for (String a : args) {
      if (end || !a.startsWith("-") || a.equals("-")) {
        operands.add(a);
      } else if (a.equals("--")) {
        end = true;
      } else if (a.startsWith("--")) {
        Character c = longs.get(a);
        if (c == null) {
          return new Opts(flags.toString(), operands, a);
        }
        flags.append(c);
      } else {
        for (char c : a.substring(1).toCharArray()) {
          if (allowed.indexOf(c) < 0) {
            return new Opts(flags.toString(), operands, String.valueOf(c));
          }
          flags.append(c);
        }
      }
    }
    return new Opts(flags.toString(), operands, null);
  }

  static int badOption(ToolContext ctx, String bad) {
    String tool = Paths.name(ctx.argv0());
    if (ctx.busybox()) {
      ctx.io()
          .errln(
              bad.startsWith("--")
                  ? tool + ": unrecognized option: " + bad.substring(2)
                  : tool + ": unrecognized option: " + bad);
      ctx.io().errln(ToolErrors.BUSYBOX_BANNER);
      return 1;
    }
    ctx.io()
        .errln(
            bad.startsWith("--")
                ? tool + ": unrecognized option '" + bad + "'"
                : tool + ": invalid option -- '" + bad + "'");
    ToolErrors.tryHelp(ctx, tool);
    return tool.equals("ls") ? 2 : 1;
  }

  static String path(ToolContext ctx, String p) {
    return Paths.resolve(ctx.cwd(), p);
  }

  // ---- ls ------------------------------------------------------------------------------------

  private static final DateTimeFormatter RECENT =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter OLD =
      DateTimeFormatter.ofPattern("MMM ppd  yyyy", Locale.ENGLISH);

  static int ls(ToolContext ctx, List<String> args) {
    Opts o =
        opts(
            args,
            "laA1Rhdi",
            Map.of("--all", 'a', "--almost-all", 'A', "--human-readable", 'h', "--directory", 'd'));
    if (o.bad() != null) {
      return badOption(ctx, o.bad());
    }
    List<String> operands = o.operands().isEmpty() ? List.of(".") : o.operands();
    FileSystem fs = ctx.fs();
    int status = 0;
    List<String> files = new ArrayList<>();
    List<String> dirs = new ArrayList<>();
    for (String op : operands) {
      String p = path(ctx, op);
      Optional<FileNode> n = fs.stat(p);
      if (n.isEmpty()) {
        n = fs.lstat(p);
      }
      if (n.isEmpty()) {
        ctx.io()
            .errln(
                ctx.busybox()
                    ? "ls: " + op + ": No such file or directory"
                    : "ls: cannot access '" + op + "': No such file or directory");
        status = 2;
        continue;
      }
      if (n.get().isDirectory() && !o.has('d')) {
        dirs.add(op);
      } else {
        files.add(op);
      }
    }
    if (status != 0 && ctx.busybox()) {
      status = 1;
    }
    // the operands by name, files first then directories, as busybox and coreutils list them
    files.sort(null);
    dirs.sort(null);
    boolean headers = operands.size() > 1 || o.has('R');
    boolean first = true;
    if (!files.isEmpty()) {
      List<Entry> entries = new ArrayList<>();
      for (String f : files) {
        String p = path(ctx, f);
        entries.add(new Entry(f, p, fs.lstat(p).orElseThrow()));
      }
      print(ctx, o, entries, false);
      first = false;
    }
    List<String> queue = new ArrayList<>(dirs);
    for (int i = 0; i < queue.size(); i++) {
      String d = queue.get(i);
      if (!first) {
        ctx.io().println("");
      }
      first = false;
      if (headers) {
        ctx.io().println(d + ":");
      }
      String p = path(ctx, d);
      List<Entry> entries = new ArrayList<>();
      if (o.has('a')) {
        entries.add(new Entry(".", p, fs.stat(p).orElseThrow()));
        entries.add(new Entry("..", Paths.parent(p), fs.stat(Paths.parent(p)).orElseThrow()));
      }
      List<String> names;
      try {
        names = fs.list(p);
      } catch (FsException e) {
        ctx.io().errln("ls: cannot open directory '" + d + "': " + e.getMessage());
        status = 2;
        continue;
      }
      List<String> subdirs = new ArrayList<>();
      for (String name : names) {
        if (name.startsWith(".") && !o.has('a') && !o.has('A')) {
          continue;
        }
        String child = p.equals("/") ? "/" + name : p + "/" + name;
        Optional<FileNode> n = fs.lstat(child);
        if (n.isEmpty()) {
          continue;
        }
        entries.add(new Entry(name, child, n.get()));
        if (n.get().isDirectory()) {
          subdirs.add(d.endsWith("/") ? d + name : d + "/" + name);
        }
      }
      print(ctx, o, entries, true);
      if (o.has('R')) {
        queue.addAll(i + 1, subdirs);
      }
    }
    return status;
  }

  private record Entry(String name, String path, FileNode node) {}

  private static void print(ToolContext ctx, Opts o, List<Entry> entries, boolean total) {
    if (o.has('l')) {
      long blocks = 0;
      for (Entry e : entries) {
        blocks += blocks(e.node());
      }
      if (total) {
        ctx.io().println("total " + blocks);
      }
      Map<Integer, String> users = UserDb.names(ctx.fs(), "/etc/passwd");
      Map<Integer, String> groups = UserDb.names(ctx.fs(), "/etc/group");
      List<String[]> rows = new ArrayList<>();
      for (Entry e : entries) {
        FileNode n = e.node();
        String name = e.name();
        if (n.isSymlink()) {
          name += " -> " + n.linkTarget();
        }
        rows.add(
            new String[] {
              mode(n),
              String.valueOf(links(ctx.fs(), e)),
              users.getOrDefault(n.uid(), String.valueOf(n.uid())),
              groups.getOrDefault(n.gid(), String.valueOf(n.gid())),
              n.isCharDevice()
                  ? device(n, ctx.busybox())
                  : o.has('h') ? human(size(n)) : String.valueOf(size(n)),
              time(ctx, n.mtimeNanos()),
              name
            });
      }
      if (ctx.busybox()) {
        for (String[] r : rows) {
          ctx.io()
              .println(
                  String.format(
                      "%-10s %4s %-8s %-8s %9s %s %s", r[0], r[1], r[2], r[3], r[4], r[5], r[6]));
        }
        return;
      }
      int[] w = new int[5];
      for (String[] r : rows) {
        for (int i = 1; i < 5; i++) {
          w[i] = Math.max(w[i], r[i].length());
        }
      }
      alignDevices(rows, w);
      for (String[] r : rows) {
        ctx.io()
            .println(
                r[0]
                    + " "
                    + pad(r[1], w[1], true)
                    + " "
                    + pad(r[2], w[2], false)
                    + " "
                    + pad(r[3], w[3], false)
                    + " "
                    + pad(r[4], w[4], true)
                    + " "
                    + r[5]
                    + " "
                    + r[6]);
      }
      return;
    }
    List<String> names = entries.stream().map(Entry::name).toList();
    if (o.has('1') || !ctx.tty()) {
      names.forEach(ctx.io()::println);
    } else {
      columns(ctx, names);
    }
  }

  /** Column-major layout in the terminal's width (80 when unknown), as ls does on a TTY. */
  private static void columns(ToolContext ctx, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    int width = ctx.columns() > 0 ? ctx.columns() : 80;
    int n = names.size();
    int cols = 1;
    int[] best = {Math.max(1, names.stream().mapToInt(String::length).max().orElse(1))};
    for (int c = n; c >= 1; c--) {
      int rows = (n + c - 1) / c;
      int[] w = new int[c];
      for (int i = 0; i < n; i++) {
        int col = i / rows;
        w[col] = Math.max(w[col], names.get(i).length());
      }
      int total = 0;
      for (int i = 0; i < c; i++) {
        total += w[i] + (i == c - 1 ? 0 : 2);
      }
      if (total <= width) {
        cols = c;
        best = w;
        break;
      }
    }
    int rows = (n + cols - 1) / cols;
    for (int r = 0; r < rows; r++) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < cols; c++) {
        int i = c * rows + r;
        if (i >= n) {
          break;
        }
        boolean lastInRow = (c + 1) * rows + r >= n;
        line.append(lastInRow ? names.get(i) : pad(names.get(i), best[c] + 2, false));
      }
      ctx.io().println(line.toString());
    }
  }

  /**
   * A device's "MAJOR, MINOR" in the size column: busybox's {@code %4u, %3u}; coreutils' numbers
   * each right-aligned in their own width (joined by ", " there, {@link #alignDevices}).
   */
  private static String device(FileNode n, boolean busybox) {
    return busybox
        ? String.format(Locale.ROOT, "%4d, %3d", n.major(), n.minor())
        : n.major() + ", " + n.minor();
  }

  /** coreutils' ls: the majors and the minors of the devices listed each in one width. */
  private static void alignDevices(List<String[]> rows, int[] w) {
    int major = 0;
    int minor = 0;
    for (String[] r : rows) {
      int comma = r[4].indexOf(", ");
      if (comma > 0) {
        major = Math.max(major, comma);
        minor = Math.max(minor, r[4].length() - comma - 2);
      }
    }
    if (major == 0) {
      return;
    }
    for (String[] r : rows) {
      int comma = r[4].indexOf(", ");
      if (comma > 0) {
        r[4] =
            pad(r[4].substring(0, comma), major, true)
                + ", "
                + pad(r[4].substring(comma + 2), minor, true);
      }
    }
    w[4] = Math.max(w[4], major + 2 + minor);
  }

  static String pad(String s, int width, boolean right) {
    if (s.length() >= width) {
      return s;
    }
    String sp = " ".repeat(width - s.length());
    return right ? sp + s : s + sp;
  }

  static long size(FileNode n) {
    if (n.isSymlink()) {
      return n.linkTarget() == null ? 0 : n.linkTarget().length();
    }
    return n.size();
  }

  private static long blocks(FileNode n) {
    if (n.isSymlink() || n.isCharDevice() || n.isDirectory() && n.size() % 4096 != 0) {
      return 0; // a tmpfs directory (40 bytes and 20 an entry) takes no blocks
    }
    long s = size(n);
    return ((s + 4095) / 4096) * 4;
  }

  private static int links(FileSystem fs, Entry e) {
    if (!e.node().isDirectory()) {
      return 1;
    }
    int n = 2;
    try {
      for (String c : fs.list(e.path())) {
        String child = e.path().equals("/") ? "/" + c : e.path() + "/" + c;
        if (fs.lstat(child).map(FileNode::isDirectory).orElse(false)) {
          n++;
        }
      }
    } catch (FsException ex) {
      // unreadable: keep 2
    }
    return n;
  }

  static String mode(FileNode n) {
    int m = n.mode();
    StringBuilder sb = new StringBuilder();
    sb.append(n.isDirectory() ? 'd' : n.isSymlink() ? 'l' : n.isCharDevice() ? 'c' : '-');
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      sb.append((m & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    if ((m & 04000) != 0) {
      sb.setCharAt(3, sb.charAt(3) == 'x' ? 's' : 'S');
    }
    if ((m & 02000) != 0) {
      sb.setCharAt(6, sb.charAt(6) == 'x' ? 's' : 'S');
    }
    if ((m & 01000) != 0) {
      sb.setCharAt(9, sb.charAt(9) == 'x' ? 't' : 'T');
    }
    return sb.toString();
  }

  static String human(long bytes) {
    if (bytes < 1024) {
      return String.valueOf(bytes);
    }
    String units = "KMGTP";
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length() - 1) {
      v /= 1024;
      u++;
    }
    double rounded = Math.ceil(v * 10) / 10;
    return (rounded < 10
            ? String.format(Locale.ROOT, "%.1f", rounded)
            : String.valueOf((long) Math.ceil(v)))
        + units.charAt(u);
  }

  static String time(ToolContext ctx, long nanos) {
    ZonedDateTime t = Instant.ofEpochSecond(nanos / 1_000_000_000L).atZone(ZoneOffset.UTC);
    long now = ctx.clock().nowNanos();
    long sixMonths = 182L * 24 * 3600 * 1_000_000_000L;
    boolean recent = nanos <= now + 3600L * 1_000_000_000L && now - nanos < sixMonths;
    return (recent ? RECENT : OLD).format(t);
  }

  /** uid → name from /etc/passwd (or gid → name from /etc/group). */
  // ---- cat -----------------------------------------------------------------------------------

  static int cat(ToolContext ctx, List<String> args) {
    int[] status = {1};
    cat(ctx, args, false, s -> status[0] = s);
    return status[0];
  }

  /**
   * cat; with {@code stream}, an endless device among the files ({@code cat /dev/zero}) is copied
   * in rounds until the reader goes, a write fails or the tool is stopped ({@link EndlessReads}),
   * else (a caller that needs the status at once) read as one slab.
   */
  static void cat(ToolContext ctx, List<String> args, boolean stream, IntConsumer done) {
    Opts o =
        ctx.busybox()
            ? opts(args, CatShape.BUSYBOX_FLAGS, Map.of())
            : opts(args, CatShape.COREUTILS_FLAGS, CatShape.LONG);
    if (o.bad() != null) {
      done.accept(badOption(ctx, o.bad()));
      return;
    }
    CatShape cat = new CatShape(o);
    UnaryOperator<String> shape = cat.shapes() ? cat::apply : t -> t;
    List<String> files = o.operands().isEmpty() ? List.of("-") : o.operands();
    // each file is written as it is read (an error comes between the files around it), numbered
    // and squeezed on across them
    int status = 0;
    for (String f : files) {
      String text;
      if (stream && !f.equals("-") && EndlessReads.endless(ctx, path(ctx, f))) {
        EndlessReads.copy(ctx, path(ctx, f), Long.MAX_VALUE, -1, shape, "cat", done);
        return; // the files after it are never reached
      }
      if (f.equals("-")) {
        String in = ctx.io().stdin();
        text = in == null ? "" : in;
      } else {
        try {
          text = new String(ctx.fs().read(path(ctx, f)), StandardCharsets.UTF_8);
        } catch (FsException e) {
          if (ctx.busybox() && e.errno() == FsException.Errno.EISDIR) {
            ctx.io().errln("cat: read error: Is a directory");
          } else if (ctx.busybox()) {
            ctx.io().errln("cat: can't open '" + f + "': " + e.getMessage());
          } else {
            ctx.io().errln("cat: " + f + ": " + e.getMessage());
          }
          status = 1;
          continue;
        }
      }
      if (!text.isEmpty()) {
        ctx.io().out().accept(shape.apply(text));
      }
    }
    done.accept(status);
  }

  // ---- mkdir, rm, rmdir, touch ----------------------------------------------------------------

  static int mkdir(ToolContext ctx, List<String> args) {
    Opts o = opts(args, "pv", Map.of("--parents", 'p', "--verbose", 'v'));
    if (o.bad() != null) {
      return badOption(ctx, o.bad());
    }
    if (o.operands().isEmpty()) {
      return missingOperand(ctx, "mkdir");
    }
    int status = 0;
    for (String d : o.operands()) {
      String p = path(ctx, d);
      try {
        if (!o.has('p') && ctx.fs().lstat(p).isPresent()) {
          throw new FsException(FsException.Errno.EEXIST, p);
        }
        ctx.fs().mkdir(p, o.has('p'));
        if (o.has('v')) {
          ctx.io().println("mkdir: created directory '" + d + "'");
        }
      } catch (FsException e) {
        ctx.io()
            .errln(
                (ctx.busybox()
                        ? "mkdir: can't create directory '"
                        : "mkdir: cannot create directory '")
                    + d
                    + "': "
                    + e.getMessage());
        status = 1;
      }
    }
    return status;
  }

  static int missingOperand(ToolContext ctx, String tool) {
    return ToolErrors.missingOperand(ctx, tool, "\n\nUsage: " + tool + " [OPTIONS] FILE...");
  }

  static int rm(ToolContext ctx, List<String> args) {
    Opts o = opts(args, "rRfvid", Map.of("--recursive", 'r', "--force", 'f', "--verbose", 'v'));
    if (o.bad() != null) {
      return badOption(ctx, o.bad());
    }
    boolean recursive = o.has('r') || o.has('R');
    boolean force = o.has('f');
    if (o.operands().isEmpty()) {
      return force ? 0 : missingOperand(ctx, "rm");
    }
    int status = 0;
    String cannot = ctx.busybox() ? "rm: can't remove '" : "rm: cannot remove '";
    for (String f : o.operands()) {
      String p = path(ctx, f);
      Optional<FileNode> n = ctx.fs().lstat(p);
      if (n.isEmpty()) {
        if (!force) {
          ctx.io().errln(cannot + f + "': No such file or directory");
          status = 1;
        }
        continue;
      }
      if (n.get().isDirectory() && !recursive) {
        ctx.io()
            .errln(
                ctx.busybox()
                    ? "rm: '" + f + "' is a directory"
                    : cannot + f + "': Is a directory");
        status = 1;
        continue;
      }
      if (p.equals("/")) {
        ctx.io().errln("rm: it is dangerous to operate recursively on '/'");
        ctx.io().errln("rm: use --no-preserve-root to override this failsafe");
        status = 1;
        continue;
      }
      try {
        ctx.fs().remove(p, recursive);
        if (o.has('v')) {
          ctx.io().println("removed '" + f + "'");
        }
      } catch (FsException e) {
        ctx.io().errln(cannot + f + "': " + e.getMessage());
        status = 1;
      }
    }
    return status;
  }

  static int rmdir(ToolContext ctx, List<String> args) {
    if (args.isEmpty()) {
      return missingOperand(ctx, "rmdir");
    }
    int status = 0;
    for (String d : args) {
      String p = path(ctx, d);
      try {
        if (!ctx.fs().isDirectory(p)) {
          throw new FsException(
              ctx.fs().exists(p) ? FsException.Errno.ENOTDIR : FsException.Errno.ENOENT, p);
        }
        if (!ctx.fs().list(p).isEmpty()) {
          throw new FsException(FsException.Errno.ENOTEMPTY, p);
        }
        ctx.fs().remove(p, false);
      } catch (FsException e) {
        ctx.io()
            .errln(
                ctx.busybox()
                    ? "rmdir: '" + d + "': " + e.getMessage()
                    : "rmdir: failed to remove '" + d + "': " + e.getMessage());
        status = 1;
      }
    }
    return status;
  }

  static int touch(ToolContext ctx, List<String> args) {
    Opts o = opts(args, "acm", Map.of());
    if (o.bad() != null) {
      return badOption(ctx, o.bad());
    }
    if (o.operands().isEmpty()) {
      return missingOperand(ctx, "touch");
    }
    int status = 0;
    for (String f : o.operands()) {
      String p = path(ctx, f);
      try {
        if (ctx.fs().stat(p).isPresent()) {
          // Rewrite in place so the modification time moves to now.
          if (!ctx.fs().isDirectory(p)) {
            ctx.fs().write(p, new byte[0], true);
          }
        } else {
          ctx.fs().write(p, new byte[0], false);
        }
      } catch (FsException e) {
        ctx.io()
            .errln(
                ctx.busybox()
                    ? "touch: " + f + ": " + e.getMessage()
                    : "touch: cannot touch '" + f + "': " + e.getMessage());
        status = 1;
      }
    }
    return status;
  }

  // ---- cp, mv -----------------------------------------------------------------------------------

  static int cp(ToolContext ctx, List<String> args) {
    Opts o = opts(args, "rRapfvi", Map.of("--recursive", 'r', "--archive", 'a'));
    if (o.bad() != null) {
      return badOption(ctx, o.bad());
    }
    boolean recursive = o.has('r') || o.has('R') || o.has('a');
    return copyOrMove(ctx, o.operands(), recursive, false);
  }

  static int mv(ToolContext ctx, List<String> args) {
    Opts o = opts(args, "fvin", Map.of("--force", 'f'));
    if (o.bad() != null) {
      return badOption(ctx, o.bad());
    }
    return copyOrMove(ctx, o.operands(), true, true);
  }

  private static int copyOrMove(
      ToolContext ctx, List<String> operands, boolean recursive, boolean move) {
    String tool = move ? "mv" : "cp";
    if (operands.size() < 2) {
      if (operands.isEmpty() || ctx.busybox()) {
        return missingOperand(ctx, tool);
      }
      ctx.io().errln(tool + ": missing destination file operand after '" + operands.get(0) + "'");
      ToolErrors.tryHelp(ctx, tool);
      return 1;
    }
    FileSystem fs = ctx.fs();
    String destArg = operands.get(operands.size() - 1);
    String dest = path(ctx, destArg);
    boolean destIsDir = fs.isDirectory(dest);
    List<String> sources = operands.subList(0, operands.size() - 1);
    if (sources.size() > 1 && !destIsDir) {
      ctx.io().errln(tool + ": target '" + destArg + "' is not a directory");
      return 1;
    }
    int status = 0;
    for (String s : sources) {
      String src = path(ctx, s);
      Optional<FileNode> n = fs.lstat(src);
      if (n.isEmpty()) {
        ctx.io()
            .errln(
                tool
                    + (ctx.busybox() ? ": can't stat '" : ": cannot stat '")
                    + s
                    + "': No such file or directory");
        status = 1;
        continue;
      }
      if (n.get().isDirectory() && !recursive) {
        ctx.io()
            .errln(
                ctx.busybox()
                    ? "cp: omitting directory '" + s + "'"
                    : "cp: -r not specified; omitting directory '" + s + "'");
        status = 1;
        continue;
      }
      String target = destIsDir ? Paths.resolve(dest, Paths.name(src)) : dest;
      try {
        if (move) {
          fs.rename(src, target);
        } else {
          copyTree(fs, src, target);
        }
      } catch (FsException e) {
        if (e.errno() == FsException.Errno.ENOSPC) {
          // The copy's write failed: coreutils names the file it wrote, busybox says "write error".
          ctx.io()
              .errln(
                  ctx.busybox()
                      ? tool + ": write error: " + e.getMessage()
                      : tool + ": error writing '" + e.path() + "': " + e.getMessage());
        } else {
          ctx.io()
              .errln(
                  tool
                      + ": cannot "
                      + (move ? "move" : "create")
                      + " '"
                      + s
                      + "': "
                      + e.getMessage());
        }
        status = 1;
      }
    }
    return status;
  }

  static void copyTree(FileSystem fs, String src, String dst) {
    FileNode n = fs.lstat(src).orElseThrow(() -> new FsException(FsException.Errno.ENOENT, src));
    if (n.isSymlink()) {
      fs.symlink(n.linkTarget(), dst);
    } else if (n.isDirectory()) {
      if (!fs.isDirectory(dst)) {
        fs.mkdir(dst, false);
      }
      for (String c : fs.list(src)) {
        copyTree(fs, src + "/" + c, dst + "/" + c);
      }
    } else {
      fs.copyFile(src, dst);
      fs.chmod(dst, n.mode() & 07777);
    }
  }
}
