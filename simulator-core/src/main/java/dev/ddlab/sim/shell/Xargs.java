package dev.ddlab.sim.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * xargs on the host (GNU findutils 4.9's words, checked here): builds command lines from its input
 * and runs them one after the other. Items are separated by blanks and newlines, with quotes and
 * backslashes as GNU reads them ({@code -0}: by NUL; {@code -d C}: by C); {@code -n N} puts at most
 * N items on a line, {@code -L N} N input lines, {@code -I R} runs the command once per input line
 * with R replaced by it (and implies {@code -L 1}), {@code -r} runs nothing for no input (GNU
 * otherwise runs the command once without items: {@code docker ps -aq | xargs docker rm -f} with no
 * container says {@code "docker rm" requires at least 1 argument}), {@code -t} prints each line on
 * standard error first, {@code -P} is accepted and runs one at a time. The status is GNU's: 123
 * when a command failed with 1–125, 124 when one exited 255 (xargs stops), 125 when one was killed,
 * 126/127 when it could not run or was not found. The input is read to its end first ({@link
 * ToolInput}): the simulator does not start lines while a pipe is still open.
 */
final class Xargs {
  private Xargs() {}

  /** Runs one command line; {@code done} gets its status. */
  @FunctionalInterface
  interface Runner {
    void run(List<String> argv, IntConsumer done);
  }

  /** Whether {@code name} can run (a builtin, a tool, a host program). */
  @FunctionalInterface
  interface Finder {
    boolean has(String name);
  }

  private record Options(
      int maxArgs,
      int maxLines,
      String replace,
      Character delimiter,
      boolean noRunIfEmpty,
      boolean trace,
      List<String> command) {}

  static void run(
      List<String> args, String input, Io io, Finder finder, Runner runner, IntConsumer done) {
    Options o = parse(args, io);
    if (o == null) {
      done.accept(1);
      return;
    }
    List<List<String>> lines = commandLines(o, input);
    if (lines == null) {
      io.errln(
          "xargs: unmatched double quote; by default quotes are special to xargs unless you use"
              + " the -0 option");
      done.accept(1);
      return;
    }
    if (!finder.has(o.command().get(0))) {
      io.errln("xargs: " + o.command().get(0) + ": No such file or directory");
      done.accept(127);
      return;
    }
    next(lines, 0, 0, o, io, runner, done);
  }

  private static void next(
      List<List<String>> lines,
      int at,
      int worst,
      Options o,
      Io io,
      Runner runner,
      IntConsumer done) {
    if (at == lines.size()) {
      done.accept(worst);
      return;
    }
    List<String> argv = lines.get(at);
    if (o.trace()) {
      io.errln(String.join(" ", argv));
    }
    runner.run(
        argv,
        st -> {
          if (st == 255) {
            io.errln("xargs: " + argv.get(0) + ": exited with status 255; aborting");
            done.accept(124);
            return;
          }
          int status = st == 127 ? 127 : st == 126 ? 126 : st > 128 ? 125 : st != 0 ? 123 : 0;
          next(lines, at + 1, Math.max(worst, status), o, io, runner, done);
        });
  }

  private static Options parse(List<String> args, Io io) {
    int maxArgs = -1;
    int maxLines = -1;
    String replace = null;
    Character delimiter = null;
    boolean noRunIfEmpty = false;
    boolean trace = false;
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
      String v = null;
      char opt = a.length() > 1 ? a.charAt(1) : 0;
      if (a.startsWith("--")) {
        switch (a) {
          case "--null" -> delimiter = '\0';
          case "--no-run-if-empty" -> noRunIfEmpty = true;
          case "--verbose" -> trace = true;
          default -> {
            if (a.startsWith("--max-args=")) {
              opt = 'n';
              v = a.substring("--max-args=".length());
            } else if (a.startsWith("--replace")) {
              opt = 'I';
              v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "{}";
            } else if (a.startsWith("--max-procs=")) {
              continue;
            } else {
              io.errln("xargs: unrecognized option '" + a + "'");
              io.errln("Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...");
              io.errln("Try 'xargs --help' for more information.");
              return null;
            }
          }
        }
        if (v == null) {
          continue;
        }
      }
      switch (opt) {
        case '0' -> delimiter = '\0';
        case 'r' -> noRunIfEmpty = true;
        case 't' -> trace = true;
        case 'n', 'L', 'I', 'd', 'P', 'i' -> {
          if (v == null) {
            if (a.length() > 2) {
              v = a.substring(2);
            } else if (opt == 'i') {
              v = "{}";
            } else if (i + 1 < args.size()) {
              v = args.get(++i);
            } else {
              io.errln("xargs: option requires an argument -- '" + opt + "'");
              io.errln("Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...");
              io.errln("Try 'xargs --help' for more information.");
              return null;
            }
          }
          switch (opt) {
            case 'I', 'i' -> replace = v;
            case 'd' -> delimiter = v.isEmpty() ? '\n' : v.equals("\\n") ? '\n' : v.charAt(0);
            case 'P' -> {}
            default -> {
              if (!v.matches("[0-9]{1,9}") || Integer.parseInt(v) < 1) {
                io.errln("xargs: invalid number \"" + v + "\" for -" + opt + " option");
                io.errln("Try 'xargs --help' for more information.");
                return null;
              }
              if (opt == 'n') {
                maxArgs = Integer.parseInt(v);
              } else {
                maxLines = Integer.parseInt(v);
              }
            }
          }
        }
        default -> {
          io.errln("xargs: invalid option -- '" + opt + "'");
          io.errln("Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...");
          io.errln("Try 'xargs --help' for more information.");
          return null;
        }
      }
    }
    List<String> command = new ArrayList<>(args.subList(i, args.size()));
    if (command.isEmpty()) {
      command.add("echo");
    }
    if (replace != null) {
      maxLines = 1;
    }
    return new Options(
        maxArgs, maxLines, replace, delimiter, noRunIfEmpty, trace, List.copyOf(command));
  }

  /** The command lines to run, in order; null for an unmatched quote. */
  private static List<List<String>> commandLines(Options o, String input) {
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
      for (String line : input.split("\n", -1)) {
        List<String> onLine = items(line);
        if (onLine == null) {
          return null;
        }
        if (o.maxLines() > 0 && !onLine.isEmpty()) {
          groups.add(onLine);
        } else {
          items.addAll(onLine);
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
      for (int k = 0; k < all.size(); k += n) {
        chunks.add(all.subList(k, Math.min(all.size(), k + n)));
      }
    }
    if (chunks.isEmpty() && !o.noRunIfEmpty()) {
      chunks.add(List.of()); // GNU runs the command once without items
    }
    for (List<String> c : chunks) {
      List<String> argv = new ArrayList<>(o.command());
      argv.addAll(c);
      lines.add(argv);
    }
    return lines;
  }

  /** The items of one input line: blanks separate, quotes and backslashes as GNU reads them. */
  private static List<String> items(String line) {
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
