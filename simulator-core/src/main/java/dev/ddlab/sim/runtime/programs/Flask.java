package dev.ddlab.sim.runtime.programs;

import dev.ddlab.fs.Paths;
import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.NetException;
import dev.ddlab.sim.runtime.Proc;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flask app on Werkzeug's development server, as {@code python app.py} ({@code app.run(…)}) or
 * {@code flask run} serves it. What the app does is read from its source, the shapes the course and
 * Docker's Compose quickstart use: a Redis client ({@code redis.Redis(host=…, port=…)} or {@code
 * Redis(…)} after {@code from redis import Redis}) whose {@code .incr('key')} each page view sends
 * to that Redis by name over the container's network, and the page: {@code templates/index.html}
 * with {@code {{ count }}} filled in ({@code render_template}), or the string the view returns
 * ({@code '…{}…'.format(count)}, {@code f'…{count}…'}, a plain literal), with Python's escapes
 * ({@code \n}) read as Python reads them.
 *
 * <p>The banner and request log are Werkzeug 3.0's on stderr, with its ANSI styles (it adds them on
 * every POSIX terminal and pipe alike, so {@code docker logs} shows them): bound to 0.0.0.0 it
 * names 127.0.0.1 and the address of the interface its default route leaves by (Werkzeug asks the
 * kernel with a UDP socket towards 10.253.155.219).
 */
final class Flask {
  static final String SERVER = "Werkzeug/3.0.1 Python/";

  private static final Pattern REDIS =
      Pattern.compile(
          "(?:redis\\.)?(?:Strict)?Redis\\(\\s*host\\s*=\\s*['\"]([^'\"]+)['\"]\\s*(?:,\\s*port\\s*=\\s*(\\d+))?");
  private static final Pattern INCR = Pattern.compile("\\.incr\\(\\s*['\"]([^'\"]+)['\"]");
  private static final Pattern FORMAT_RETURN =
      Pattern.compile("return\\s+(['\"])((?:\\\\.|(?!\\1).)*)\\1\\.format\\(");
  private static final Pattern F_RETURN =
      Pattern.compile("return\\s+[fF](['\"])((?:\\\\.|(?!\\1).)*)\\1");
  private static final Pattern PLAIN_RETURN =
      Pattern.compile("return\\s+(['\"])((?:\\\\.|(?!\\1).)*)\\1\\s*$", Pattern.MULTILINE);
  private static final Pattern F_FIELD = Pattern.compile("\\{[^{}]*\\}");
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter ERROR_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS", Locale.ROOT);

  /** Where Werkzeug's get_interface_ip connects a UDP socket to learn the outgoing address. */
  private static final String PROBE = "10.253.155.219";

  private final String source;
  private final String dir;
  private final String version;
  private final String redisHost;
  private final int redisPort;
  private final String key;

  /** The app whose module {@code script} holds {@code source}, on Python {@code version}. */
  Flask(String script, String source, String version) {
    this.source = source;
    this.dir = Paths.parent(script);
    this.version = version;
    Matcher redis = REDIS.matcher(source);
    if (redis.find()) {
      redisHost = redis.group(1);
      redisPort = redis.group(2) == null ? 6379 : Integer.parseInt(redis.group(2));
    } else {
      redisHost = null;
      redisPort = 6379;
    }
    Matcher incr = INCR.matcher(source);
    key = incr.find() ? incr.group(1) : "hits";
  }

  /**
   * Serves on {@code host}:{@code port}; {@code name} is what the banner's "Serving Flask app"
   * names, null for no such line (flask run finding app.py itself prints none).
   */
  void serve(Proc proc, String name, String host, int port, boolean debug) {
    StringBuilder banner = new StringBuilder();
    if (name != null) {
      banner.append(" * Serving Flask app '").append(name).append("'\n");
    }
    banner.append(" * Debug mode: ").append(debug ? "on" : "off").append('\n');
    banner
        .append(
            style(
                "WARNING: This is a development server. Do not use it in a production deployment."
                    + " Use a production WSGI server instead.",
                "1",
                "31"))
        .append('\n');
    String shown = host;
    if (host.equals("0.0.0.0")) {
      banner.append(" * Running on all addresses (0.0.0.0)\n");
      banner.append(" * Running on http://127.0.0.1:").append(port).append('\n');
      shown = interfaceIp(proc);
    }
    banner.append(" * Running on http://").append(shown).append(':').append(port).append('\n');
    banner.append(style("Press CTRL+C to quit", "33")).append('\n');
    if (debug) {
      banner.append(" * Restarting with stat\n");
      banner.append(" * Debugger is active!\n");
      banner.append(" * Debugger PIN: ").append(pin(proc)).append('\n');
    }
    proc.err(banner.toString());
    List<String> addresses = host.equals("0.0.0.0") ? List.of("0.0.0.0") : List.of(host);
    proc.listen(port, request -> page(proc, request), addresses, 5); // request_queue_size
  }

  /** Werkzeug's _ansi_style: each style's code before the text, a reset after it. */
  private static String style(String text, String... codes) {
    String v = text;
    for (String c : codes) {
      v = "\u001b[" + c + "m" + v;
    }
    return v + "\u001b[0m";
  }

  private static String interfaceIp(Proc proc) {
    return proc.sourceAddress(PROBE).orElse("127.0.0.1");
  }

  private static String pin(Proc proc) {
    int a = proc.random().nextInt(1000);
    int b = proc.random().nextInt(1000);
    int c = proc.random().nextInt(1000);
    return String.format(Locale.ROOT, "%03d-%03d-%03d", a, b, c);
  }

  private HttpResponse page(Proc proc, HttpRequest request) {
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
              : HttpResponse.of(200, "OK", SERVER + version, Web.contentType(path), Web.text(file));
    } else if (!path.equals("/")) {
      response = notFound();
    } else {
      response = index(proc);
    }
    log(proc, request, response.status());
    return response;
  }

  private HttpResponse index(Proc proc) {
    String count = "";
    if (redisHost != null) {
      try {
        HttpResponse r =
            proc.http(redisHost, redisPort, new HttpRequest("INCR", key, Map.of(), "", ""));
        count = r.body().replaceFirst("^:", "").strip();
      } catch (NetException e) {
        proc.err(
            "["
                + Web.utc(proc.clock().nowNanos()).format(ERROR_TIME)
                + "] ERROR in app: Exception on / [GET]\n"
                + "Traceback (most recent call last):\n"
                + "redis.exceptions.ConnectionError: Error -2 connecting to "
                + redisHost
                + ":"
                + redisPort
                + ". Name does not resolve.\n");
        return serverError("");
      }
    }
    String body;
    if (source.contains("render_template")) {
      byte[] t = Web.file(proc.fs(), dir + "/templates", "/index.html");
      if (t == null) {
        proc.err("jinja2.exceptions.TemplateNotFound: index.html\n");
        return serverError(null);
      }
      body = Web.text(t).replaceAll("\\{\\{\\s*count\\s*\\}\\}", count);
    } else {
      body = returned(count);
    }
    return HttpResponse.of(200, "OK", SERVER + version, "text/html; charset=utf-8", body);
  }

  /** The view's returned string with the count in it, or Flask's "Hello World!" of the course. */
  private String returned(String count) {
    Matcher f = FORMAT_RETURN.matcher(source);
    if (f.find()) {
      return unescape(f.group(2)).replace("{}", count);
    }
    Matcher fs = F_RETURN.matcher(source);
    if (fs.find()) {
      return F_FIELD.matcher(unescape(fs.group(2))).replaceAll(Matcher.quoteReplacement(count));
    }
    Matcher plain = PLAIN_RETURN.matcher(source);
    return plain.find() ? unescape(plain.group(2)) : "Hello World!";
  }

  /** A Python string literal's backslash escapes, as the interpreter reads them. */
  static String unescape(String literal) {
    StringBuilder b = new StringBuilder(literal.length());
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c != '\\' || i + 1 == literal.length()) {
        b.append(c);
        continue;
      }
      char n = literal.charAt(++i);
      switch (n) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case '0' -> b.append('\0');
        case '\\', '\'', '"' -> b.append(n);
        case '\n' -> {} // a line continuation inside the literal
        default -> b.append('\\').append(n); // Python keeps unknown escapes as typed
      }
    }
    return b.toString();
  }

  private HttpResponse serverError(String more) {
    String html =
        "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"
            + (more == null
                ? ""
                : "<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and"
                    + " was unable to complete your request. Either the server is overloaded or"
                    + " there is an error in the application.</p>\n");
    return HttpResponse.of(
        500, "INTERNAL SERVER ERROR", SERVER + version, "text/html; charset=utf-8", html);
  }

  private HttpResponse notFound() {
    return HttpResponse.of(
        404,
        "NOT FOUND",
        SERVER + version,
        "text/html; charset=utf-8",
        "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The"
            + " requested URL was not found on the server. If you entered the URL manually please"
            + " check your spelling and try again.</p>\n");
  }

  /** Werkzeug's request log line, its request line styled by the status as Werkzeug does. */
  private static void log(Proc proc, HttpRequest request, int status) {
    String from =
        request.remoteAddr() == null || request.remoteAddr().isEmpty()
            ? "127.0.0.1"
            : request.remoteAddr();
    String line = request.method() + " " + request.path() + " HTTP/1.1";
    String shown;
    if (status == 200) {
      shown = line;
    } else if (status == 304) {
      shown = style(line, "36");
    } else if (status / 100 == 3) {
      shown = style(line, "32");
    } else if (status == 404) {
      shown = style(line, "33");
    } else if (status / 100 == 4) {
      shown = style(line, "1", "31");
    } else if (status / 100 == 1) {
      shown = style(line, "1");
    } else {
      shown = style(line, "1", "35");
    }
    proc.err(
        from
            + " - - ["
            + LOG_TIME.format(Web.utc(proc.clock().nowNanos()))
            + "] \""
            + shown
            + "\" "
            + status
            + " -\n");
  }
}
