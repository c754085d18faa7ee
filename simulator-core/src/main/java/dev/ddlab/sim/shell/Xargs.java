package dev.ddlab.sim.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * xargs, one implementation in two dialects: GNU findutils 4.9's on the host and in Debian-based
 * images, busybox's in alpine ({@link XargsProgram}), each in its own words. It builds command
 * lines from its input and runs them one after the other. Items are separated by blanks and
 * newlines, with quotes and backslashes as both read them ({@code -0}: by NUL; GNU's {@code -d C}:
 * by C); {@code -n N} puts at most N items on a line, GNU's {@code -L N} N input lines, {@code -I
 * R} runs the command once per input line with R replaced by it (and implies {@code -L 1}), {@code
 * -r} runs nothing for no input (both otherwise run the command once without items: {@code docker
 * ps -aq | xargs docker rm -f} with no container says {@code "docker rm" requires at least 1
 * argument}), {@code -t} prints each line on standard error first, {@code -P} is accepted and runs
 * one at a time; busybox's {@code -s N} bounds a line's bytes (each word and its NUL), {@code -x}
 * is accepted, {@code -E STR} ends the input at the item STR. The status is theirs, the same in
 * both: 123 when a command exited with any status but 0 and 255 (126, 127 and 130 too: those are a
 * command's own), 124 when one exited 255, 125 when a signal killed one (both stop there), 126 when
 * the command is not executable ({@code Permission denied}) and 127 when it is not found. The input
 * is read to its end first ({@link ToolInput}): the simulator does not start lines while a pipe is
 * still open.
 */
final class Xargs {
  private Xargs() {}

  /**
   * Runs one command line; {@code done} gets its exit status, or {@link #KILLED} plus the signal's
   * number when a signal killed it.
   */
  @FunctionalInterface
  interface Runner {
    void run(List<String> argv, IntConsumer done);
  }

  /** A {@link Runner}'s status for a command a signal killed: this plus the signal's number. */
  static final int KILLED = 256;

  /**
   * Why {@code name} cannot run: null when it can (a builtin, a tool, a program), else the error as
   * execvp gives it ({@code No such file or directory}: 127; {@code Permission denied}: 126).
   */
  @FunctionalInterface
  interface Finder {
    String whyNot(String name);
  }

  static final String NOT_FOUND = "No such file or directory";

  /**
   * A command given by its path: {@link #NOT_FOUND} when nothing is there, {@code Permission
   * denied} for a directory or a file without the execute bit, null when it can run.
   */
  static String byPath(dev.ddlab.fs.FileSystem fs, String cwd, String name) {
    java.util.Optional<dev.ddlab.fs.FileNode> n;
    try {
      n = fs.stat(dev.ddlab.fs.Paths.resolve(cwd, name));
    } catch (dev.ddlab.fs.FsException e) {
      n = java.util.Optional.empty();
    }
    if (n.isEmpty()) {
      return NOT_FOUND;
    }
    return n.get().isDirectory() || !n.get().isExecutable() ? "Permission denied" : null;
  }

  /** busybox 1.36's usage of xargs, after its banner. */
  static final String BUSYBOX_USAGE =
      "\n\nUsage: xargs [OPTIONS] [PROG ARGS]\n\n"
          + "Run PROG on every item given by stdin\n\n"
          + "\t-0\tNUL terminated input\n"
          + "\t-a FILE\tRead from FILE instead of stdin\n"
          + "\t-r\tDon't run command if input is empty\n"
          + "\t-t\tPrint the command on stderr before execution\n"
          + "\t-p\tAsk user whether to run each command\n"
          + "\t-E STR,-e[STR]\tSTR stops input processing\n"
          + "\t-I STR\tReplace STR within PROG ARGS with input line\n"
          + "\t-n N\tPass no more than N args to PROG\n"
          + "\t-s N\tPass command line of no more than N bytes\n"
          + "\t-P N\tRun up to N PROGs in parallel\n"
          + "\t-x\tExit if size is exceeded";

  private static final String GNU_USAGE = "Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...";

  private record Options(
      int maxArgs,
      int maxLines,
      int maxChars,
      String replace,
      Character delimiter,
      String eof,
      boolean noRunIfEmpty,
      boolean trace,
      List<String> command) {}

  /**
   * Runs xargs with {@code args} over {@code input}; {@code busybox} picks busybox's options and
   * words, else GNU's.
   */
  static void run(
      List<String> args,
      String input,
      Io io,
      boolean busybox,
      Finder finder,
      Runner runner,
      IntConsumer done) {
    Options o = parse(args, io, busybox);
    if (o == null) {
      done.accept(1);
      return;
    }
    if (o.maxChars() > 0 && bytes(o.command()) >= o.maxChars()) {
      io.errln(
          busybox
              ? "xargs: can't fit single argument within argument list size limit"
              : "xargs: argument line too long");
      done.accept(1);
      return;
    }
    char[] quote = {0};
    List<List<String>> lines = commandLines(o, input, quote);
    if (lines == null) {
      String which = quote[0] == '\'' ? "single" : "double";
      io.errln(
          busybox
              ? "xargs: unmatched " + which + " quote"
              : "xargs: unmatched "
                  + which
                  + " quote; by default quotes are special to xargs unless you use the -0 option");
      done.accept(1);
      return;
    }
    String whyNot = lines.isEmpty() ? null : finder.whyNot(o.command().get(0));
    if (whyNot != null) {
      io.errln("xargs: " + o.command().get(0) + ": " + whyNot);
      done.accept(whyNot.equals(NOT_FOUND) ? 127 : 126);
      return;
    }
    next(lines, 0, 0, o, io, busybox, runner, done);
  }

  private static void next(
      List<List<String>> lines,
      int at,
      int worst,
      Options o,
      Io io,
      boolean busybox,
      Runner runner,
      IntConsumer done) {
    if (at == lines.size()) {
      done.accept(worst);
      return;
    }
    List<String> argv = lines.get(at);
    if (o.maxChars() > 0 && bytes(argv) > o.maxChars()) {
      io.errln("xargs: argument line too long"); // one item that does not fit beside the command
      done.accept(1);
      return;
    }
    if (o.trace()) {
      io.errln(String.join(" ", argv));
    }
    runner.run(
        argv,
        st -> {
          String name = argv.get(0);
          if (st == 255) {
            io.errln("xargs: " + name + ": exited with status 255; aborting");
            done.accept(124);
            return;
          }
          if (st > KILLED) {
            io.errln(
                (busybox ? "xargs: '" + name + "'" : "xargs: " + name + ":")
                    + " terminated by signal "
                    + (st - KILLED));
            done.accept(125); // both stop at a command a signal killed
            return;
          }
          next(lines, at + 1, st != 0 ? 123 : worst, o, io, busybox, runner, done);
        });
  }

  /** The bytes a command line takes as busybox counts them: each word and its NUL. */
  private static int bytes(List<String> argv) {
    int n = 0;
    for (String w : argv) {
      n += w.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
    }
    return n;
  }

  /** Parsing state, and the errors in each dialect's words. */
  private static final class Parse {
    final Io io;
    final boolean busybox;
    int maxArgs = -1;
    int maxLines = -1;
    int maxChars = -1;
    String replace;
    Character delimiter;
    String eof;
    boolean noRunIfEmpty;
    boolean trace;

    Parse(Io io, boolean busybox) {
      this.io = io;
      this.busybox = busybox;
    }

    Options bad(char opt) {
      if (busybox) {
        io.errln("xargs: unrecognized option: " + opt);
        io.errln(ToolErrors.BUSYBOX_BANNER + BUSYBOX_USAGE);
      } else {
        io.errln("xargs: invalid option -- '" + opt + "'");
        gnuUsage();
      }
      return null;
    }

    Options missing(char opt) {
      if (busybox) {
        io.errln("xargs: option requires an argument: " + opt);
        io.errln(ToolErrors.BUSYBOX_BANNER + BUSYBOX_USAGE);
      } else {
        io.errln("xargs: option requires an argument -- '" + opt + "'");
        gnuUsage();
      }
      return null;
    }

    void gnuUsage() {
      io.errln(GNU_USAGE);
      io.errln("Try 'xargs --help' for more information.");
    }

    /** A count option's value, or -1 after its error. */
    int number(char opt, String v) {
      if (busybox) {
        if (!v.matches("[0-9]{1,10}")) {
          io.errln("xargs: invalid number '" + v + "'");
          return -1;
        }
        long n = Long.parseLong(v);
        if (n < 1 || n > Integer.MAX_VALUE) {
          io.errln("xargs: number " + v + " is not in 1.." + Integer.MAX_VALUE + " range");
          return -1;
        }
        return (int) n;
      }
      if (!v.matches("[0-9]{1,9}") || Integer.parseInt(v) < 1) {
        io.errln("xargs: invalid number \"" + v + "\" for -" + opt + " option");
        io.errln("Try 'xargs --help' for more information.");
        return -1;
      }
      return Integer.parseInt(v);
    }
  }

  private static Options parse(List<String> args, Io io, boolean busybox) {
    Parse p = new Parse(io, busybox);
    String flags = busybox ? "0rtxp" : "0rtx";
    String valued = busybox ? "nIsPEa" : "nLIdPisE";
    int i = 0;
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        i++;
        break;
      }
      if (!a.startsWith("-") || a.equals("-")) {
        break;
      }
      if (a.startsWith("--") && !busybox) {
        if (!gnuLong(p, a)) {
          return null;
        }
        continue;
      }
      for (int k = 1; k < a.length(); k++) {
        char opt = a.charAt(k);
        if (flags.indexOf(opt) >= 0) {
          switch (opt) {
            case '0' -> p.delimiter = '\0';
            case 'r' -> p.noRunIfEmpty = true;
            case 't' -> p.trace = true;
            case 'p' -> {
              io.errln("xargs: ddlab chưa hỗ trợ -p (hỏi trước mỗi lệnh)");
              return null;
            }
            default -> {} // -x: a line over -s fails anyway
          }
          continue;
        }
        if (valued.indexOf(opt) < 0) {
          return p.bad(opt);
        }
        String v;
        if (k + 1 < a.length()) {
          v = a.substring(k + 1);
        } else if (opt == 'i') {
          v = "{}";
        } else if (i + 1 < args.size()) {
          v = args.get(++i);
        } else {
          return p.missing(opt);
        }
        switch (opt) {
          case 'I', 'i' -> p.replace = v;
          case 'd' -> p.delimiter = v.isEmpty() ? '\n' : v.equals("\\n") ? '\n' : v.charAt(0);
          case 'E' -> p.eof = v;
          case 'P' -> {}
          case 'a' -> {
            io.errln("xargs: ddlab chưa hỗ trợ -a (đọc mục từ tệp); hãy dùng: xargs ... < " + v);
            return null;
          }
          default -> {
            if (!busybox && opt == 's' && v.equals("0")) {
              io.errln("xargs: value 0 for -s option should be >= 1");
              io.errln("xargs: cannot fit single argument within argument list size limit");
              return null;
            }
            int n = p.number(opt, v);
            if (n < 0) {
              return null;
            }
            switch (opt) {
              case 'n' -> p.maxArgs = n;
              case 's' -> p.maxChars = n;
              default -> p.maxLines = n;
            }
          }
        }
        break; // the value took the rest of the word
      }
    }
    List<String> command = new ArrayList<>(args.subList(i, args.size()));
    if (command.isEmpty()) {
      command.add("echo");
    }
    if (p.replace != null) {
      p.maxLines = 1;
    }
    return new Options(
        p.maxArgs,
        p.maxLines,
        p.maxChars,
        p.replace,
        p.delimiter,
        p.eof,
        p.noRunIfEmpty,
        p.trace,
        List.copyOf(command));
  }

  /** GNU's long options; false after an error. */
  private static boolean gnuLong(Parse p, String a) {
    switch (a) {
      case "--null" -> p.delimiter = '\0';
      case "--no-run-if-empty" -> p.noRunIfEmpty = true;
      case "--verbose" -> p.trace = true;
      default -> {
        if (a.startsWith("--max-args=")) {
          p.maxArgs = p.number('n', a.substring("--max-args=".length()));
          return p.maxArgs > 0;
        } else if (a.startsWith("--replace")) {
          p.replace = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "{}";
        } else if (!a.startsWith("--max-procs=")) {
          p.io.errln("xargs: unrecognized option '" + a + "'");
          p.gnuUsage();
          return false;
        }
      }
    }
    return true;
  }

  /** The command lines to run, in order; null for an unmatched quote (which, in {@code quote}). */
  private static List<List<String>> commandLines(Options o, String input, char[] quote) {
    List<List<String>> groups = new ArrayList<>(); // items, one group per input line when -L/-I
    if (o.replace() != null) {
      for (String line : input.split("\n")) {
        String item = line.stripLeading();
        if (!item.isEmpty()) {
          groups.add(List.of(item));
        }
      }
    } else if (o.delimiter() != null) {
      List<String> items = new ArrayList<>();
      String[] parts = input.split(java.util.regex.Pattern.quote(o.delimiter().toString()), -1);
      for (int k = 0; k < parts.length; k++) {
        if (k == parts.length - 1 && parts[k].isEmpty()) {
          break; // the input's last delimiter ends the last item
        }
        items.add(parts[k]);
      }
      groups.add(items);
    } else {
      List<String> items = new ArrayList<>();
      boolean ended = false;
      for (String line : input.split("\n", -1)) {
        List<String> onLine = items(line, quote);
        if (onLine == null) {
          return null;
        }
        int stop = o.eof() == null ? -1 : onLine.indexOf(o.eof());
        if (stop >= 0) {
          onLine = onLine.subList(0, stop); // -E STR: the input ends at STR
          ended = true;
        }
        if (o.maxLines() > 0 && !onLine.isEmpty()) {
          groups.add(onLine);
        } else {
          items.addAll(onLine);
        }
        if (ended) {
          break;
        }
      }
      if (o.maxLines() <= 0) {
        groups.add(items);
      }
    }
    List<List<String>> lines = new ArrayList<>();
    if (o.replace() != null) {
      for (List<String> g : groups) {
        List<String> argv = new ArrayList<>();
        for (String w : o.command()) {
          argv.add(w.replace(o.replace(), g.get(0)));
        }
        lines.add(argv);
      }
      return lines;
    }
    List<String> all = new ArrayList<>();
    int perLine = o.maxLines() > 0 ? o.maxLines() : 1;
    List<List<String>> chunks = new ArrayList<>();
    if (o.maxLines() > 0) {
      for (int k = 0; k < groups.size(); k += perLine) {
        List<String> c = new ArrayList<>();
        groups.subList(k, Math.min(groups.size(), k + perLine)).forEach(c::addAll);
        chunks.add(c);
      }
    } else {
      groups.forEach(all::addAll);
      int n = o.maxArgs() > 0 ? o.maxArgs() : Math.max(1, all.size());
      int fixed = bytes(o.command());
      for (int k = 0; k < all.size(); ) {
        int end = Math.min(all.size(), k + n);
        if (o.maxChars() > 0) { // -s N: as many as fit, at least one (too long: refused when run)
          int size = fixed;
          int fit = k;
          while (fit < end && (fit == k || size + bytes(List.of(all.get(fit))) <= o.maxChars())) {
            size += bytes(List.of(all.get(fit)));
            fit++;
          }
          end = fit;
        }
        chunks.add(all.subList(k, end));
        k = end;
      }
    }
    if (chunks.isEmpty() && !o.noRunIfEmpty()) {
      chunks.add(List.of()); // GNU and busybox run the command once without items
    }
    for (List<String> c : chunks) {
      List<String> argv = new ArrayList<>(o.command());
      argv.addAll(c);
      lines.add(argv);
    }
    return lines;
  }

  /**
   * The items of one input line: blanks separate, quotes and backslashes as GNU and busybox read
   * them; null for an unmatched quote, which goes to {@code quote[0]}.
   */
  private static List<String> items(String line, char[] quote) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = null;
    for (int k = 0; k < line.length(); k++) {
      char c = line.charAt(k);
      if (c == ' ' || c == '\t') {
        if (cur != null) {
          out.add(cur.toString());
          cur = null;
        }
        continue;
      }
      if (cur == null) {
        cur = new StringBuilder();
      }
      if (c == '\\' && k + 1 < line.length()) {
        cur.append(line.charAt(++k));
      } else if (c == '"' || c == '\'') {
        int end = line.indexOf(c, k + 1);
        if (end < 0) {
          quote[0] = c;
          return null;
        }
        cur.append(line, k + 1, end);
        k = end;
      } else {
        cur.append(c);
      }
    }
    if (cur != null) {
      out.add(cur.toString());
    }
    return out;
  }
}
