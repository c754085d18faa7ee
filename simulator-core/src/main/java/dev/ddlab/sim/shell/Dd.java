package dev.ddlab.sim.shell;

import dev.ddlab.fs.FsException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * {@code dd [if=FILE] [of=FILE] [bs=N] [count=N] [skip=N] [status=none|noxfer]}: blocks from its
 * input (a file, stdin, or an endless device read in {@link EndlessReads}' rounds) to its output,
 * then its summary on stderr: {@code N+P records in}, {@code N+P records out} and the bytes, time
 * and rate, in busybox's words in alpine ({@code 204800 bytes (200.0KB) copied, 0.040000 seconds,
 * 4.9MB/s}; the private dockerd's Debian busybox 1.35 leaves that line out) and coreutils' on the
 * host ({@code 204800 bytes (205 kB, 200 KiB) copied, 0.04 s, 5.12 MB/s}). The time is the rounds'
 * virtual CPU time. Errors as each words them: {@code dd: can't open 'x': No such file or
 * directory} / {@code dd: failed to open 'x': …}, {@code dd: invalid number 'x'} / {@code dd:
 * invalid number: 'x'}, status 1.
 */
final class Dd implements Tool.Later {
  static Tool tool() {
    return new Tool() {
      private final Tool body = Tool.later(new Dd());

      @Override
      public int run(ToolContext ctx, List<String> args) {
        return body.run(ctx, args);
      }

      @Override
      public void run(ToolContext ctx, List<String> args, IntConsumer done) {
        body.run(ctx, args, done);
      }

      @Override
      public boolean readsStdin(List<String> args) {
        return args.stream().noneMatch(a -> a.startsWith("if="));
      }
    };
  }

  private Dd() {}

  /** What the copy has done so far. */
  private static final class Totals {
    long bytes;
    final long start;

    Totals(long start) {
      this.start = start;
    }
  }

  @Override
  public void run(ToolContext ctx, List<String> args, IntConsumer done) {
    String in = null;
    String out = null;
    long bs = 512;
    long count = -1;
    long skip = 0;
    long seek = 0;
    java.util.Set<String> conv = new java.util.HashSet<>();
    String status = "";
    for (String a : args) {
      int eq = a.indexOf('=');
      String key = eq < 0 ? a : a.substring(0, eq);
      String value = eq < 0 ? "" : a.substring(eq + 1);
      switch (key) {
        case "if" -> in = value;
        case "of" -> out = value;
        case "status" -> status = value;
        case "iflag", "oflag" -> {} // accepted, no effect here
        case "conv" -> {
          String bad = conversions(ctx, value, conv);
          if (bad != null) {
            done.accept(1);
            return;
          }
        }
        case "bs", "ibs", "obs", "count", "skip", "seek" -> {
          long n = number(value, ctx.busybox());
          if (n < 0 || n == 0 && key.endsWith("bs")) {
            ctx.io()
                .errln(
                    ctx.busybox()
                        ? "dd: invalid number '" + value + "'"
                        : "dd: invalid number: '" + value + "'");
            done.accept(1);
            return;
          }
          switch (key) {
            case "count" -> count = n;
            case "skip" -> skip = n;
            case "seek" -> seek = n;
            default -> bs = n;
          }
        }
        default -> {
          if (ctx.busybox()) {
            ToolErrors.busyboxUsage(
                ctx,
                "\n\nUsage: dd [if=FILE] [of=FILE] [ibs=N obs=N/bs=N] [count=N] [skip=N] [seek=N]\n");
          } else {
            ctx.io().errln("dd: unrecognized operand '" + a + "'");
            ToolErrors.tryHelp(ctx, "dd");
          }
          done.accept(1);
          return;
        }
      }
    }
    String inPath = in == null ? null : FileTools.path(ctx, in);
    String outPath = out == null ? null : FileTools.path(ctx, out);
    Totals t = new Totals(ctx.clock().nowNanos());
    boolean quiet = status.equals("none");
    boolean noxfer = status.equals("noxfer");
    long block = bs;
    if (inPath != null && EndlessReads.endless(ctx, inPath)) {
      if (outPath != null
          && !truncate(
              ctx, out, outPath, placed(ctx, outPath, seek * block, new byte[0], Set.of()))) {
        done.accept(1);
        return;
      }
      long limit = count < 0 ? Long.MAX_VALUE : saturated(count, block);
      String target = outPath;
      String outName = out;
      EndlessReads.copy(
          ctx,
          inPath,
          limit,
          -1,
          text -> {
            t.bytes += text.length();
            if (target == null) {
              return text;
            }
            try {
              ctx.fs().write(target, text.getBytes(StandardCharsets.ISO_8859_1), true);
            } catch (FsException e) {
              ctx.io().errln("dd: error writing '" + outName + "': " + e.getMessage());
              if (!quiet) {
                summary(ctx, t, block, noxfer);
              }
              return null; // the copy ends here, status 1
            }
            return "";
          },
          "dd",
          status1 -> {
            if (status1 == 0 && !quiet) {
              summary(ctx, t, block, noxfer);
            }
            done.accept(status1);
          });
      return;
    }
    String text;
    if (inPath == null) {
      String s = ctx.io().stdin();
      text = s == null ? "" : s;
    } else {
      try {
        text = new String(ctx.fs().read(inPath), StandardCharsets.UTF_8);
      } catch (FsException e) {
        openError(ctx, in, e);
        done.accept(1);
        return;
      }
    }
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    int from = (int) Math.min(data.length, skip * block);
    int to = count < 0 ? data.length : (int) Math.min(data.length, from + count * block);
    byte[] part = java.util.Arrays.copyOfRange(data, from, to);
    if (conv.contains("sync") && part.length % block != 0) {
      part = java.util.Arrays.copyOf(part, (int) ((part.length / block + 1) * block));
    }
    if (conv.contains("swab")) {
      for (int i = 0; i + 1 < part.length; i += 2) {
        byte b = part[i];
        part[i] = part[i + 1];
        part[i + 1] = b;
      }
    }
    String copied = new String(part, StandardCharsets.UTF_8);
    if (conv.contains("ucase")) {
      copied = copied.toUpperCase(java.util.Locale.ROOT);
    } else if (conv.contains("lcase")) {
      copied = copied.toLowerCase(java.util.Locale.ROOT);
    }
    if (outPath != null) {
      try {
        ctx.fs()
            .write(
                outPath,
                placed(ctx, outPath, seek * block, copied.getBytes(StandardCharsets.UTF_8), conv),
                false);
      } catch (FsException e) {
        openError(ctx, out, e);
        done.accept(1);
        return;
      }
    } else if (!copied.isEmpty()) {
      ctx.io().out().accept(copied);
    }
    t.bytes = part.length;
    if (!quiet) {
      summary(ctx, t, block, noxfer);
    }
    done.accept(0);
  }

  /**
   * The output file's bytes after writing {@code data} at {@code offset} (seek=): what was there
   * before the offset stays (zeros where the file was shorter), and after the data only with
   * conv=notrunc.
   */
  private static byte[] placed(
      ToolContext ctx, String path, long offset, byte[] data, java.util.Set<String> conv) {
    if (offset == 0 && !conv.contains("notrunc")) {
      return data;
    }
    byte[] old;
    try {
      old = ctx.fs().exists(path) ? ctx.fs().read(path) : new byte[0];
    } catch (FsException e) {
      old = new byte[0];
    }
    int end = (int) Math.min(Integer.MAX_VALUE - 8, offset + data.length);
    int size = conv.contains("notrunc") ? Math.max(end, old.length) : end;
    byte[] out = java.util.Arrays.copyOf(old, size);
    if (old.length < offset) {
      java.util.Arrays.fill(out, old.length, (int) offset, (byte) 0);
    }
    System.arraycopy(data, 0, out, (int) offset, end - (int) offset);
    return out;
  }

  /**
   * Reads conv=LIST into {@code conv}; a conversion this dd lacks is refused in its words (busybox:
   * notrunc, sync, noerror, fsync, swab; coreutils also ucase, lcase and more), the refusal's text
   * returned after it was printed.
   */
  private static String conversions(ToolContext ctx, String list, java.util.Set<String> conv) {
    java.util.Set<String> known =
        ctx.busybox()
            ? java.util.Set.of("notrunc", "sync", "noerror", "fsync", "swab")
            : java.util.Set.of(
                "notrunc",
                "sync",
                "noerror",
                "fsync",
                "fdatasync",
                "swab",
                "ucase",
                "lcase",
                "excl",
                "nocreat",
                "sparse",
                "block",
                "unblock",
                "ascii",
                "ebcdic",
                "ibm");
    for (String c : list.split(",")) {
      if (!known.contains(c)) {
        if (ctx.busybox()) {
          ctx.io().errln("dd: invalid argument '" + c + "' to 'conv'");
        } else {
          ctx.io().errln("dd: invalid conversion: '" + c + "'");
          ToolErrors.tryHelp(ctx, "dd");
        }
        return c;
      }
      conv.add(c);
    }
    if (conv.contains("ucase") && conv.contains("lcase")) {
      ctx.io().errln("dd: cannot combine lcase and ucase");
      return "lcase";
    }
    return null;
  }

  /**
   * A file dd cannot open: busybox's {@code can't open 'x': …}, coreutils' {@code failed to open}.
   */
  private static void openError(ToolContext ctx, String name, FsException e) {
    ctx.io()
        .errln(
            (ctx.busybox() ? "dd: can't open '" : "dd: failed to open '")
                + name
                + "': "
                + e.getMessage());
  }

  private static long saturated(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** of=FILE made empty before the copy (dd truncates it); false, said, when it cannot be. */
  /** Opens the output as dd does before an endless copy: what stays before seek=, then nothing. */
  private static boolean truncate(ToolContext ctx, String out, String path, byte[] kept) {
    try {
      ctx.fs().write(path, kept, false);
      return true;
    } catch (FsException e) {
      openError(ctx, out, e);
      return false;
    }
  }

  private static void summary(ToolContext ctx, Totals t, long bs, boolean noxfer) {
    long full = t.bytes / bs;
    long partial = t.bytes % bs == 0 ? 0 : 1;
    ctx.io().errln(full + "+" + partial + " records in");
    ctx.io().errln(full + "+" + partial + " records out");
    if (noxfer) {
      return;
    }
    // the rounds' CPU time, the last one's too (a copy that is one write takes one round)
    double seconds = (ctx.clock().nowNanos() - t.start + EndlessReads.ROUND.toNanos()) / 1e9;
    double rate = seconds > 0 ? t.bytes / seconds : 0;
    if (ctx.busybox()) {
      ctx.io()
          .errln(
              t.bytes
                  + " bytes ("
                  + MountTools.human(t.bytes)
                  + "B) copied, "
                  + String.format(Locale.ROOT, "%f", seconds)
                  + " seconds, "
                  + MountTools.human((long) rate)
                  + "B/s");
      return;
    }
    String size =
        t.bytes < 1000
            ? t.bytes + (t.bytes == 1 ? " byte copied, " : " bytes copied, ")
            : t.bytes
                + " bytes ("
                + si(t.bytes, 1000, "B")
                + ", "
                + si(t.bytes, 1024, "iB")
                + ") copied, ";
    ctx.io()
        .errln(
            size
                + String.format(Locale.ROOT, "%.6g", seconds).replaceAll("\\.?0+$", "")
                + " s, "
                + (seconds > 0 ? rate(rate) : "Infinity B/s"));
  }

  /**
   * gnulib's human_readable, autoscaled and rounded to nearest: {@code 205 kB}, {@code 1.0 MiB}.
   */
  private static String si(double v, int base, String suffix) {
    String units = base == 1000 ? "kMGTPE" : "KMGTPE";
    int u = -1;
    while (v >= base && u < units.length() - 1) {
      v /= base;
      u++;
    }
    if (u < 0) {
      return (long) v + " B";
    }
    String unit = units.charAt(u) + suffix;
    return v < 10
        ? String.format(Locale.ROOT, "%.1f %s", v, unit)
        : String.format(Locale.ROOT, "%.0f %s", v, unit);
  }

  /** dd's rate: three significant digits ({@code 66.8 MB/s}, {@code 873 MB/s}). */
  private static String rate(double bytesPerSecond) {
    String units = "kMGTPE";
    double v = bytesPerSecond;
    int u = -1;
    while (v >= 1000 && u < units.length() - 1) {
      v /= 1000;
      u++;
    }
    String unit = (u < 0 ? "" : String.valueOf(units.charAt(u))) + "B/s";
    String digits =
        v >= 100
            ? String.format(Locale.ROOT, "%.0f", v)
            : v >= 10
                ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    return digits + " " + unit;
  }

  /**
   * A count with dd's suffixes: c 1, w 2, b 512, k/K 1024, M, G (and coreutils' kB, MB, GB in
   * thousands); -1 when it is none.
   */
  private static long number(String v, boolean busybox) {
    long unit = 1;
    String digits = v;
    String[][] suffixes = {
      {"kB", "1000"},
      {"MB", "1000000"},
      {"GB", "1000000000"},
      {"KiB", "1024"},
      {"MiB", "1048576"},
      {"GiB", "1073741824"},
      {"c", "1"},
      {"w", "2"},
      {"b", "512"},
      {"k", "1024"},
      {"K", "1024"},
      {"M", "1048576"},
      {"G", "1073741824"}
    };
    for (String[] s : suffixes) {
      if (v.endsWith(s[0]) && v.length() > s[0].length()) {
        if (busybox && s[0].endsWith("iB")) {
          continue;
        }
        unit = Long.parseLong(s[1]);
        digits = v.substring(0, v.length() - s[0].length());
        break;
      }
    }
    try {
      long n = Long.parseLong(digits);
      return n < 0 ? -1 : Math.multiplyExact(n, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      return -1;
    }
  }
}
