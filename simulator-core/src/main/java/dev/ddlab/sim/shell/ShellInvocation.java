package dev.ddlab.sim.shell;

import java.util.List;

/**
 * A shell's command line, read as bash 5.2, busybox 1.35 ash (the private dockerd's) and dash
 * 0.5.12 read theirs: {@code [-+LETTERS] [-o NAME] [+o NAME] … [-c STRING [NAME [ARG…]] | SCRIPT
 * [ARG…]]}. Option letters and {@code -o} names go to a {@link ShellOptions} as {@code set} takes
 * them ({@code sh -e -c 'false; echo no'} exits 1, {@code bash -eu script.sh}); {@code -c} is a
 * flag whose string is the first word after the options ({@code sh -c -e 'CMD'}); {@code -i},
 * {@code -s} and {@code -l} are noted or accepted; bash's long options ({@code --login}, {@code
 * --norc} …) are accepted. A bad option is refused in the shell's words with status 2: bash's
 * {@code bash: -Q: invalid option} and its usage, dash's {@code sh: 0: Illegal option -Q},
 * busybox's {@code sh: illegal option -Q} (and for an unknown {@code -o NAME} busybox 1.35's {@code
 * sh: illegal option -o NAME}, then nothing run and status 0). The host's {@code bash}/{@code sh}
 * ({@link HostShells}) and a container's shell ({@link ShellProgram}) read their arguments here.
 */
final class ShellInvocation {
  /** bash's usage after a bad option on its command line, as bash 5.2.15 prints it. */
  static final String BASH_USAGE =
      "Usage:\tbash [GNU long option] [option] ...\n"
          + "\tbash [GNU long option] [option] script-file ...\n"
          + "GNU long options:\n"
          + "\t--debug\n\t--debugger\n\t--dump-po-strings\n\t--dump-strings\n\t--help\n"
          + "\t--init-file\n\t--login\n\t--noediting\n\t--noprofile\n\t--norc\n\t--posix\n"
          + "\t--pretty-print\n\t--rcfile\n\t--restricted\n\t--verbose\n\t--version\n"
          + "Shell options:\n"
          + "\t-ilrsD or -c command or -O shopt_option\t\t(invocation only)\n"
          + "\t-abefhkmnptuvxBCEHPT or -o option";

  private static final List<String> BASH_LONG =
      List.of(
          "--debug",
          "--debugger",
          "--dump-po-strings",
          "--dump-strings",
          "--help",
          "--login",
          "--noediting",
          "--noprofile",
          "--norc",
          "--posix",
          "--pretty-print",
          "--restricted",
          "--verbose",
          "--version");

  final ShellOptions options;

  /** The {@code -c} string, or null. */
  String command;

  /** The script's path (the first word after the options without {@code -c} or {@code -s}). */
  String script;

  /** {@code $0}: the word after a {@code -c} string, a script's path, else the shell's name. */
  String zero;

  /** The positional parameters. */
  List<String> params = List.of();

  /** {@code -i}. */
  boolean interactive;

  /** What the shell prints when it refuses its command line (no newline at the end), or null. */
  String error;

  /** The status it then exits with. */
  int status;

  private ShellInvocation(Dialect dialect) {
    this.options = new ShellOptions(dialect);
  }

  /**
   * Reads {@code args} (without the program's own name) for a shell of {@code dialect} called
   * {@code shell} ({@code sh}, {@code bash}: its messages and default {@code $0}).
   */
  static ShellInvocation read(Dialect dialect, String shell, List<String> args) {
    ShellInvocation inv = new ShellInvocation(dialect);
    inv.zero = shell;
    boolean c = false;
    boolean stdin = false;
    int i = 0;
    loop:
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--") || a.equals("-")) {
        i++;
        break;
      }
      if (a.startsWith("--")) {
        switch (dialect) {
          case BASH -> {
            if (a.equals("--rcfile") || a.equals("--init-file")) {
              i++; // takes a file
            } else if (!BASH_LONG.contains(a)) {
              return inv.refuse("bash: " + a + ": invalid option\n" + BASH_USAGE);
            }
          }
          case DASH -> {
            return inv.refuse(shell + ": 0: Illegal option --");
          }
          case ASH -> {} // busybox takes --login and ignores the others
        }
        continue;
      }
      if (a.length() < 2 || (a.charAt(0) != '-' && a.charAt(0) != '+')) {
        break;
      }
      boolean on = a.charAt(0) == '-';
      for (int k = 1; k < a.length(); k++) {
        char ch = a.charAt(k);
        if (ch == 'o') {
          if (i + 1 >= args.size()) {
            continue; // "-o" at the end: the shells list their options; nothing to set
          }
          String name = args.get(++i);
          if (!inv.options.named(name, on)) {
            return switch (dialect) {
              case BASH -> inv.refuse("bash: line 0: bash: " + name + ": invalid option name");
              case DASH -> inv.refuse(shell + ": 0: Illegal option -o " + name);
              case ASH -> {
                // busybox 1.35 says so and exits 0 without running anything
                inv.refuse(shell + ": illegal option " + (on ? "-o " : "+o ") + name);
                inv.status = 0;
                yield inv;
              }
            };
          }
        } else if (ch == 'c') {
          c = on;
        } else if (ch == 'l' || (dialect == Dialect.BASH && (ch == 'r' || ch == 'D'))) {
          // a login shell (no profile is read here), restricted, the strings to translate
        } else if (dialect == Dialect.BASH && ch == 'O') {
          i++; // a shopt option: accepted, not simulated
        } else if (dialect == Dialect.BASH && (ch == 'i' || ch == 's')) {
          inv.interactive |= ch == 'i' && on;
          stdin |= ch == 's' && on;
        } else if (inv.options.letter(ch, on, true)) {
          inv.interactive |= ch == 'i' && on;
          stdin |= ch == 's' && on;
        } else {
          String opt = (on ? "-" : "+") + ch;
          return switch (dialect) {
            case BASH -> inv.refuse("bash: " + opt + ": invalid option\n" + BASH_USAGE);
            case DASH -> inv.refuse(shell + ": 0: Illegal option -" + ch);
            case ASH -> inv.refuse(shell + ": illegal option " + opt);
          };
        }
        if (i >= args.size()) {
          break loop;
        }
      }
    }
    List<String> rest = i < args.size() ? List.copyOf(args.subList(i, args.size())) : List.of();
    if (c) {
      if (rest.isEmpty()) {
        return inv.refuse(
            switch (dialect) {
              case BASH -> "bash: -c: option requires an argument";
              case DASH -> shell + ": 0: -c requires an argument";
              case ASH -> shell + ": -c requires an argument";
            });
      }
      inv.command = rest.get(0);
      inv.zero = rest.size() > 1 ? rest.get(1) : shell;
      inv.params = rest.size() > 2 ? rest.subList(2, rest.size()) : List.of();
      inv.options.commandString(true);
    } else if (!stdin && !rest.isEmpty()) {
      inv.script = rest.get(0);
      inv.zero = inv.script;
      inv.params = rest.subList(1, rest.size());
    } else {
      inv.params = rest;
    }
    return inv;
  }

  private ShellInvocation refuse(String text) {
    error = text;
    status = 2;
    return this;
  }
}
