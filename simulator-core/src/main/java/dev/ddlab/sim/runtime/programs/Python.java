package dev.ddlab.sim.runtime.programs;

import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.NetException;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * python3 running the course's small scripts. A Flask app (the Compose chapter's counter: {@code
 * Flask(__name__)}, {@code app.run(host=…, port=…)}) serves HTTP with Werkzeug's banner and request
 * log on stderr; when it holds a {@code redis.Redis(host=…, port=…)} client, each page view sends
 * {@code INCR key} to that Redis by name over the container's network, and the page is the app's
 * {@code templates/index.html} with {@code {{ count }}} filled in. Other scripts print their {@code
 * print("…")} lines. As PID 1 python installs no SIGTERM handler (SIGINT is KeyboardInterrupt), so
 * {@code docker stop} waits for the timeout; with {@code debug=True} Werkzeug's reloader runs the
 * app and turns SIGTERM into a clean exit 0, as the course shows.
 */
public final class Python implements Program {
  private boolean reloader;

  private static final String VERSION = "3.12.1";
  private static final Pattern RUN = Pattern.compile("\\.run\\(([^)]*)\\)");
  private static final Pattern PORT = Pattern.compile("port\\s*=\\s*(\\d{2,5})");
  private static final Pattern REDIS =
      Pattern.compile(
          "redis\\.(?:Strict)?Redis\\(\\s*host\\s*=\\s*['\"]([^'\"]+)['\"]\\s*(?:,\\s*port\\s*=\\s*(\\d+))?");
  private static final Pattern INCR = Pattern.compile("\\.incr\\(\\s*['\"]([^'\"]+)['\"]");
  private static final Pattern FORMAT_RETURN =
      Pattern.compile("return\\s+(['\"])(.*?)\\1\\.format\\(");
  private static final Pattern PRINT = Pattern.compile("(?m)^print\\(\\s*(['\"])(.*?)\\1\\s*\\)");
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy HH:mm:ss", Locale.ROOT);

  @Override
  public void start(Proc proc) {
    var args = proc.argv();
    if (args.size() >= 2 && (args.get(1).equals("--version") || args.get(1).equals("-V"))) {
      proc.out("Python " + VERSION + "\n");
      proc.exit(0);
      return;
    }
    if (args.size() < 2) {
      if (proc.tty()) {
        proc.out(
            "Python "
                + VERSION
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
    if (source.contains("Flask(")) {
      flask(proc, script, source);
      return;
    }
    Matcher m = PRINT.matcher(source);
    while (m.find()) {
      proc.out(m.group(2) + "\n");
    }
    proc.exit(0);
  }

  private static String argv0(Proc proc) {
    String a = proc.argv().get(0);
    return a.substring(a.lastIndexOf('/') + 1);
  }

  private void flask(Proc proc, String script, String source) {
    int port = 5000;
    boolean debug = false;
    Matcher run = RUN.matcher(source);
    if (run.find()) {
      Matcher p = PORT.matcher(run.group(1));
      if (p.find()) {
        port = Integer.parseInt(p.group(1));
      }
      debug = run.group(1).replace(" ", "").contains("debug=True");
    }
    String name = Paths.name(script).replaceFirst("\\.py$", "");
    StringBuilder banner = new StringBuilder();
    banner.append(" * Serving Flask app '").append(name).append("'\n");
    banner.append(" * Debug mode: ").append(debug ? "on" : "off").append('\n');
    banner.append(
        "WARNING: This is a development server. Do not use it in a production deployment. Use a"
            + " production WSGI server instead.\n");
    banner.append(" * Running on all addresses (0.0.0.0)\n");
    banner.append(" * Running on http://127.0.0.1:").append(port).append('\n');
    banner.append("Press CTRL+C to quit\n");
    reloader = debug;
    if (debug) {
      banner.append(" * Restarting with stat\n");
      banner.append(" * Debugger is active!\n");
      banner.append(" * Debugger PIN: ").append(pin(proc)).append('\n');
    }
    proc.err(banner.toString());
    Matcher redis = REDIS.matcher(source);
    String redisHost = null;
    int redisPort = 6379;
    if (redis.find()) {
      redisHost = redis.group(1);
      if (redis.group(2) != null) {
        redisPort = Integer.parseInt(redis.group(2));
      }
    }
    Matcher incr = INCR.matcher(source);
    String key = incr.find() ? incr.group(1) : "hits";
    String dir = Paths.parent(script);
    String host = redisHost;
    int rport = redisPort;
    proc.listen(
        port,
        request -> page(proc, request, source, dir, host, rport, key),
        List.of("0.0.0.0"),
        5); // socketserver's request_queue_size
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

  private static String pin(Proc proc) {
    int a = proc.random().nextInt(1000);
    int b = proc.random().nextInt(1000);
    int c = proc.random().nextInt(1000);
    return String.format(Locale.ROOT, "%03d-%03d-%03d", a, b, c);
  }

  private HttpResponse page(
      Proc proc,
      HttpRequest request,
      String source,
      String dir,
      String redisHost,
      int redisPort,
      String key) {
    String path = request.path();
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    HttpResponse response;
    if (path.startsWith("/static/")) {
      byte[] file = Web.file(proc.fs(), dir, path);
      response =
          file == null
              ? notFound()
              : HttpResponse.of(
                  200,
                  "OK",
                  "Werkzeug/3.0.1 Python/" + VERSION,
                  Web.contentType(path),
                  Web.text(file));
    } else if (!path.equals("/")) {
      response = notFound();
    } else {
      response = index(proc, source, dir, redisHost, redisPort, key);
    }
    log(proc, request, path, response.status());
    return response;
  }

  private HttpResponse index(
      Proc proc, String source, String dir, String redisHost, int redisPort, String key) {
    String count = "";
    if (redisHost != null) {
      try {
        HttpResponse r =
            proc.http(redisHost, redisPort, new HttpRequest("INCR", key, Map.of(), "", ""));
        count = r.body().replaceFirst("^:", "").strip();
      } catch (NetException e) {
        proc.err(
            "["
                + time(proc)
                + "] ERROR in app: Exception on / [GET]\n"
                + "Traceback (most recent call last):\n"
                + "redis.exceptions.ConnectionError: Error -2 connecting to "
                + redisHost
                + ":"
                + redisPort
                + ". Name does not resolve.\n");
        return HttpResponse.of(
            500,
            "INTERNAL SERVER ERROR",
            "Werkzeug/3.0.1 Python/" + VERSION,
            "text/html; charset=utf-8",
            "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"
                + "<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and"
                + " was unable to complete your request. Either the server is overloaded or there"
                + " is an error in the application.</p>\n");
      }
    }
    String body;
    if (source.contains("render_template")) {
      byte[] t = Web.file(proc.fs(), dir + "/templates", "/index.html");
      if (t == null) {
        proc.err("jinja2.exceptions.TemplateNotFound: index.html\n");
        return HttpResponse.of(
            500,
            "INTERNAL SERVER ERROR",
            "Werkzeug/3.0.1 Python/" + VERSION,
            "text/html; charset=utf-8",
            "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n");
      }
      body = Web.text(t).replaceAll("\\{\\{\\s*count\\s*\\}\\}", count);
    } else {
      Matcher f = FORMAT_RETURN.matcher(source);
      body = f.find() ? f.group(2).replace("{}", count) : "Hello World!";
    }
    return HttpResponse.of(
        200, "OK", "Werkzeug/3.0.1 Python/" + VERSION, "text/html; charset=utf-8", body);
  }

  private static HttpResponse notFound() {
    return HttpResponse.of(
        404,
        "NOT FOUND",
        "Werkzeug/3.0.1 Python/" + VERSION,
        "text/html; charset=utf-8",
        "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The"
            + " requested URL was not found on the server. If you entered the URL manually please"
            + " check your spelling and try again.</p>\n");
  }

  private static String time(Proc proc) {
    return Web.utc(proc.clock().nowNanos())
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS", Locale.ROOT));
  }

  private static void log(Proc proc, HttpRequest request, String path, int status) {
    String from =
        request.remoteAddr() == null || request.remoteAddr().isEmpty()
            ? "127.0.0.1"
            : request.remoteAddr();
    proc.err(
        from
            + " - - ["
            + LOG_TIME.format(Web.utc(proc.clock().nowNanos()))
            + "] \""
            + request.method()
            + " "
            + request.path()
            + " HTTP/1.1\" "
            + status
            + " -\n");
  }
}
