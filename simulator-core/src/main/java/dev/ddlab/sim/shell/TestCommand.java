package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.Paths;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code test} and {@code [}: POSIX's rules by argument count (so {@code [ "$x" = "" ]} works
 * whatever {@code $x} holds), then {@code !}, {@code -a}, {@code -o} and parentheses for longer
 * expressions. String, integer and file tests; errors as bash or busybox print them, status 2.
 */
final class TestCommand {
  private static final Set<String> UNARY =
      Set.of(
          "-e", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h", "-z", "-n", "-b", "-c", "-p", "-S");
  private static final Set<String> BINARY =
      Set.of("=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge");

  /** A malformed expression; the message follows the shell's name. */
  private static final class Bad extends RuntimeException {
    Bad(String message) {
      super(message);
    }
  }

  private final boolean bash;
  private final FileSystem fs;
  private final String cwd;
  private final List<String> args;
  private int pos;

  private TestCommand(boolean bash, FileSystem fs, String cwd, List<String> args) {
    this.bash = bash;
    this.fs = fs;
    this.cwd = cwd;
    this.args = args;
  }

  static void install(Interpreter sh) {
    sh.builtin("test", (s, a, io) -> builtin(s, "test", a, io));
    sh.builtin("[", (s, a, io) -> builtin(s, "[", a, io));
  }

  /** The shells' builtins: bash says {@code bash: test: …}, ash and dash {@code sh: …}. */
  private static int builtin(Interpreter sh, String command, List<String> args, Io io) {
    boolean bash = sh.dialect() == Dialect.BASH;
    String prefix = ErrorPlace.name(sh) + ": " + (bash ? command + ": " : "");
    String missing = bash ? "missing `]'" : "missing ]";
    return run(bash, sh.runtime().fs(), sh.runtime().cwd(), command, args, io, prefix, missing);
  }

  /**
   * The programs {@code /usr/bin/test} and {@code /usr/bin/[}: busybox's applets (its wording,
   * prefixed by the applet's name) or coreutils' (bash's wording).
   */
  static Tool program(String command) {
    return (c, a) -> {
      boolean busybox = c.busybox();
      String missing = busybox ? "missing ]" : "missing ']'";
      return run(!busybox, c.fs(), c.cwd(), command, a, c.io(), command + ": ", missing);
    };
  }

  private static int run(
      boolean bash,
      FileSystem fs,
      String cwd,
      String command,
      List<String> args,
      Io io,
      String prefix,
      String missing) {
    if (command.equals("[")) {
      if (args.isEmpty() || !args.get(args.size() - 1).equals("]")) {
        io.errln(prefix + missing);
        return 2;
      }
      args = args.subList(0, args.size() - 1);
    }
    try {
      return new TestCommand(bash, fs, cwd, args).evaluate() ? 0 : 1;
    } catch (Bad e) {
      io.errln(prefix + e.getMessage());
      return 2;
    }
  }

  private boolean evaluate() {
    int n = args.size();
    switch (n) {
      case 0:
        return false;
      case 1:
        return !args.get(0).isEmpty();
      case 2:
        if (args.get(0).equals("!")) {
          return args.get(1).isEmpty();
        }
        if (UNARY.contains(args.get(0))) {
          return unary(args.get(0), args.get(1));
        }
        throw new Bad(
            bash() ? args.get(0) + ": unary operator expected" : args.get(0) + ": unknown operand");
      case 3:
        if (BINARY.contains(args.get(1))) {
          return binary(args.get(0), args.get(1), args.get(2));
        }
        if (args.get(1).equals("-a") || args.get(1).equals("-o")) {
          break;
        }
        if (args.get(0).equals("!")) {
          return !new TestCommand(bash, fs, cwd, args.subList(1, 3)).evaluate();
        }
        if (args.get(0).equals("(") && args.get(2).equals(")")) {
          return !args.get(1).isEmpty();
        }
        throw new Bad(
            bash()
                ? args.get(1) + ": binary operator expected"
                : args.get(1) + ": unknown operand");
      case 4:
        if (args.get(0).equals("!")) {
          return !new TestCommand(bash, fs, cwd, args.subList(1, 4)).evaluate();
        }
        if (args.get(0).equals("(") && args.get(3).equals(")")) {
          return new TestCommand(bash, fs, cwd, args.subList(1, 3)).evaluate();
        }
        break;
      default:
        break;
    }
    boolean v = or();
    if (pos < args.size()) {
      throw new Bad(bash() ? "too many arguments" : args.get(pos) + ": unknown operand");
    }
    return v;
  }

  // ---- the general grammar: or := and (-o and)*; and := not (-a not)*; not := ! not | primary
  // ----

  private boolean or() {
    boolean v = and();
    while (pos < args.size() && args.get(pos).equals("-o")) {
      pos++;
      v |= and();
    }
    return v;
  }

  private boolean and() {
    boolean v = not();
    while (pos < args.size() && args.get(pos).equals("-a")) {
      pos++;
      v &= not();
    }
    return v;
  }

  private boolean not() {
    if (pos < args.size() && args.get(pos).equals("!")) {
      pos++;
      return !not();
    }
    return primary();
  }

  private boolean primary() {
    if (pos >= args.size()) {
      throw new Bad("argument expected");
    }
    String a = args.get(pos);
    if (a.equals("(")) {
      pos++;
      boolean v = or();
      if (pos >= args.size() || !args.get(pos).equals(")")) {
        throw new Bad(bash() ? "`)' expected" : "missing )");
      }
      pos++;
      return v;
    }
    if (UNARY.contains(a) && pos + 1 < args.size()) {
      pos += 2;
      return unary(a, args.get(pos - 1));
    }
    if (pos + 2 < args.size() && BINARY.contains(args.get(pos + 1))) {
      pos += 3;
      return binary(a, args.get(pos - 2), args.get(pos - 1));
    }
    pos++;
    return !a.isEmpty();
  }

  // ---- primaries
  // ----------------------------------------------------------------------------------

  private boolean unary(String op, String operand) {
    if (op.equals("-z")) {
      return operand.isEmpty();
    }
    if (op.equals("-n")) {
      return !operand.isEmpty();
    }
    return file(fs, cwd, op, operand);
  }

  /** A file test ({@code -e}, {@code -f}, {@code -d}, {@code -x} …), for test and for [[ ]]. */
  static boolean file(FileSystem fs, String cwd, String op, String operand) {
    String path = Paths.resolve(cwd, operand);
    if (operand.isEmpty()) {
      return false;
    }
    if (op.equals("-L") || op.equals("-h")) {
      return fs.lstat(path).map(FileNode::isSymlink).orElse(false);
    }
    Optional<FileNode> node = fs.stat(path);
    if (node.isEmpty()) {
      return false;
    }
    FileNode f = node.get();
    return switch (op) {
      case "-f" -> f.isFile();
      case "-d" -> f.isDirectory();
      case "-s" -> f.size() > 0 || f.isDirectory();
      case "-x" -> f.isDirectory() || (f.mode() & 0111) != 0;
      case "-b", "-c", "-p", "-S", "-t" -> false; // no device nodes, pipes or sockets in the tree
      default -> true; // -e, -a, -r, -w
    };
  }

  private boolean binary(String left, String op, String right) {
    switch (op) {
      case "=", "==" -> {
        return left.equals(right);
      }
      case "!=" -> {
        return !left.equals(right);
      }
      default -> {
        return compare(integer(left), op, integer(right));
      }
    }
  }

  /** An integer comparison of test(1) and [[ ]]: -eq, -ne, -lt, -le, -gt, -ge. */
  static boolean compare(long a, String op, long b) {
    return switch (op) {
      case "-eq" -> a == b;
      case "-ne" -> a != b;
      case "-lt" -> a < b;
      case "-le" -> a <= b;
      case "-gt" -> a > b;
      default -> a >= b;
    };
  }

  private long integer(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      throw new Bad(bash() ? s + ": integer expression expected" : s + ": bad number");
    }
  }

  private boolean bash() {
    return bash;
  }
}
