package dev.ddlab.sim.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * The options {@code set} turns on and off in one shell, {@code set} itself and what shows them:
 * {@code -e} (errexit: the {@link Interpreter} ends the shell when a command it does not test
 * fails), {@code -u} (nounset: the {@link Expander} refuses an unset parameter), {@code -x}
 * (xtrace: each simple command traced on stderr as the shell quotes it), {@code -o pipefail} (bash
 * and ash; dash has none), {@code set -- ARGS} for the positional parameters, {@code set} alone
 * listing the variables, and {@code $-}. Errors are worded as bash 5.2, busybox 1.36 ash and dash
 * 0.5.12 word them.
 */
final class ShellOptions {
  private static final String BASH_USAGE =
      "set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]";

  private final Dialect dialect;

  /**
   * The letters on, one bit each ({@link #bit}); the options the simulator acts on are {@code e},
   * {@code u} and {@code x}, the others are kept for {@code $-} only ({@code set -f} is accepted
   * and shown, globbing still happens). {@code pipefail} has no letter: the top bit.
   */
  private long on;

  private boolean commandString;

  private static final long PIPEFAIL = 1L << 63;

  /**
   * Each shell's option letters in the order {@code $-} lists them: bash walks its flag table
   * forwards, ash and dash theirs backwards (busybox 1.36's {@code optletters_optnames}, dash
   * 0.5.12's {@code optletters}).
   */
  private static String order(Dialect d) {
    return switch (d) {
      case BASH -> "abefhikmnprtuvxBCEHPT";
      case ASH -> "EubaCvxcsnmiIfe";
      case DASH -> "pubaCEVvxsnmiIfe";
    };
  }

  /** The letters {@code set} takes. */
  private static String settable(Dialect d) {
    return switch (d) {
      case BASH -> "abefhkmnptuvxBCEHPT";
      case ASH -> "efIimnsxvCabuE";
      case DASH -> "efIimnsxvVECabup";
    };
  }

  /**
   * The names {@code -o} takes and their letters ({@code -} for none); those with none but {@code
   * pipefail} are accepted and have no effect.
   */
  private static String names(Dialect d) {
    return switch (d) {
      case BASH ->
          " allexport:a braceexpand:B emacs:- errexit:e errtrace:E functrace:T hashall:h"
              + " histexpand:H history:- ignoreeof:- interactive-comments:- keyword:k monitor:m"
              + " noclobber:C noexec:n noglob:f nolog:- notify:b nounset:u onecmd:t physical:P"
              + " pipefail:- posix:- privileged:p verbose:v vi:- xtrace:x ";
      case ASH ->
          " errexit:e noglob:f ignoreeof:I monitor:m noexec:n xtrace:x verbose:v noclobber:C"
              + " allexport:a notify:b nounset:u errtrace:E vi:- pipefail:- ";
      case DASH ->
          " errexit:e noglob:f ignoreeof:I interactive:i monitor:m noexec:n stdin:s xtrace:x"
              + " verbose:v vi:V emacs:E noclobber:C allexport:a notify:b nounset:u"
              + " privileged:p nolog:- debug:- ";
    };
  }

  private static long bit(char c) {
    return 1L << (c - 'A');
  }

  ShellOptions(Dialect dialect) {
    this.dialect = dialect;
    if (dialect == Dialect.BASH) {
      on = bit('h') | bit('B'); // hashall and braceexpand are on from the start
    }
  }

  boolean errexit() {
    return (on & bit('e')) != 0;
  }

  boolean nounset() {
    return (on & bit('u')) != 0;
  }

  boolean xtrace() {
    return (on & bit('x')) != 0;
  }

  boolean pipefail() {
    return (on & PIPEFAIL) != 0;
  }

  /** {@code set -f}: words are not globbed. */
  boolean noglob() {
    return (on & bit('f')) != 0;
  }

  /** {@code set -C}: {@code >} does not overwrite an existing regular file ({@code >|} does). */
  boolean noclobber() {
    return (on & bit('C')) != 0;
  }

  /** The options as bits, for a subshell to give back what it changed. */
  long bits() {
    return on;
  }

  void bits(long b) {
    on = b;
  }

  /** The shell runs a {@code -c} string (bash and ash show {@code c} in {@code $-}). */
  boolean commandString() {
    return commandString;
  }

  void commandString(boolean c) {
    commandString = c;
  }

  /** {@code $-}: the options on, in the order each shell lists them. */
  String flags(boolean interactive) {
    long shown = on & ~PIPEFAIL;
    if (interactive) {
      shown |=
          dialect == Dialect.BASH ? bit('i') | bit('m') | bit('H') : bit('s') | bit('m') | bit('i');
    }
    if (commandString && dialect == Dialect.ASH) {
      shown |= bit('c');
    }
    StringBuilder sb = new StringBuilder();
    for (char c : order(dialect).toCharArray()) {
      if ((shown & bit(c)) != 0) {
        sb.append(c);
      }
    }
    if (dialect == Dialect.BASH) {
      sb.append(interactive ? "s" : commandString ? "c" : "");
    }
    return sb.toString();
  }

  /**
   * Turns option letter {@code c} on or off as {@code set} does, or on a command line ({@code
   * invocation}: also {@code i} and {@code s} in ash and dash); false when the shell has no such
   * letter.
   */
  boolean letter(char c, boolean on, boolean invocation) {
    if (settable(dialect).indexOf(c) < 0
        && !(invocation && dialect != Dialect.BASH && (c == 'i' || c == 's'))) {
      return false;
    }
    this.on = on ? this.on | bit(c) : this.on & ~bit(c);
    return true;
  }

  /** {@code -o NAME} / {@code +o NAME}; false when the shell has no option so named. */
  boolean named(String name, boolean on) {
    int at =
        name.isEmpty() || name.indexOf(' ') >= 0 ? -1 : names(dialect).indexOf(" " + name + ":");
    if (at < 0) {
      return false;
    }
    char c = names(dialect).charAt(at + name.length() + 2);
    long b = name.equals("pipefail") ? PIPEFAIL : c == '-' ? 0 : bit(c);
    this.on = on ? this.on | b : this.on & ~b;
    return true;
  }

  /** {@code set [-eux] [+eux] [-o NAME] [+o NAME] [--] [ARG…]}. */
  int set(Interpreter sh, List<String> args, Io io) {
    if (args.isEmpty()) {
      for (String name : new java.util.TreeSet<>(sh.variableNames())) {
        if (name.indexOf('[') >= 0) {
          continue; // an element of PIPESTATUS or BASH_REMATCH, which the shell keeps as variables
        }
        String value = sh.var(name);
        String array = dialect == Dialect.BASH ? array(sh, name) : null;
        io.println(
            name
                + "="
                + (array != null
                    ? array
                    : dialect == Dialect.BASH ? quoted(value) : ashQuoted(value)));
      }
      return 0;
    }
    int i = 0;
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        i++;
        sh.positional(List.copyOf(args.subList(i, args.size())));
        return 0;
      }
      if (a.equals("-") || a.equals("+")) {
        continue;
      }
      if (a.length() < 2 || (a.charAt(0) != '-' && a.charAt(0) != '+')) {
        break;
      }
      boolean on = a.charAt(0) == '-';
      for (int k = 1; k < a.length(); k++) {
        char c = a.charAt(k);
        if (c == 'o') {
          if (i + 1 >= args.size()) {
            return listOptions(sh, io);
          }
          String name = args.get(++i);
          int st = setNamed(sh, name, on, io);
          if (st != 0) {
            return st;
          }
          continue;
        }
        if (!letter(c, on, false)) {
          return badOption(sh, io, (on ? "-" : "+") + c);
        }
      }
    }
    if (i < args.size()) {
      sh.positional(List.copyOf(args.subList(i, args.size())));
    }
    return 0;
  }

  private int setNamed(Interpreter sh, String name, boolean on, Io io) {
    if (named(name, on)) {
      return 0;
    }
    switch (dialect) {
      case BASH -> {
        io.errln(ErrorPlace.name(sh) + ": set: " + name + ": invalid option name");
        return 2;
      }
      case ASH -> {
        io.errln(
            ErrorPlace.name(sh) + ": set: " + ErrorPlace.ash(sh) + "illegal option -o " + name);
        return 1;
      }
      default -> {
        return badOption(sh, io, "-o " + name);
      }
    }
  }

  /**
   * {@code set -o} alone: the simulated options in each shell's layout (bash lists all 27 of its
   * own, ash and dash theirs; the others are not simulated and not listed).
   */
  private int listOptions(Interpreter sh, Io io) {
    if (dialect == Dialect.DASH) {
      io.println("Current option settings");
    }
    for (String name : List.of("errexit", "nounset", "pipefail", "xtrace")) {
      boolean set =
          switch (name) {
            case "errexit" -> errexit();
            case "nounset" -> nounset();
            case "pipefail" -> pipefail();
            default -> xtrace();
          };
      if (name.equals("pipefail") && dialect == Dialect.DASH) {
        continue;
      }
      io.println(
          sh.dialect() == Dialect.BASH
              ? String.format("%-15s\t%s", name, set ? "on" : "off")
              : String.format("%-16s%s", name, set ? "on" : "off"));
    }
    return 0;
  }

  /** An option the shell does not have: bash's usage (status 2), ash's and dash's special error. */
  private int badOption(Interpreter sh, Io io, String option) {
    switch (dialect) {
      case BASH -> {
        io.errln(ErrorPlace.name(sh) + ": set: " + option + ": invalid option");
        io.errln(BASH_USAGE);
        return 2;
      }
      case ASH ->
          io.errln(
              ErrorPlace.name(sh) + ": set: " + ErrorPlace.ash(sh) + "illegal option " + option);
      case DASH ->
          io.errln(Builtins.prefix(sh, "set") + "Illegal option " + option.replace('+', '-'));
    }
    return Builtins.specialError(sh, 2);
  }

  /**
   * {@code set -x}'s trace of one simple command: bash traces each assignment on a line of its own
   * and quotes words that need it ({@code 'a b'}, {@code ''}, {@code 'it'\''s'}); ash quotes the
   * same words its way ({@code 'it'"'"'s'}, an empty word as nothing) and dash not at all, both
   * with the assignments before the command on its line.
   */
  String trace(List<String> assignments, List<String> argv) {
    StringBuilder sb = new StringBuilder();
    List<String> words = new ArrayList<>();
    for (String a : assignments) {
      int eq = a.indexOf('=');
      String value = a.substring(eq + 1);
      String text =
          a.substring(0, eq + 1)
              + switch (dialect) {
                case BASH -> quoted(value);
                case ASH -> value.isEmpty() ? "" : traceQuoted(value);
                case DASH -> value;
              };
      if (dialect == Dialect.BASH) {
        sb.append("+ ").append(text).append('\n');
      } else {
        words.add(text);
      }
    }
    for (String w : argv) {
      words.add(
          switch (dialect) {
            case BASH -> quoted(w);
            case ASH -> w.isEmpty() ? "" : traceQuoted(w);
            case DASH -> w;
          });
    }
    if (!words.isEmpty()) {
      sb.append("+ ").append(String.join(" ", words)).append('\n');
    }
    return sb.toString();
  }

  /**
   * bash's {@code set} line of an array ({@code PIPESTATUS}, {@code BASH_REMATCH}, whose elements
   * the shell keeps as variables named {@code NAME[i]}): {@code ([0]="0" [1]="141")}; null for a
   * plain variable.
   */
  private static String array(Interpreter sh, String name) {
    if (sh.var(name + "[0]") == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder("(");
    String v;
    for (int i = 0; (v = sh.var(name + "[" + i + "]")) != null; i++) {
      sb.append(i == 0 ? "" : " ").append('[').append(i).append("]=\"");
      for (char c : v.toCharArray()) {
        if (c == '"' || c == '\\' || c == '$' || c == '`') {
          sb.append('\\');
        }
        sb.append(c);
      }
      sb.append('"');
    }
    return sb.append(')').toString();
  }

  private static boolean plain(String s) {
    return !s.isEmpty() && s.matches("[A-Za-z0-9_./:=,%+@-]+");
  }

  /** bash's quoting of a word that needs it: {@code 'a b'}, {@code ''}, {@code 'it'\''s'}. */
  private static String quoted(String s) {
    return plain(s) ? s : singleQuoted(s, Dialect.BASH);
  }

  private static String traceQuoted(String s) {
    return plain(s) ? s : singleQuoted(s, Dialect.ASH);
  }

  /** ash's and dash's {@code set} listing: every value single-quoted. */
  private static String ashQuoted(String s) {
    return singleQuoted(s, Dialect.ASH);
  }

  /**
   * {@code s} in single quotes as the shell writes it back ({@code set}, {@code set -x}, {@code
   * trap}): a quote inside is {@code '\''} in bash, {@code '"'"'} in ash and dash.
   */
  static String singleQuoted(String s, Dialect dialect) {
    return "'" + s.replace("'", dialect == Dialect.BASH ? "'\\''" : "'\"'\"'") + "'";
  }
}
