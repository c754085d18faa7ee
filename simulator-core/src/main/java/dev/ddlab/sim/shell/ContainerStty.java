package dev.ddlab.sim.shell;

import dev.ddlab.sim.runtime.Pty;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code stty} inside a container, on the terminal of a {@code docker run -t} or {@code docker exec
 * -t} ({@link Pty}): busybox 1.36's applet, as the private dockerd's alpine shows it through a pty
 * (the window size with {@code size}, {@code rows N}, {@code cols N}; {@code -a}, {@code -g} and no
 * arguments wrapped at the terminal's width as busybox's {@code wrapf} does; {@code -echo} and
 * {@code echo}, which the terminal acts on), and coreutils' words in Debian-family images ({@link
 * TtyCommands}). Other modes are accepted and change nothing. Without a terminal on stdin: {@code
 * stty: standard input: Inappropriate ioctl for device}, 1.
 */
final class ContainerStty {
  private ContainerStty() {}

  /** The control characters busybox prints, with their (sane) values. */
  private static final String[] CONTROL = {
    "intr = ^C;",
    "quit = ^\\;",
    "erase = ^?;",
    "kill = ^U;",
    "eof = ^D;",
    "eol = <undef>;",
    "eol2 = <undef>;",
    "swtch = <undef>;",
    "start = ^Q;",
    "stop = ^S;",
    "susp = ^Z;",
    "rprnt = ^R;",
    "werase = ^W;",
    "lnext = ^V;",
    "flush = ^O;",
    "min = 1; time = 0;"
  };

  /** {@code stty -a}'s modes, one group (control, input, output, local) a line. */
  private static final List<List<String>> MODES =
      List.of(
          List.of(
              "-parenb",
              "-parodd",
              "-cmspar",
              "cs8",
              "-hupcl",
              "-cstopb",
              "cread",
              "-clocal",
              "-crtscts"),
          List.of(
              "-ignbrk",
              "-brkint",
              "-ignpar",
              "-parmrk",
              "-inpck",
              "-istrip",
              "-inlcr",
              "-igncr",
              "icrnl",
              "ixon",
              "-ixoff",
              "-iuclc",
              "-ixany",
              "-imaxbel",
              "-iutf8"),
          List.of(
              "opost", "-olcuc", "-ocrnl", "onlcr", "-onocr", "-onlret", "-ofill", "-ofdel", "nl0",
              "cr0", "tab0", "bs0", "vt0", "ff0"),
          List.of(
              "isig",
              "icanon",
              "iexten",
              "echo",
              "echoe",
              "echok",
              "-echonl",
              "-noflsh",
              "-xcase",
              "-tostop",
              "-echoprt",
              "echoctl",
              "echoke",
              "-flusho",
              "-extproc"));

  /** The mode words stty takes (with or without "-") that change nothing here but echo. */
  private static final Set<String> SETTINGS = settings();

  private static Set<String> settings() {
    Set<String> s = new java.util.HashSet<>(Set.of("sane", "raw", "cooked", "nl", "ek", "crt"));
    for (List<String> group : MODES) {
      for (String m : group) {
        s.add(m.startsWith("-") ? m.substring(1) : m);
      }
    }
    return Set.copyOf(s);
  }

  private static final String NOT_A_TTY = "stty: standard input: Inappropriate ioctl for device";

  /** {@code stty -g}: termios as hex words; the local flags 8a3b with echo, 8a33 without. */
  private static String saved(boolean echo) {
    return "500:5:bf:"
        + (echo ? "8a3b" : "8a33")
        + ":3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16"
        + ":0".repeat(16);
  }

  static int stty(ToolContext c, List<String> args) {
    Pty pty = c.stdinTerminal();
    if (!c.busybox()) {
      if (pty == null) {
        c.io().errln("stty: 'standard input': Inappropriate ioctl for device");
        return 1;
      }
      List<Long> size = List.of((long) pty.rows(), (long) pty.columns());
      return TtyCommands.stty(args, c.io(), size, pty::resize, pty::echo);
    }
    boolean all = false;
    boolean saved = false;
    boolean size = false;
    long rows = -1;
    long cols = -1;
    Boolean echo = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "-a" -> all = true;
        case "-g" -> saved = true;
        case "-F" -> i++; // the device: this terminal is the only one a container has
        case "size" -> size = true;
        case "rows", "cols", "columns" -> {
          if (i + 1 >= args.size()) {
            c.io().errln("stty: " + a + " requires an argument");
            return 1;
          }
          String v = args.get(++i);
          long n;
          try {
            n = Long.parseLong(v);
          } catch (NumberFormatException e) {
            c.io().errln("stty: invalid number '" + v + "'");
            return 1;
          }
          if (n < 1 || n > Integer.MAX_VALUE) {
            c.io()
                .errln(
                    v.startsWith("-")
                        ? "stty: invalid number '" + v + "'"
                        : "stty: number " + v + " is not in 1.." + Integer.MAX_VALUE + " range");
            return 1;
          }
          if (a.equals("rows")) {
            rows = n;
          } else {
            cols = n;
          }
        }
        case "echo", "sane" -> echo = true;
        case "-echo" -> echo = false;
        default -> {
          String mode = a.startsWith("-") ? a.substring(1) : a;
          if (!SETTINGS.contains(mode) && !a.matches("[0-9]+")) {
            c.io().errln("stty: invalid number '" + a + "'"); // busybox takes it for a speed
            return 1;
          }
        }
      }
    }
    if (pty == null) {
      c.io().errln(NOT_A_TTY);
      return 1;
    }
    if (rows >= 0 || cols >= 0) {
      pty.resize(rows >= 0 ? rows : pty.rows(), cols >= 0 ? cols : pty.columns());
    }
    if (echo != null) {
      pty.echo(echo);
    }
    Map<String, String> env = c.env();
    if (size) {
      return size(c, pty, env, false, null);
    }
    if (saved) {
      c.io().println(saved(pty.echo()));
    } else if (all || args.isEmpty()) {
      display(c, pty, all);
    }
    return 0;
  }

  /**
   * busybox's {@code get_terminal_width_height} over stdin's terminal: {@code $LINES}/{@code
   * $COLUMNS} override it, a value of 0, 1 or 30000 and more is 24 or 80; a terminal of 0 rows has
   * no size: {@code stty: standard input} on stderr (errno unset), status 0.
   */
  private static int size(ToolContext c, Pty pty, Map<String, String> env, boolean fancy, Wrap w) {
    boolean err = pty.rows() == 0;
    String lines = env.get("LINES");
    String columns = env.get("COLUMNS");
    err &= lines == null && columns == null;
    long h = helper(lines != null ? atoi(lines) : pty.rows(), 24);
    long wd = helper(columns != null ? atoi(columns) : pty.columns(), 80);
    if (err) {
      if (w != null) {
        w.flushLine();
      }
      c.io().errln("stty: standard input");
      return 0;
    }
    if (fancy) {
      w.item("rows " + h + "; columns " + wd + ";");
    } else {
      c.io().println(h + " " + wd);
    }
    return 0;
  }

  private static long helper(long value, long otherwise) {
    return value <= 1 || value >= 30000 ? otherwise : value;
  }

  /** C's atoi: the leading digits (with a sign), 0 without any. */
  private static long atoi(String s) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([-+]?\\d{1,9})").matcher(s);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /**
   * {@code stty -a} (every setting) or {@code stty} (what differs from sane, as busybox has it).
   */
  private static void display(ToolContext c, Pty pty, boolean all) {
    Wrap w = new Wrap(c, outputWidth(c));
    w.item("speed 38400 baud;");
    if (all) {
      size(c, pty, c.env(), true, w);
    }
    w.item("line = 0;\n");
    for (String control : CONTROL) {
      w.item(control);
    }
    w.newline();
    if (all) {
      for (List<String> group : MODES) {
        w.newline();
        for (String m : group) {
          w.item(m.equals("echo") && !pty.echo() ? "-echo" : m);
        }
      }
    } else {
      w.item("-brkint");
      w.item("-imaxbel");
      if (!pty.echo()) {
        w.newline();
        w.item("-echo");
      }
    }
    w.newline();
  }

  /** busybox's {@code get_terminal_width(STDOUT_FILENO)}: 80 when stdout is no terminal. */
  private static int outputWidth(ToolContext c) {
    String columns = c.env().get("COLUMNS");
    long w = columns != null ? atoi(columns) : c.columns();
    return (int) helper(w, 80);
  }

  /**
   * busybox stty's {@code wrapf}: items separated by a space, a new line instead before one that
   * would reach the width.
   */
  private static final class Wrap {
    private final ToolContext c;
    private final int max;
    private final StringBuilder line = new StringBuilder();
    private int col;

    Wrap(ToolContext c, int max) {
      this.c = c;
      this.max = max;
    }

    void item(String text) {
      if (col > 0) {
        col++;
        if (text.charAt(0) != '\n') {
          if (col + text.length() >= max) {
            col = 0;
            line.append('\n');
          } else {
            line.append(' ');
          }
        }
      }
      line.append(text);
      col += text.length();
      if (text.endsWith("\n")) {
        col = 0;
      }
      flush();
    }

    void newline() {
      if (col != 0) {
        line.append('\n');
        col = 0;
      }
      flush();
    }

    /** What is printed so far goes out before an error on stderr (busybox flushes stdout first). */
    void flushLine() {
      flush();
    }

    private void flush() {
      if (line.length() > 0) {
        c.io().out().accept(line.toString());
        line.setLength(0);
      }
    }
  }
}
