package dev.ddlab.sim.shell;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The host's {@code stty} (GNU coreutils 9) and {@code tput} (ncurses 6) on the session's terminal,
 * for its size: {@code stty size}, {@code stty rows N cols N}, {@code tput cols}/{@code lines}.
 * Texts and statuses as bash 5.2 through a pty shows them. Other terminal modes ({@code -echo},
 * {@code raw}) are accepted and change nothing on the host, whose line editor is the playground's;
 * in a Debian-family container ({@link ContainerStty}) {@code -echo} and {@code echo} reach its
 * TTY.
 */
final class TtyCommands {
  private TtyCommands() {}

  /** The commands this class runs, for completion and {@code type}. */
  static final List<String> NAMES = List.of("stty", "tput");

  /** {@code stty} or {@code tput}; {@code size} is the terminal's rows and columns. */
  static int run(
      String cmd, List<String> args, Io io, List<Long> size, BiConsumer<Long, Long> resize) {
    return cmd.equals("stty")
        ? stty(args, io, size, resize, echo -> {})
        : tput(args, io, new long[] {size.get(0), size.get(1)});
  }

  /** Mode settings stty takes that the simulated terminal does not act on. */
  private static final List<String> MODES =
      List.of("sane", "raw", "cooked", "echo", "icanon", "isig", "ixon", "onlcr", "icrnl", "opost");

  /**
   * {@code stty ARGS}; {@code size} is the terminal's rows and columns, {@code resize} sets them
   * (rows, columns), {@code echo} takes {@code echo}/{@code -echo}/{@code sane} (a container's
   * terminal acts on it; the host's line editor is the playground's).
   */
  static int stty(
      List<String> args,
      Io io,
      List<Long> size,
      BiConsumer<Long, Long> resize,
      java.util.function.Consumer<Boolean> echo) {
    if (io.piped()) {
      io.errln("stty: 'standard input': Inappropriate ioctl for device");
      return 1;
    }
    if (args.isEmpty()) {
      io.println("speed 38400 baud; line = 0;");
      io.println("-brkint -imaxbel");
      return 0;
    }
    long rows = size.get(0);
    long cols = size.get(1);
    Boolean echoes = null;
    boolean printSize = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "size" -> printSize = true;
        case "rows", "cols", "columns" -> {
          if (i + 1 >= args.size()) {
            io.errln("stty: missing argument to ‘" + a + "’");
            io.errln("Try 'stty --help' for more information.");
            return 1;
          }
          String v = args.get(++i);
          long n;
          try {
            n = Long.parseLong(v);
          } catch (NumberFormatException e) {
            n = -1;
          }
          if (n < 0 || n > 65535) {
            io.errln("stty: invalid integer argument: ‘" + v + "’");
            return 1;
          }
          if (a.equals("rows")) {
            rows = n;
          } else {
            cols = n;
          }
        }
        default -> {
          String mode = a.startsWith("-") ? a.substring(1) : a;
          if (!MODES.contains(mode)) {
            io.errln("stty: invalid argument ‘" + a + "’");
            io.errln("Try 'stty --help' for more information.");
            return 1;
          }
          if (mode.equals("echo") || a.equals("sane")) {
            echoes = !a.startsWith("-");
          }
        }
      }
    }
    if (rows != size.get(0) || cols != size.get(1)) {
      resize.accept(rows, cols);
    }
    if (echoes != null) {
      echo.accept(echoes);
    }
    if (printSize) {
      io.println(rows + " " + cols);
    }
    return 0;
  }

  /** {@code tput CAPNAME} for the terminal's size ({@code xterm-256color}). */
  private static int tput(List<String> args, Io io, long[] size) {
    if (args.isEmpty()) {
      io.errln("usage: tput [-V] [-S] [-T term] capname");
      return 2;
    }
    switch (args.get(0)) {
      case "cols" -> io.println(Long.toString(size[1]));
      case "lines" -> io.println(Long.toString(size[0]));
      case "colors" -> io.println("256");
      default -> {
        io.errln("tput: unknown terminfo capability '" + args.get(0) + "'");
        return 4;
      }
    }
    return 0;
  }
}
