package dev.ddlab.sim.shell;

import java.util.List;

/**
 * Short options as getopt(3) reads them in musl and busybox (a program's own option loop, where
 * picocli's rules would not match its errors): flags may be clustered ({@code -vz}), an option's
 * value is the rest of its word ({@code -w5}) or the next word ({@code -w 5}), and the options end
 * at {@code --}, at a lone {@code -} or at the first operand. What an option means and how a
 * program words its errors stay the program's.
 */
final class ShortOptions {
  private ShortOptions() {}

  /** What a program does with its options. */
  interface Handler {
    /**
     * One option and its value (null for an option not in the scan's {@code withValue}); false
     * stops the scan, after the handler has reported why.
     */
    boolean option(char option, String value);

    /** {@code option} takes a value and none is left: the handler reports it; the scan stops. */
    void missing(char option);
  }

  /**
   * Reads the options of {@code args} in order; the index of the first operand, or -1 when the
   * handler stopped the scan.
   *
   * @param withValue the options that take a value
   */
  static int scan(List<String> args, String withValue, Handler handler) {
    int i = 0;
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        return i + 1;
      }
      if (!a.startsWith("-") || a.length() < 2) {
        return i;
      }
      for (int j = 1; j < a.length(); j++) {
        char c = a.charAt(j);
        if (withValue.indexOf(c) < 0) {
          if (!handler.option(c, null)) {
            return -1;
          }
          continue;
        }
        String value;
        if (j + 1 < a.length()) {
          value = a.substring(j + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          handler.missing(c);
          return -1;
        }
        if (!handler.option(c, value)) {
          return -1;
        }
        break;
      }
    }
    return i;
  }
}
