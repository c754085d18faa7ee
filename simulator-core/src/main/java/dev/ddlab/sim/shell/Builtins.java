package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The builtins bash, ash and dash share: cd, pwd, echo, export, unset, exit, true, false, type,
 * jobs, and for functions local, return and shift. Errors are worded per dialect; in ash and dash
 * an error of a special builtin ends a non-interactive shell, as POSIX says.
 */
final class Builtins {
  private Builtins() {}

  static void installCommon(Interpreter sh) {
    sh.builtin("cd", Builtins::cd);
    sh.builtin("pwd", (s, a, io) -> pwd(s, io));
    sh.builtin("echo", (s, a, io) -> echo(a, io));
    sh.builtin("export", Builtins::export);
    sh.builtin("unset", Builtins::unset);
    sh.builtin("local", Builtins::local);
    sh.builtin("return", Builtins::doReturn);
    sh.builtin("shift", Builtins::shift);
    sh.builtin("exit", Builtins::exit);
    sh.builtin("true", (s, a, io) -> 0);
    sh.builtin(":", (s, a, io) -> 0);
    sh.builtin("false", (s, a, io) -> 1);
    sh.builtin("type", Builtins::type);
    sh.builtin("jobs", Builtins::jobs);
    sh.builtin("ulimit", UlimitBuiltin::run);
    sh.builtin("printf", Printf::run);
  }

  static int cd(Interpreter sh, List<String> args, Io io) {
    String target;
    boolean print = false;
    if (args.isEmpty() || args.get(0).equals("~")) {
      target = sh.var("HOME");
      if (target == null) {
        io.errln(ErrorPlace.name(sh) + ": cd: HOME not set");
        return 1;
      }
    } else if (args.get(0).equals("-")) {
      target = sh.var("OLDPWD");
      if (target == null) {
        io.errln(ErrorPlace.name(sh) + ": cd: OLDPWD not set");
        return 1;
      }
      print = true;
    } else {
      if (args.size() > 1 && sh.dialect() == Dialect.BASH) {
        io.errln(ErrorPlace.name(sh) + ": cd: too many arguments");
        return 1;
      }
      target = args.get(0);
    }
    String path = Paths.resolve(sh.runtime().cwd(), target);
    Optional<FileNode> node = sh.runtime().fs().stat(path);
    if (node.isEmpty() || !node.get().isDirectory()) {
      String reason = node.isEmpty() ? "No such file or directory" : "Not a directory";
      // busybox ash and dash fail the way their error routine does, with status 2
      io.errln(
          switch (sh.dialect()) {
            case ASH ->
                ErrorPlace.name(sh)
                    + ": cd: "
                    + ErrorPlace.ash(sh)
                    + "can't cd to "
                    + target
                    + ": "
                    + reason;
            case DASH ->
                ErrorPlace.name(sh) + ": " + ErrorPlace.dash(sh) + ": cd: can't cd to " + target;
            case BASH -> ErrorPlace.name(sh) + ": cd: " + target + ": " + reason;
          });
      return sh.dialect() == Dialect.BASH ? 1 : 2;
    }
    sh.setVar("OLDPWD", sh.runtime().cwd());
    sh.export("OLDPWD");
    sh.runtime().cwd(path);
    sh.setVar("PWD", path);
    if (print) {
      io.println(path);
    }
    return 0;
  }

  static int pwd(Interpreter sh, Io io) {
    io.println(sh.runtime().cwd());
    return 0;
  }

  /** echo as bash and busybox do it: -n, -e, -E, combined as -ne; other words are text. */
  static int echo(List<String> args, Io io) {
    boolean newline = true;
    boolean escapes = false;
    int i = 0;
    while (i < args.size() && args.get(i).matches("-[neE]+")) {
      for (char c : args.get(i).substring(1).toCharArray()) {
        if (c == 'n') {
          newline = false;
        } else if (c == 'e') {
          escapes = true;
        } else {
          escapes = false;
        }
      }
      i++;
    }
    String text = String.join(" ", args.subList(i, args.size()));
    if (escapes) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < text.length(); k++) {
        char c = text.charAt(k);
        if (c != '\\' || k + 1 >= text.length()) {
          sb.append(c);
          continue;
        }
        if (text.charAt(k + 1) == 'c') {
          io.out().accept(sb.toString());
          return 0;
        }
        k = Printf.escape(text, k, sb, true);
      }
      text = sb.toString();
    }
    io.out().accept(newline ? text + "\n" : text);
    return 0;
  }

  static int export(Interpreter sh, List<String> args, Io io) {
    if (args.isEmpty() || args.get(0).equals("-p")) {
      // sorted by name in every shell (ash's showvars sorts)
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(sh.environment()).entrySet()) {
        io.println(
            sh.dialect() == Dialect.BASH
                ? "declare -x " + e.getKey() + "=\"" + e.getValue() + "\""
                : "export " + e.getKey() + "='" + e.getValue() + "'");
      }
      return 0;
    }
    int status = 0;
    for (String a : args) {
      int eq = a.indexOf('=');
      String key = eq < 0 ? a : a.substring(0, eq);
      if (!Parser.isName(key)) {
        io.errln(
            sh.dialect() == Dialect.BASH
                ? ErrorPlace.name(sh) + ": export: `" + a + "': not a valid identifier"
                : ErrorPlace.name(sh) + ": export: bad variable name");
        status = 1;
        continue;
      }
      if (eq >= 0) {
        sh.setVar(key, a.substring(eq + 1));
      }
      sh.export(key);
    }
    return status;
  }

  /**
   * {@code unset [-f|-v] NAME…}: a variable, or with {@code -f} a function; without an option a
   * name that is no variable unsets the function of that name, as bash does.
   */
  static int unset(Interpreter sh, List<String> args, Io io) {
    boolean functions = false;
    boolean variables = false;
    int i = 0;
    for (; i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1; i++) {
      functions |= args.get(i).contains("f");
      variables |= args.get(i).contains("v");
    }
    int status = 0;
    for (String a : args.subList(i, args.size())) {
      if (functions) {
        sh.unsetFunction(a);
        continue;
      }
      if (!Parser.isName(a)) {
        if (sh.dialect() != Dialect.BASH) {
          io.errln(prefix(sh, "unset") + a + ": bad variable name");
          return specialError(sh, 2);
        }
        if (variables) {
          io.errln(ErrorPlace.name(sh) + ": unset: `" + a + "': not a valid identifier");
          status = 1;
        }
        continue;
      }
      if (sh.var(a) == null && !variables) {
        sh.unsetFunction(a);
      }
      sh.unset(a);
    }
    return status;
  }

  /** "bash: local: ", "sh: local: ", dash's "sh: 1: local: ". */
  static String prefix(Interpreter sh, String builtin) {
    return ErrorPlace.name(sh)
        + ": "
        + (sh.dialect() == Dialect.DASH ? ErrorPlace.dash(sh) + ": " : "")
        + builtin
        + ": ";
  }

  /**
   * An error of one of POSIX's special builtins (export, unset, shift, set, trap …): ash and dash
   * end a shell that is not interactive; bash goes on.
   */
  static int specialError(Interpreter sh, int status) {
    if (sh.dialect() != Dialect.BASH && !sh.interactive()) {
      sh.abort(status);
    }
    return status;
  }

  /** {@code local NAME[=VALUE]…} inside a function. */
  static int local(Interpreter sh, List<String> args, Io io) {
    if (!sh.inFunction()) {
      if (sh.dialect() == Dialect.BASH) {
        io.errln(ErrorPlace.name(sh) + ": local: can only be used in a function");
        return 1;
      }
      io.errln(prefix(sh, "local") + "not in a function");
      return specialError(sh, 2);
    }
    int status = 0;
    for (String a : args) {
      if (a.startsWith("-")) {
        continue;
      }
      int eq = a.indexOf('=');
      String key = eq < 0 ? a : a.substring(0, eq);
      if (!Parser.isName(key)) {
        if (sh.dialect() == Dialect.BASH) {
          io.errln(ErrorPlace.name(sh) + ": local: `" + a + "': not a valid identifier");
          status = 1;
          continue;
        }
        io.errln(prefix(sh, "local") + key + ": bad variable name");
        return specialError(sh, 2);
      }
      sh.makeLocal(key);
      if (eq >= 0) {
        sh.setVar(key, a.substring(eq + 1));
      }
    }
    return status;
  }

  /**
   * {@code return [N]}: ends the running function with N (default: the last status). Outside a
   * function bash refuses; ash and dash end the shell as {@code exit} would.
   */
  static int doReturn(Interpreter sh, List<String> args, Io io) {
    int status = statusArgument(sh, "return", args, io);
    if (sh.inFunction()) {
      sh.returnFromFunction(status);
      return status;
    }
    if (sh.dialect() == Dialect.BASH) {
      io.errln(
          ErrorPlace.name(sh) + ": return: can only `return' from a function or sourced script");
      return 1;
    }
    return exit(sh, List.of(String.valueOf(status)), io);
  }

  /** {@code shift [N]}: drops the first N positional parameters. */
  static int shift(Interpreter sh, List<String> args, Io io) {
    int n = 1;
    if (!args.isEmpty()) {
      try {
        n = Integer.parseInt(args.get(0));
      } catch (NumberFormatException e) {
        io.errln(
            sh.dialect() == Dialect.BASH
                ? ErrorPlace.name(sh) + ": shift: " + args.get(0) + ": numeric argument required"
                : prefix(sh, "shift") + "Illegal number: " + args.get(0));
        return specialError(sh, sh.dialect() == Dialect.BASH ? 1 : 2);
      }
    }
    List<String> params = sh.positional();
    if (n < 0 || n > params.size()) {
      if (sh.dialect() == Dialect.DASH) {
        io.errln(prefix(sh, "shift") + "can't shift that many");
        return specialError(sh, 2);
      }
      return 1;
    }
    sh.positional(params.subList(n, params.size()));
    return 0;
  }

  /**
   * The status argument of {@code exit} and {@code return} (the last status when absent), modulo
   * 256; a word that is no number is status 2 with the shell's own complaint (dash names the line).
   */
  private static int statusArgument(Interpreter sh, String builtin, List<String> args, Io io) {
    if (args.isEmpty()) {
      return sh.lastStatus();
    }
    try {
      return Integer.parseInt(args.get(0)) & 0xff;
    } catch (NumberFormatException e) {
      io.errln(
          sh.dialect() == Dialect.BASH
              ? ErrorPlace.name(sh)
                  + ": "
                  + builtin
                  + ": "
                  + args.get(0)
                  + ": numeric argument required"
              : prefix(sh, builtin) + "Illegal number: " + args.get(0));
      return 2;
    }
  }

  static int exit(Interpreter sh, List<String> args, Io io) {
    int status = statusArgument(sh, "exit", args, io);
    sh.exitShell(status); // ( exit 3 ) ends only the subshell
    return status;
  }

  static int type(Interpreter sh, List<String> args, Io io) {
    int status = 0;
    for (String a : args) {
      Ast.FunctionDef fn = sh.function(a);
      if (fn != null) {
        io.println(a + (sh.dialect() == Dialect.DASH ? " is a shell function" : " is a function"));
        if (sh.dialect() == Dialect.BASH) {
          io.out().accept(FunctionText.of(fn));
        }
      } else if (sh.isBuiltin(a)) {
        io.println(a + " is a shell builtin");
      } else if (sh.runtime().has(a)) {
        String where = sh.runtime() instanceof PathLookup p ? p.which(a) : a;
        io.println(a + " is " + where);
      } else {
        io.errln(
            sh.dialect() == Dialect.BASH
                ? ErrorPlace.name(sh) + ": type: " + a + ": not found"
                : a + ": not found");
        status = 1;
      }
    }
    return status;
  }

  static int jobs(Interpreter sh, List<String> args, Io io) {
    List<Interpreter.Job> jobs = sh.jobTable().list();
    if (args.contains("-p")) {
      // the process IDs alone: bash lists the jobs in order, ash (and dash, its descendant) the
      // most recent first
      for (int i = 0; i < jobs.size(); i++) {
        int k = sh.dialect() == Dialect.BASH ? i : jobs.size() - 1 - i;
        io.println(Integer.toString(jobs.get(k).pid()));
      }
      return 0;
    }
    for (int i = 0; i < jobs.size(); i++) {
      Interpreter.Job j = jobs.get(i);
      String mark = i == jobs.size() - 1 ? "+" : i == jobs.size() - 2 ? "-" : " ";
      io.println(String.format("[%d]%s  %-24s%s &", j.number(), mark, "Running", j.command()));
    }
    return 0;
  }

  /** Runtimes that find commands on $PATH say where ({@code type ls} → /usr/bin/ls). */
  interface PathLookup {
    String which(String command);
  }
}
