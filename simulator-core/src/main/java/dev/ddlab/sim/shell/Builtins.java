package dev.ddlab.sim.shell;

import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The builtins both bash and ash have: cd, pwd, echo, export, unset, exit, true, false, type … */
final class Builtins {
  private Builtins() {}

  static void installCommon(Interpreter sh) {
    sh.builtin("cd", Builtins::cd);
    sh.builtin("pwd", (s, a, io) -> pwd(s, io));
    sh.builtin("echo", (s, a, io) -> echo(a, io));
    sh.builtin("export", Builtins::export);
    sh.builtin("unset", (s, a, io) -> unset(s, a));
    sh.builtin("exit", Builtins::exit);
    sh.builtin("true", (s, a, io) -> 0);
    sh.builtin(":", (s, a, io) -> 0);
    sh.builtin("false", (s, a, io) -> 1);
    sh.builtin("type", Builtins::type);
    sh.builtin("jobs", Builtins::jobs);
  }

  static int cd(Interpreter sh, List<String> args, Io io) {
    String target;
    boolean print = false;
    if (args.isEmpty() || args.get(0).equals("~")) {
      target = sh.var("HOME");
      if (target == null) {
        io.errln(sh.name() + ": cd: HOME not set");
        return 1;
      }
    } else if (args.get(0).equals("-")) {
      target = sh.var("OLDPWD");
      if (target == null) {
        io.errln(sh.name() + ": cd: OLDPWD not set");
        return 1;
      }
      print = true;
    } else {
      if (args.size() > 1 && sh.dialect() == Dialect.BASH) {
        io.errln(sh.name() + ": cd: too many arguments");
        return 1;
      }
      target = args.get(0);
    }
    String path = Paths.resolve(sh.runtime().cwd(), target);
    Optional<FileNode> node = sh.runtime().fs().stat(path);
    if (node.isEmpty() || !node.get().isDirectory()) {
      String reason = node.isEmpty() ? "No such file or directory" : "Not a directory";
      io.errln(
          sh.dialect() == Dialect.ASH
              ? sh.name() + ": cd: can't cd to " + target + ": " + reason
              : sh.name() + ": cd: " + target + ": " + reason);
      return 1;
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
        char n = text.charAt(++k);
        switch (n) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case '\\' -> sb.append('\\');
          case 'a' -> sb.append('\007');
          case 'r' -> sb.append('\r');
          case 'e' -> sb.append('\033');
          case 'c' -> {
            io.out().accept(sb.toString());
            return 0;
          }
          default -> sb.append('\\').append(n);
        }
      }
      text = sb.toString();
    }
    io.out().accept(newline ? text + "\n" : text);
    return 0;
  }

  static int export(Interpreter sh, List<String> args, Io io) {
    if (args.isEmpty() || args.get(0).equals("-p")) {
      for (Map.Entry<String, String> e : sh.environment().entrySet()) {
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
                ? sh.name() + ": export: `" + a + "': not a valid identifier"
                : sh.name() + ": export: bad variable name");
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

  static int unset(Interpreter sh, List<String> args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        sh.unset(a);
      }
    }
    return 0;
  }

  static int exit(Interpreter sh, List<String> args, Io io) {
    int status = sh.lastStatus();
    if (!args.isEmpty()) {
      try {
        status = Integer.parseInt(args.get(0)) & 0xff;
      } catch (NumberFormatException e) {
        io.errln(
            sh.dialect() == Dialect.BASH
                ? sh.name() + ": exit: " + args.get(0) + ": numeric argument required"
                : sh.name() + ": exit: Illegal number: " + args.get(0));
        status = 2;
      }
    }
    sh.markExited(status);
    if (!sh.inSubshell()) {
      sh.runtime().exit(status); // ( exit 3 ) ends only the subshell
    }
    return status;
  }

  static int type(Interpreter sh, List<String> args, Io io) {
    int status = 0;
    for (String a : args) {
      if (sh.isBuiltin(a)) {
        io.println(a + " is a shell builtin");
      } else if (sh.runtime().has(a)) {
        String where = sh.runtime() instanceof PathLookup p ? p.which(a) : a;
        io.println(a + " is " + where);
      } else {
        io.errln(
            sh.dialect() == Dialect.BASH
                ? sh.name() + ": type: " + a + ": not found"
                : a + ": not found");
        status = 1;
      }
    }
    return status;
  }

  static int jobs(Interpreter sh, List<String> args, Io io) {
    List<Interpreter.Job> jobs = sh.jobs();
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
