package dev.ddlab.sim.runtime.programs;

import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * python3 running the course's small scripts. A Flask app ({@code Flask(__name__)}, {@code
 * app.run(host=…, port=…)}) is served by {@link Flask}; a console script pip wrote ({@code from
 * flask.cli import main}: {@code flask run}) runs Flask's command line; {@code -c CODE} and other
 * scripts print their {@code print("…")} lines. As PID 1 python installs no SIGTERM handler (SIGINT
 * is KeyboardInterrupt), so {@code docker stop} waits for the timeout; with {@code debug=True}
 * Werkzeug's reloader runs the app and turns SIGTERM into a clean exit 0, as the course shows. The
 * version is the image's {@code PYTHON_VERSION}.
 */
public final class Python implements Program {
  private boolean reloader;

  private static final String DEFAULT_VERSION = "3.12.1";
  private static final Pattern RUN = Pattern.compile("\\.run\\(([^)]*)\\)");
  private static final Pattern PORT = Pattern.compile("port\\s*=\\s*(\\d{2,5})");
  private static final Pattern HOST = Pattern.compile("host\\s*=\\s*['\"]([^'\"]+)['\"]");
  private static final Pattern PRINT = Pattern.compile("(?m)^print\\(\\s*(['\"])(.*?)\\1\\s*\\)");
  private static final Pattern PRINT_ANYWHERE =
      Pattern.compile("(?:^|;)\\s*print\\(\\s*(['\"])((?:\\\\.|(?!\\1).)*)\\1\\s*\\)");

  static String version(Proc proc) {
    return proc.env().getOrDefault("PYTHON_VERSION", DEFAULT_VERSION);
  }

  @Override
  public void start(Proc proc) {
    var args = proc.argv();
    String version = version(proc);
    if (args.size() >= 2 && (args.get(1).equals("--version") || args.get(1).equals("-V"))) {
      proc.out("Python " + version + "\n");
      proc.exit(0);
      return;
    }
    if (args.size() >= 2 && args.get(1).equals("-c")) {
      if (args.size() < 3) {
        proc.err(
            "Argument expected for the -c option\n"
                + "usage: "
                + argv0(proc)
                + " [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
                + "Try `python -h' for more information.\n");
        proc.exit(2);
        return;
      }
      Matcher m = PRINT_ANYWHERE.matcher(args.get(2));
      while (m.find()) {
        proc.out(Flask.unescape(m.group(2)) + "\n");
      }
      proc.exit(0);
      return;
    }
    if (args.size() >= 3 && args.get(1).equals("-m") && args.get(2).equals("flask")) {
      reloader = FlaskCli.run(proc, version, args.subList(3, args.size()), "python -m flask");
      return;
    }
    if (args.size() < 2) {
      if (proc.tty()) {
        proc.out(
            "Python "
                + version
                + " (main, Dec  9 2023, 00:00:00) [GCC 13.2.1 20231014] on linux\n"
                + "Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n");
      }
      return;
    }
    String script = Paths.resolve(proc.cwd(), args.get(1));
    String source;
    try {
      source = Web.text(proc.fs().read(script));
    } catch (FsException e) {
      proc.err(
          argv0(proc)
              + ": can't open file '"
              + script
              + "': [Errno 2] No such file or directory\n");
      proc.exit(2);
      return;
    }
    if (FlaskCli.isConsoleScript(source)) {
      reloader = FlaskCli.run(proc, version, args.subList(2, args.size()), Paths.name(script));
      return;
    }
    if (source.contains("Flask(")) {
      flask(proc, script, source, version);
      return;
    }
    Matcher m = PRINT.matcher(source);
    while (m.find()) {
      proc.out(Flask.unescape(m.group(2)) + "\n");
    }
    proc.exit(0);
  }

  private static String argv0(Proc proc) {
    String a = proc.argv().get(0);
    return a.substring(a.lastIndexOf('/') + 1);
  }

  /** {@code python app.py}: the app's own {@code app.run(…)} (Werkzeug's defaults without one). */
  private void flask(Proc proc, String script, String source, String version) {
    int port = 5000;
    String host = "127.0.0.1";
    boolean debug = false;
    Matcher run = RUN.matcher(source);
    if (run.find()) {
      Matcher p = PORT.matcher(run.group(1));
      if (p.find()) {
        port = Integer.parseInt(p.group(1));
      }
      Matcher h = HOST.matcher(run.group(1));
      if (h.find()) {
        host = h.group(1);
      }
      debug = run.group(1).replace(" ", "").contains("debug=True");
    }
    reloader = debug;
    String name = Paths.name(script).replaceFirst("\\.py$", "");
    new Flask(script, source, version).serve(proc, name, host, port, debug);
  }

  @Override
  public void signal(Proc proc, dev.ddlab.sim.runtime.Signal signal) {
    if (signal == dev.ddlab.sim.runtime.Signal.SIGINT) {
      proc.exit(130);
    } else if (signal == dev.ddlab.sim.runtime.Signal.SIGTERM && reloader) {
      proc.exit(0);
    } else {
      Program.super.signal(proc, signal);
    }
  }
}
