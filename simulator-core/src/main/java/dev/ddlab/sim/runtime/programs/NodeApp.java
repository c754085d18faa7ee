package dev.ddlab.sim.runtime.programs;

import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * node running one of the course's small Express web apps. The behaviour comes from the files the
 * image holds: the port from {@code listen(…)} or {@code port = …} in the script, the startup line
 * from its {@code console.log}, the page from the app's {@code views/*.html} (or {@code
 * index.html}). As PID 1 node installs no SIGTERM handler, so {@code docker stop} waits 10 s and
 * kills it, as it does with the real apps.
 */
public final class NodeApp implements Program {
  private static final Pattern LISTEN = Pattern.compile("listen\\(\\s*(\\d{2,5})");
  private static final Pattern PORT_VAR = Pattern.compile("(?i)port\\s*(?:=|\\|\\|)\\s*(\\d{2,5})");
  private static final Pattern LOG =
      Pattern.compile("console\\.log\\(\\s*(['\"`])(.*?)\\1\\s*(?:\\+\\s*(\\w+))?");

  @Override
  public void start(Proc proc) {
    List<String> args = proc.argv();
    if (args.size() < 2) {
      if (!proc.tty()) {
        return; // reads a script from stdin; ends when stdin closes
      }
      proc.out("Welcome to Node.js v20.10.0.\nType \".help\" for more information.\n");
      return;
    }
    if (args.get(1).equals("--version") || args.get(1).equals("-v")) {
      proc.out("v20.10.0\n");
      proc.exit(0);
      return;
    }
    String script = Paths.resolve(proc.cwd(), args.get(1));
    if (!proc.fs().exists(script) && proc.fs().exists(script + ".js")) {
      script = script + ".js";
    }
    String source;
    try {
      source = Web.text(proc.fs().read(script));
    } catch (FsException e) {
      proc.err(
          "node:internal/modules/cjs/loader:1080\n  throw err;\n  ^\n\nError: Cannot find module '"
              + script
              + "'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1077:15)\n"
              + "    at Module._load (node:internal/modules/cjs/loader:922:27)\n"
              + "    at node:internal/main/run_main_module:23:47 {\n"
              + "  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js v20.10.0\n");
      proc.exit(1);
      return;
    }
    int port = port(source);
    Matcher log = LOG.matcher(source);
    while (log.find()) {
      String text = log.group(2).replace("${port}", Integer.toString(port));
      if (log.group(3) != null && log.group(3).toLowerCase().contains("port")) {
        text = text + port;
      }
      proc.out(text + "\n");
    }
    String dir = Paths.parent(script);
    String page = page(proc, dir);
    proc.listen(
        port,
        request -> {
          String path = request.path();
          int q = path.indexOf('?');
          if (q >= 0) {
            path = path.substring(0, q);
          }
          if (path.equals("/") && page != null) {
            return express(200, "OK", "text/html; charset=utf-8", page);
          }
          for (String root : List.of(dir + "/public", dir + "/static", dir + "/views")) {
            byte[] f = Web.file(proc.fs(), root, path);
            if (f != null && !path.equals("/")) {
              return express(200, "OK", Web.contentType(path), Web.text(f));
            }
          }
          return express(
              404,
              "Not Found",
              "text/html; charset=utf-8",
              "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  + "<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET "
                  + path
                  + "</pre>\n</body>\n</html>\n");
        },
        List.of("::"), // server.listen(port): Node.js opens one dual-stack socket
        511);
  }

  @Override
  public void stdinClosed(Proc proc) {
    if (proc.argv().size() < 2) {
      proc.exit(0);
    }
  }

  @Override
  public void stdin(Proc proc, String line) {
    if (proc.argv().size() < 2 && line.trim().equals(".exit")) {
      proc.exit(0);
    }
  }

  @Override
  public String prompt(Proc proc) {
    return proc.argv().size() < 2 && proc.tty() ? "> " : "";
  }

  static int port(String source) {
    Matcher m = LISTEN.matcher(source);
    if (m.find()) {
      return Integer.parseInt(m.group(1));
    }
    m = PORT_VAR.matcher(source);
    return m.find() ? Integer.parseInt(m.group(1)) : 8080;
  }

  /** The app's page: views/home.pug rendered (the course's apps use pug), else an HTML file. */
  private static String page(Proc proc, String dir) {
    for (String pug : List.of(dir + "/views/home.pug", dir + "/views/index.pug")) {
      try {
        if (proc.fs().exists(pug)) {
          return Pug.render(Web.text(proc.fs().read(pug)));
        }
      } catch (FsException e) {
        // try the next one
      }
    }
    List<String> candidates =
        new ArrayList<>(List.of(dir + "/views/home.html", dir + "/views/index.html"));
    try {
      if (proc.fs().isDirectory(dir + "/views")) {
        for (String name : proc.fs().list(dir + "/views")) {
          if (name.endsWith(".html")) {
            candidates.add(dir + "/views/" + name);
          }
        }
      }
    } catch (FsException e) {
      // no views directory
    }
    candidates.add(dir + "/index.html");
    candidates.add(dir + "/public/index.html");
    for (String c : candidates) {
      try {
        if (proc.fs().exists(c) && !proc.fs().isDirectory(c)) {
          return Web.text(proc.fs().read(c));
        }
      } catch (FsException e) {
        // try the next one
      }
    }
    return null;
  }

  private static HttpResponse express(int status, String reason, String type, String body) {
    HttpResponse r = HttpResponse.of(status, reason, null, type, body);
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Powered-By", "Express");
    h.putAll(r.headers());
    return new HttpResponse(status, reason, h, body);
  }
}
