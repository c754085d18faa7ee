package dev.ddlab.sim.shell;

import dev.ddlab.fs.FsException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
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
    String status = "";
    for (String a : args) {
      int eq = a.indexOf('=');
      String key = eq < 0 ? a : a.substring(0, eq);
      String value = eq < 0 ? "" : a.substring(eq + 1);
      switch (key) {
        case "if" -> in = value;
        case "of" -> out = value;
        case "status" -> status = value;
        case "conv", "iflag", "oflag" -> {} // accepted, no effect here
        case "bs", "ibs", "obs", "count", "skip" -> {
          long n = number(value, ctx.busybox());
          if (n < 0 || n == 0 && !key.equals("count") && !key.equals("skip")) {
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
      if (outPath != null && !truncate(ctx, out, outPath)) {
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
    String copied = new String(data, from, to - from, StandardCharsets.UTF_8);
    if (outPath != null) {
      try {
        ctx.fs().write(outPath, copied.getBytes(StandardCharsets.UTF_8), false);
      } catch (FsException e) {
        openError(ctx, out, e);
        done.accept(1);
        return;
      }
    } else if (!copied.isEmpty()) {
      ctx.io().out().accept(copied);
    }
    t.bytes = to - from;
    if (!quiet) {
      summary(ctx, t, block, noxfer);
    }
    done.accept(0);
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
  private static boolean truncate(ToolContext ctx, String out, String path) {
    try {
      ctx.fs().write(path, new byte[0], false);
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
