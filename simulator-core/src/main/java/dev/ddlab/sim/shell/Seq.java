package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.OutputEnd;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * {@code seq [-w] [-s SEP] [FIRST [INC]] LAST}: coreutils' on the host, busybox's applet in alpine
 * (checked against coreutils 9.1 and the private dockerd's busybox): decimals keep the precision of
 * FIRST and INC ({@code seq 0.5 2}: 0.5, 1.5), {@code -w} pads with zeros. It writes its numbers in
 * rounds of {@link #ROUND_CHARS} (a millisecond of CPU time each, as {@code yes} does), waiting on
 * a full pipe and dying of SIGPIPE once its reader has gone, so {@code seq 1000000000 | head -1}
 * ends. Errors in each one's words: coreutils' {@code seq: missing operand}, {@code invalid
 * floating point argument}, {@code invalid Zero increment value} (status 1); busybox prints its
 * usage.
 */
final class Seq implements Tool.Later {
  static final int ROUND_CHARS = 64 * 1024;
  static final Duration ROUND = Duration.ofMillis(1);

  private static final String BUSYBOX_USAGE =
      """
      BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.

      Usage: seq [-w] [-s SEP] [FIRST [INC]] LAST

      Print numbers from FIRST to LAST, in steps of INC.
      FIRST, INC default to 1.

      \t-w\tPad to last with leading zeros
      \t-s SEP\tString separator
      """;

  static Tool tool() {
    return Tool.later(new Seq());
  }

  private Seq() {}

  @Override
  public void run(ToolContext ctx, List<String> args, IntConsumer done) {
    String sep = "\n";
    boolean pad = false;
    List<BigDecimal> nums = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-w") || a.equals("--equal-width")) {
        pad = true;
      } else if (a.equals("-s") && i + 1 < args.size()) {
        sep = args.get(++i);
      } else if (a.startsWith("-s") && a.length() > 2) {
        sep = a.substring(2);
      } else if (a.startsWith("--separator=")) {
        sep = a.substring(a.indexOf('=') + 1);
      } else {
        BigDecimal n = number(a);
        if (n == null) {
          done.accept(fail(ctx, "invalid floating point argument: '" + a + "'"));
          return;
        }
        nums.add(n);
      }
    }
    if (nums.isEmpty() || nums.size() > 3) {
      done.accept(
          fail(
              ctx,
              nums.isEmpty()
                  ? "missing operand"
                  : "extra operand '" + args.get(args.size() - 1) + "'"));
      return;
    }
    BigDecimal first = nums.size() > 1 ? nums.get(0) : BigDecimal.ONE;
    BigDecimal inc = nums.size() > 2 ? nums.get(1) : BigDecimal.ONE;
    BigDecimal last = nums.get(nums.size() - 1);
    if (inc.signum() == 0) {
      done.accept(fail(ctx, "invalid Zero increment value: '" + args.get(args.size() - 2) + "'"));
      return;
    }
    int scale = Math.max(Math.max(first.scale(), inc.scale()), 0);
    int width = pad ? Math.max(text(first, scale).length(), text(last, scale).length()) : 0;
    round(ctx, new State(first, inc, last, scale, width, sep), done);
  }

  private record State(
      BigDecimal next, BigDecimal inc, BigDecimal last, int scale, int width, String sep) {
    boolean more() {
      return inc.signum() > 0 ? next.compareTo(last) <= 0 : next.compareTo(last) >= 0;
    }
  }

  private static void round(ToolContext ctx, State s, IntConsumer done) {
    StringBuilder out = new StringBuilder();
    BigDecimal v = s.next();
    State at = s;
    while (at.more() && out.length() < ROUND_CHARS) {
      if (v.compareTo(s.next()) != 0 || out.length() > 0) {
        out.append(s.sep());
      }
      out.append(padded(text(v, s.scale()), s.width()));
      v = v.add(s.inc());
      at = new State(v, s.inc(), s.last(), s.scale(), s.width(), s.sep());
    }
    boolean more = at.more();
    if (!more && !out.isEmpty()) {
      out.append('\n');
    }
    if (!out.isEmpty()) {
      ctx.io().out().accept(out.toString());
    }
    OutputEnd end = ctx.stdoutEnd();
    if (end != null && end.broken()) {
      done.accept(128 + 13); // SIGPIPE
      return;
    }
    if (!more) {
      done.accept(0);
      return;
    }
    // the next round starts with the separator after this round's last number
    State rest = new State(at.next(), s.inc(), s.last(), s.scale(), s.width(), s.sep());
    Runnable next =
        () ->
            ctx.compute(
                ROUND,
                () -> {
                  ctx.io().out().accept(s.sep());
                  round(ctx, rest, done);
                });
    if (end == null) {
      next.run();
    } else {
      end.whenWritable(next);
    }
  }

  private static int fail(ToolContext ctx, String message) {
    if (ctx.busybox()) {
      ctx.io().err().accept(BUSYBOX_USAGE);
    } else {
      ctx.io().errln("seq: " + message);
      ctx.io().errln("Try 'seq --help' for more information.");
    }
    return 1;
  }

  /**
   * A number as seq reads it; null for what is none, and for one beyond a long double's exact
   * digits (over 18 integer or decimal digits), which the simulator does not count through.
   */
  private static BigDecimal number(String s) {
    try {
      BigDecimal n = new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
      return n.scale() > 18 || n.precision() - n.scale() > 18 ? null : n;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String text(BigDecimal v, int scale) {
    return v.setScale(scale, java.math.RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String padded(String s, int width) {
    if (s.length() >= width) {
      return s;
    }
    boolean negative = s.startsWith("-");
    String digits = negative ? s.substring(1) : s;
    return (negative ? "-" : "") + "0".repeat(width - s.length()) + digits;
  }
}
