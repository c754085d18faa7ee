package dev.ddlab.sim.shell;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What cat's options do to the bytes it copies, across all its files (numbering and squeezing go on
 * from one file to the next): {@code -n} numbers every line and {@code -b} the non-empty ones
 * ({@code %6d} and a tab; -b wins), {@code -s} keeps one of several empty lines in a row, {@code
 * -E} ends each line with {@code $}, {@code -T} shows a tab as {@code ^I}, {@code -v} shows a
 * control byte as {@code ^X}, DEL as {@code ^?} and a byte of 128 or more as {@code M-} and the
 * byte below it (so UTF-8's é is {@code M-CM-)}); coreutils 9.1's {@code -E} alone shows a carriage
 * return before a newline as {@code ^M$}. coreutils takes {@code -A} (-vET), {@code -e} (-vE),
 * {@code -t} (-vT), {@code -u} (ignored) and the long options; busybox 1.36 only {@code -nbvteA},
 * its {@code -e} and {@code -t} being -vE and -vT as well.
 */
final class CatShape {
  static final String COREUTILS_FLAGS = "AbeEnstTuv";
  static final String BUSYBOX_FLAGS = "nbvteA";
  static final Map<String, Character> LONG =
      Map.of(
          "--number", 'n',
          "--number-nonblank", 'b',
          "--show-all", 'A',
          "--show-ends", 'E',
          "--show-tabs", 'T',
          "--show-nonprinting", 'v',
          "--squeeze-blank", 's');

  private final boolean number;
  private final boolean nonblank;
  private final boolean squeeze;
  private final boolean ends;
  private final boolean tabs;
  private final boolean nonprinting;

  private int lines;
  private boolean lineStart = true;
  private int emptyRun;
  private boolean carriageReturn; // -E without -v: a '\r' held until the next byte says how

  CatShape(FileTools.Opts o) {
    nonblank = o.has('b');
    number = nonblank || o.has('n');
    squeeze = o.has('s');
    ends = o.has('A') || o.has('e') || o.has('E');
    tabs = o.has('A') || o.has('t') || o.has('T');
    nonprinting = o.has('A') || o.has('e') || o.has('t') || o.has('v');
  }

  /** Whether the options change anything (plain cat copies as it is). */
  boolean shapes() {
    return number || squeeze || ends || tabs || nonprinting;
  }

  /** The next piece of cat's input as cat writes it (a last '\r' may wait for the next piece). */
  String apply(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    if (nonprinting) {
      for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
        put(sb, b & 0xff);
      }
    } else {
      for (int i = 0; i < text.length(); i++) {
        put(sb, text.charAt(i));
      }
    }
    return sb.toString();
  }

  private void put(StringBuilder sb, int c) {
    if (carriageReturn) {
      carriageReturn = false;
      if (c == '\n') {
        sb.append("^M$\n");
        lineStart = true;
        emptyRun = 0;
        return;
      }
      sb.append('\r');
    }
    if (lineStart) {
      if (c == '\n') {
        if (squeeze && ++emptyRun > 1) {
          return;
        }
        if (number && !nonblank) {
          sb.append(String.format("%6d\t", ++lines));
        }
        sb.append(ends ? "$\n" : "\n");
        return;
      }
      emptyRun = 0;
      if (number) {
        sb.append(String.format("%6d\t", ++lines));
      }
      lineStart = false;
    }
    if (c == '\n') {
      sb.append(ends ? "$\n" : "\n");
      lineStart = true;
      emptyRun = 0;
    } else if (c == '\r' && ends && !nonprinting) {
      carriageReturn = true;
    } else if (c == '\t') {
      sb.append(tabs ? "^I" : "\t");
    } else if (nonprinting) {
      visible(sb, c);
    } else {
      sb.append((char) c);
    }
  }

  /** cat -v's form of a byte other than newline and tab. */
  private static void visible(StringBuilder sb, int b) {
    if (b >= 128) {
      sb.append("M-");
      b -= 128;
    }
    if (b < 32) {
      sb.append('^').append((char) (b + 64));
    } else if (b == 127) {
      sb.append("^?");
    } else {
      sb.append((char) b);
    }
  }
}
