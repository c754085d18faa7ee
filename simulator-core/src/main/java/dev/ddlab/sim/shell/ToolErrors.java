package dev.ddlab.sim.shell;

/**
 * A tool's usage errors as busybox and GNU coreutils word them, one text for each kind: busybox
 * names the problem (or not) and prints its banner and the applet's usage; coreutils names it and
 * sends the reader to {@code --help}. Each tool gives its own usage text (starting with busybox's
 * blank line after the banner).
 */
final class ToolErrors {
  private ToolErrors() {}

  /** The first line of every busybox usage text (the build of the simulated images). */
  static final String BUSYBOX_BANNER =
      "BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.";

  /** busybox's banner then {@code usage}, on standard error. */
  static void busyboxUsage(ToolContext c, String usage) {
    c.io().errln(BUSYBOX_BANNER + usage);
  }

  /** No operand: busybox prints its usage, coreutils says what is missing; status 1. */
  static int missingOperand(ToolContext c, String tool, String busyboxUsage) {
    if (c.busybox()) {
      busyboxUsage(c, busyboxUsage);
    } else {
      c.io().errln(tool + ": missing operand");
      tryHelp(c, tool);
    }
    return 1;
  }

  /** An option {@code tool} does not know; status 1. */
  static int badOption(ToolContext c, String tool, char option, String busyboxUsage) {
    if (c.busybox()) {
      c.io().errln(tool + ": unrecognized option: " + option);
      busyboxUsage(c, busyboxUsage);
    } else {
      c.io().errln(tool + ": invalid option -- '" + option + "'");
      tryHelp(c, tool);
    }
    return 1;
  }

  /** An option that takes a value and has none; status 1. */
  static int missingArgument(ToolContext c, String tool, char option, String busyboxUsage) {
    if (c.busybox()) {
      c.io().errln(tool + ": option requires an argument: " + option);
      busyboxUsage(c, busyboxUsage);
    } else {
      c.io().errln(tool + ": option requires an argument -- '" + option + "'");
      tryHelp(c, tool);
    }
    return 1;
  }

  /** coreutils' last line of a usage error. */
  static void tryHelp(ToolContext c, String tool) {
    c.io().errln("Try '" + tool + " --help' for more information.");
  }
}
