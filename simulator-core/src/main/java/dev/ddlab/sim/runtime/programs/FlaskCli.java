package dev.ddlab.sim.runtime.programs;

import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.runtime.Proc;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Flask 3.0's command line, the {@code flask} console script pip writes ({@code from flask.cli
 * import main}) and {@code python -m flask}: {@code flask --version} and {@code flask run} with
 * {@code --app}/{@code FLASK_APP} (a file or a module; without either it looks for wsgi.py, then
 * app.py, in the working directory), {@code --host}/{@code -h}/{@code FLASK_RUN_HOST} (default
 * 127.0.0.1), {@code --port}/{@code -p}/{@code FLASK_RUN_PORT} (default 5000) and {@code
 * --debug}/{@code FLASK_DEBUG} (the reloader and debugger). Errors are click's: usage, a blank
 * line, "Error: …", exit 2. Docker's Compose quickstart runs {@code CMD ["flask", "run",
 * "--debug"]} with {@code FLASK_RUN_HOST=0.0.0.0}.
 */
final class FlaskCli {
  private FlaskCli() {}

  static final String FLASK_VERSION = "3.0.0";
  private static final Set<String> TRUE = Set.of("1", "true", "t", "yes", "y", "on");

  /** Whether a script's text is the console script pip installs for Flask. */
  static boolean isConsoleScript(String source) {
    return source.contains("from flask.cli import main");
  }

  /**
   * Runs {@code flask ARGS}; returns whether the server runs under Werkzeug's reloader (debug),
   * which turns SIGTERM into exit 0.
   */
  static boolean run(Proc proc, String pythonVersion, List<String> args, String prog) {
    String app = proc.env().get("FLASK_APP");
    Boolean debug = null;
    int i = 0;
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--version")) {
        proc.out(
            "Python "
                + pythonVersion
                + "\nFlask "
                + FLASK_VERSION
                + "\nWerkzeug "
                + Flask.SERVER.substring("Werkzeug/".length(), Flask.SERVER.indexOf(' '))
                + "\n");
        proc.exit(0);
        return false;
      } else if ((a.equals("--app") || a.equals("-A")) && i + 1 < args.size()) {
        app = args.get(++i);
      } else if (a.startsWith("--app=")) {
        app = a.substring("--app=".length());
      } else if (a.equals("--debug")) {
        debug = true;
      } else if (a.equals("--no-debug")) {
        debug = false;
      } else if (a.startsWith("-")) {
        return usage(proc, prog, null, "No such option: " + a);
      } else {
        break;
      }
    }
    if (i == args.size()) {
      proc.err(prog + ": 'flask' without a command is not simulated by ddlab\n");
      proc.exit(126);
      return false;
    }
    String command = args.get(i);
    if (!command.equals("run")) {
      if (command.equals("routes") || command.equals("shell")) {
        proc.err(prog + ": 'flask " + command + "' is not simulated by ddlab\n");
        proc.exit(126);
        return false;
      }
      return usage(proc, prog, null, "No such command '" + command + "'.");
    }
    String host = proc.env().getOrDefault("FLASK_RUN_HOST", "127.0.0.1");
    String port = proc.env().getOrDefault("FLASK_RUN_PORT", "5000");
    if (debug == null) {
      debug = TRUE.contains(proc.env().getOrDefault("FLASK_DEBUG", "").toLowerCase(Locale.ROOT));
    }
    for (i++; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals("--host") || a.equals("-h")) && i + 1 < args.size()) {
        host = args.get(++i);
      } else if (a.startsWith("--host=")) {
        host = a.substring("--host=".length());
      } else if ((a.equals("--port") || a.equals("-p")) && i + 1 < args.size()) {
        port = args.get(++i);
      } else if (a.startsWith("--port=")) {
        port = a.substring("--port=".length());
      } else if (a.equals("--debug")) {
        debug = true;
      } else if (a.equals("--no-debug")) {
        debug = false;
      } else if (a.equals("--reload") || a.equals("--no-reload")) {
        // the reloader follows debug in what the simulator shows
      } else {
        return usage(proc, prog, "run", "No such option: " + a);
      }
    }
    int portNumber;
    try {
      portNumber = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      return usage(
          proc,
          prog,
          "run",
          "Invalid value for '--port' / '-p': '" + port + "' is not a valid integer.");
    }
    String script;
    String shown = app;
    if (app == null) {
      script = null;
      for (String candidate : List.of("wsgi.py", "app.py")) {
        String p = Paths.resolve(proc.cwd(), candidate);
        if (proc.fs().exists(p)) {
          script = p;
          break;
        }
      }
      if (script == null) {
        return usage(
            proc,
            prog,
            "run",
            "Could not locate a Flask application. Use the 'flask --app' option, 'FLASK_APP'"
                + " environment variable, or a 'wsgi.py' or 'app.py' file in the current"
                + " directory.");
      }
    } else {
      String path = app.split(":(?![\\\\/])", 2)[0];
      String file = path.endsWith(".py") ? path : path.replace('.', '/') + ".py";
      script = Paths.resolve(proc.cwd(), file);
      if (!proc.fs().exists(script)) {
        return usage(
            proc, prog, "run", "Could not import '" + path.replaceFirst("\\.py$", "") + "'.");
      }
    }
    String source;
    try {
      source = Web.text(proc.fs().read(script));
    } catch (FsException e) {
      return usage(proc, prog, "run", "Could not import '" + Paths.name(script) + "'.");
    }
    if (!source.contains("Flask(")) {
      return usage(
          proc,
          prog,
          "run",
          "Failed to find Flask application or factory in module '"
              + Paths.name(script).replaceFirst("\\.py$", "")
              + "'. Use '--app "
              + Paths.name(script).replaceFirst("\\.py$", "")
              + ":name' to specify one.");
    }
    new Flask(script, source, pythonVersion).serve(proc, shown, host, portNumber, debug);
    return debug;
  }

  /** click's UsageError: the command's usage, where to find help, then the error; exit 2. */
  private static boolean usage(Proc proc, String prog, String command, String error) {
    String cmd = command == null ? prog : prog + " " + command;
    String usage =
        command == null
            ? "Usage: " + prog + " [OPTIONS] COMMAND [ARGS]..."
            : "Usage: " + cmd + " [OPTIONS]";
    proc.err(usage + "\nTry '" + cmd + " --help' for help.\n\nError: " + error + "\n");
    proc.exit(2);
    return false;
  }
}
