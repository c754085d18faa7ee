package dev.ddlab.sim.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * {@code read [-r] [-s] [-p PROMPT] [-n N] [-d DELIM] [-t SEC] [NAME…]}: one line of the command's
 * input split on {@code $IFS} into the names, the last name taking the rest of the line ({@code
 * REPLY}, unsplit, when no name is given; dash requires one). Without {@code -r} a backslash quotes
 * the next character and a backslash before the newline joins the next line. At the end of the
 * input the status is 1, the names still set from a last line without its newline. The input is the
 * shared {@link Stdin} of a pipe or redirected file, so {@code while read line; do …; done < file}
 * reads one line per round; the prompt of {@code -p} is printed (on stderr) only when the terminal
 * is read. Options and errors are those of bash 5.2, busybox 1.36 ash and dash 0.5.12.
 */
final class ReadBuiltin {
  private static final String BASH_USAGE =
      "read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt]"
          + " [-t timeout] [-u fd] [name ...]";

  private ReadBuiltin() {}

  /** What the options asked for. */
  private record Options(
      boolean raw,
      boolean silent,
      String prompt,
      int max,
      char delimiter,
      List<String> names,
      int status,
      String array,
      String fd) {}

  static void run(Interpreter sh, List<String> args, Io io, IntConsumer done) {
    Options o = options(sh, args, io);
    if (o.status() >= 0) {
      done.accept(o.status());
      return;
    }
    List<String> checked = new ArrayList<>(o.names());
    if (o.array() != null) {
      checked.add(0, o.array());
    }
    for (String n : checked) {
      if (!Parser.isName(n)) {
        io.errln(
            switch (sh.dialect()) {
              case BASH -> ErrorPlace.name(sh) + ": read: `" + n + "': not a valid identifier";
              case ASH -> ErrorPlace.name(sh) + ": read: '" + n + "': bad variable name";
              case DASH -> Builtins.prefix(sh, "read") + n + ": bad variable name";
            });
        done.accept(sh.dialect() == Dialect.DASH ? 2 : 1);
        return;
      }
    }
    Object opened = // exec 3<file; read -u 3 line
        o.fd() != null && o.fd().matches("[3-9]") ? sh.fds().get(o.fd().charAt(0) - '0') : null;
    if (opened instanceof Stdin || opened == Fds.TERMINAL) {
      readLine(sh, o, io.withInput(Fds.stdin(opened)), done);
      return;
    }
    if (o.fd() != null && !o.fd().equals("0")) {
      // not a descriptor the shell has open for reading
      boolean number = !o.fd().isEmpty() && o.fd().chars().allMatch(Character::isDigit);
      if (sh.dialect() == Dialect.BASH) {
        io.errln(
            ErrorPlace.name(sh)
                + ": read: "
                + o.fd()
                + (number
                    ? ": invalid file descriptor: Bad file descriptor"
                    : ": invalid file descriptor specification"));
      } else if (!number) {
        io.errln(sh.name() + ": read: " + ErrorPlace.ash(sh) + "invalid file descriptor");
        done.accept(2);
        return;
      }
      done.accept(1); // busybox: read(2) fails with EBADF, silently
      return;
    }
    readLine(sh, o, io, done);
  }

  /** Reads one line from {@code io}'s input: a pipe, a file, or the shell's own input. */
  private static void readLine(Interpreter sh, Options o, Io io, IntConsumer done) {
    if (io.in() != null) {
      // a pipe whose writer runs beside it: wait for the line (or the end of the input)
      io.in()
          .whenReady(
              o.delimiter(),
              sh.resumer(() -> done.accept(readInto(sh, o, io.in())))); // its own state
      return;
    }
    if (io.background()) {
      // a background job does not read the terminal (bash gives it /dev/null, or stops it)
      done.accept(readInto(sh, o, new Stdin("")));
      return;
    }
    // the terminal: the shell's own input, a line at a time. Ctrl-C while it waits is SIGINT to
    // the shell itself (read is no child): the line ends with 130, as bash and ash give
    int interrupts = sh.interrupts();
    ShellState own = sh.state();
    sh.runtime()
        .readLine(
            o.prompt(),
            o.silent(),
            io,
            line ->
                sh.resumer(
                        own,
                        () -> {
                          if (line == null && sh.interrupts() != interrupts) {
                            sh.abort(130);
                            done.accept(130);
                          } else {
                            done.accept(readInto(sh, o, new Stdin(line == null ? "" : line)));
                          }
                        })
                    .run());
  }

  /** Reads from {@code in} into the names; the status: 1 at the end of the input. */
  private static int readInto(Interpreter sh, Options o, Stdin in) {
    StringBuilder text = new StringBuilder();
    List<Boolean> quoted = new ArrayList<>();
    boolean ended = read(in, o, text, quoted);
    if (o.array() != null) {
      assignArray(sh, o.array(), text.toString(), quoted);
    } else {
      assign(sh, o.names(), text.toString(), quoted);
    }
    return ended ? 1 : 0;
  }

  /**
   * Reads up to the delimiter (not kept), at most {@code max} characters; backslashes quote unless
   * {@code -r}. Returns true when the input ended before the delimiter.
   */
  private static boolean read(Stdin in, Options o, StringBuilder text, List<Boolean> quoted) {
    boolean escape = false;
    while (o.max() < 0 || text.length() < o.max()) {
      int c = in.next();
      if (c < 0) {
        return true;
      }
      if (escape) {
        escape = false;
        if (c != '\n') {
          text.append((char) c);
          quoted.add(true);
        }
        continue;
      }
      if (c == o.delimiter()) {
        return false;
      }
      if (c == '\\' && !o.raw()) {
        escape = true;
        continue;
      }
      text.append((char) c);
      quoted.add(false);
    }
    return false;
  }

  /** Splits the line into the names as POSIX's {@code read} does. */
  private static void assign(
      Interpreter sh, List<String> names, String line, List<Boolean> quoted) {
    if (names.isEmpty()) {
      sh.setVar("REPLY", line);
      return;
    }
    String ifs = sh.var("IFS");
    if (ifs == null) {
      ifs = Expander.DEFAULT_IFS;
    }
    Splitter s = new Splitter(line, quoted, ifs);
    s.skipWhite();
    for (int k = 0; k < names.size() - 1; k++) {
      sh.setVar(names.get(k), s.field());
    }
    sh.setVar(names.get(names.size() - 1), s.rest());
  }

  /**
   * bash's {@code read -a NAME}: every field of the line into the array, from index 0 (other names
   * are ignored). The shell keeps an array's elements as variables {@code NAME[i]}, {@code NAME}
   * its first and {@code NAME[@]}/{@code NAME[*]} the elements joined (as PIPESTATUS), so {@code
   * ${arr[1]}}, {@code ${#arr[@]}}, {@code set} and {@code "${arr[@]}"} (one word) read it.
   */
  private static void assignArray(Interpreter sh, String name, String line, List<Boolean> quoted) {
    String ifs = sh.var("IFS");
    Splitter s = new Splitter(line, quoted, ifs == null ? Expander.DEFAULT_IFS : ifs);
    s.skipWhite();
    List<String> fields = new ArrayList<>();
    while (!s.done()) {
      fields.add(s.field());
    }
    for (int k = fields.size(); sh.var(name + "[" + k + "]") != null; k++) {
      sh.unset(name + "[" + k + "]");
    }
    for (int k = 0; k < fields.size(); k++) {
      sh.setVar(name + "[" + k + "]", fields.get(k));
    }
    String all = String.join(" ", fields);
    sh.setVar(name, fields.isEmpty() ? "" : fields.get(0));
    sh.setVar(name + "[@]", all);
    sh.setVar(name + "[*]", all);
  }

  /** The line and which of its characters a backslash quoted, read field by field. */
  private static final class Splitter {
    private final String line;
    private final List<Boolean> quoted;
    private final String ifs;
    private int pos;

    Splitter(String line, List<Boolean> quoted, String ifs) {
      this.line = line;
      this.quoted = quoted;
      this.ifs = ifs;
    }

    private boolean ifs(int i) {
      return !quoted.get(i) && ifs.indexOf(line.charAt(i)) >= 0;
    }

    private boolean white(int i) {
      return ifs(i) && " \t\n".indexOf(line.charAt(i)) >= 0;
    }

    boolean done() {
      return pos >= line.length();
    }

    void skipWhite() {
      while (pos < line.length() && white(pos)) {
        pos++;
      }
    }

    /** One field, then the delimiter after it (white space, at most one other IFS character). */
    String field() {
      int start = pos;
      while (pos < line.length() && !ifs(pos)) {
        pos++;
      }
      String f = line.substring(start, pos);
      skipDelimiter();
      return f;
    }

    private void skipDelimiter() {
      skipWhite();
      if (pos < line.length() && ifs(pos)) {
        pos++;
        skipWhite();
      }
    }

    /**
     * The rest of the line for the last name, trailing IFS white space removed; a single field
     * followed by one delimiter loses the delimiter ({@code a:b:} read into two names gives {@code
     * b}), as POSIX says.
     */
    String rest() {
      int end = line.length();
      while (end > pos && white(end - 1)) {
        end--;
      }
      int start = pos;
      while (pos < end && !ifs(pos)) {
        pos++;
      }
      int fieldEnd = pos;
      if (fieldEnd < end) {
        skipDelimiter();
        if (pos >= end) {
          end = fieldEnd;
        }
      }
      return line.substring(start, end);
    }
  }

  /** Parses the options; {@code status} is -1 when the command may read. */
  private static Options options(Interpreter sh, List<String> args, Io io) {
    boolean dash = sh.dialect() == Dialect.DASH;
    boolean bash = sh.dialect() == Dialect.BASH;
    OptionScan scan = new OptionScan(sh, io, dash ? "rp" : bash ? "rspndtau" : "rspndtu");
    int first = ShortOptions.scan(args, dash ? "p" : bash ? "pndtau" : "pndtu", scan);
    if (first < 0) {
      return scan.result(List.of(), scan.status);
    }
    List<String> names = List.copyOf(args.subList(first, args.size()));
    if (names.isEmpty() && dash) {
      io.errln(Builtins.prefix(sh, "read") + "arg count");
      return scan.result(names, 2);
    }
    return scan.result(names, -1);
  }

  /** What {@link ShortOptions} found, and the status of an option that stopped the scan. */
  private static final class OptionScan implements ShortOptions.Handler {
    private final Interpreter sh;
    private final Io io;
    private final String allowed;
    boolean raw;
    boolean silent;
    String prompt;
    int max = -1;
    char delimiter = '\n';
    int status = 2;
    String array;
    String fd;

    OptionScan(Interpreter sh, Io io, String allowed) {
      this.sh = sh;
      this.io = io;
      this.allowed = allowed;
    }

    Options result(List<String> names, int status) {
      return new Options(raw, silent, prompt, max, delimiter, names, status, array, fd);
    }

    @Override
    public boolean option(char c, String value) {
      if (allowed.indexOf(c) < 0) {
        failed(sh, io, "illegal", c);
        return false;
      }
      switch (c) {
        case 'r' -> raw = true;
        case 's' -> silent = true;
        case 'p' -> prompt = value;
        case 'a' -> array = value;
        case 'u' -> fd = value;
        case 'd' -> delimiter = value.isEmpty() ? '\0' : value.charAt(0);
        case 'n' -> {
          try {
            max = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            boolean bash = sh.dialect() == Dialect.BASH;
            io.errln(
                bash
                    ? ErrorPlace.name(sh) + ": read: " + value + ": invalid number"
                    : ErrorPlace.name(sh) + ": read: " + ErrorPlace.ash(sh) + "invalid count");
            status = bash ? 1 : 2;
            return false;
          }
        }
        default -> {} // -t: input that is there is read at once; no typed input is awaited
      }
      return true;
    }

    @Override
    public void missing(char c) {
      failed(sh, io, "missing", c);
    }
  }

  /** Reports a bad option ("illegal") or an option without its argument ("missing"). */
  private static void failed(Interpreter sh, Io io, String what, char c) {
    boolean illegal = what.equals("illegal");
    switch (sh.dialect()) {
      case BASH -> {
        io.errln(
            ErrorPlace.name(sh)
                + ": read: -"
                + c
                + (illegal ? ": invalid option" : ": option requires an argument"));
        io.errln(BASH_USAGE);
      }
      case ASH ->
          io.errln(
              sh.name()
                  + ": read: "
                  + ErrorPlace.ash(sh)
                  + (illegal ? "illegal option -" + c : "no arg for -" + c + " option"));
      case DASH ->
          io.errln(
              Builtins.prefix(sh, "read")
                  + (illegal ? "Illegal option -" + c : "No arg for -" + c + " option"));
    }
  }
}
