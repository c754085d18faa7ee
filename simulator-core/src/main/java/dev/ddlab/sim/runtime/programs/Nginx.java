package dev.ddlab.sim.runtime.programs;

import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import dev.ddlab.sim.runtime.Signal;
import dev.ddlab.sim.runtime.SimProc;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * nginx in the foreground ({@code -g 'daemon off;'}, as the official image runs it): a master
 * process with worker processes, serving /usr/share/nginx/html on port 80, access log on stdout,
 * error log on stderr. SIGTERM/SIGINT stop it fast, SIGQUIT gracefully; both exit 0. Without {@code
 * daemon off} it daemonizes, so a container's PID 1 exits at once, as with the real binary.
 */
public final class Nginx implements Program {
  static final String VERSION = "1.25.3";
  private static final String ROOT = "/usr/share/nginx/html";
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT);
  private static final String WELCOME =
      """
      <!DOCTYPE html>
      <html>
      <head>
      <title>Welcome to nginx!</title>
      <style>
      html { color-scheme: light dark; }
      body { width: 35em; margin: 0 auto;
      font-family: Tahoma, Verdana, Arial, sans-serif; }
      </style>
      </head>
      <body>
      <h1>Welcome to nginx!</h1>
      <p>If you see this page, the nginx web server is successfully installed and
      working. Further configuration is required.</p>

      <p>For online documentation and support please refer to
      <a href="http://nginx.org/">nginx.org</a>.<br/>
      Commercial support is available at
      <a href="http://nginx.com/">nginx.com</a>.</p>

      <p><em>Thank you for using nginx.</em></p>
      </body>
      </html>
      """;

  private final List<SimProc> workers = new ArrayList<>();

  @Override
  public void start(Proc proc) {
    String args = String.join(" ", proc.argv());
    if (args.contains("-v")) {
      proc.err("nginx version: nginx/" + VERSION + "\n");
      proc.exit(0);
      return;
    }
    if (!args.replace(" ", "").contains("daemonoff")) {
      proc.exit(0);
      return;
    }
    notice(proc, "using the \"epoll\" event method");
    notice(proc, "nginx/" + VERSION);
    notice(proc, "built by gcc 12.2.0 (Debian 12.2.0-14) ");
    notice(proc, "OS: Linux 5.15.0-91-generic");
    notice(proc, "getrlimit(RLIMIT_NOFILE): 1048576:1048576");
    notice(proc, "start worker processes");
    if (proc instanceof SimProc sp) {
      sp.title("nginx: master process " + args);
      for (int i = 0; i < 2; i++) {
        SimProc w = sp.fork(List.of("nginx: worker process"), new Worker(), status -> {});
        workers.add(w);
        notice(proc, "start worker process " + w.pid());
      }
    }
    // default.conf listens on 80 and, enabled by the image's 10-listen-on-ipv6-by-default.sh,
    // [::]:80
    proc.listen(80, request -> serve(proc, request), List.of("0.0.0.0", "::"), 511);
  }

  private HttpResponse serve(Proc proc, HttpRequest request) {
    byte[] file = Web.file(proc.fs(), ROOT, request.path());
    String body;
    HttpResponse response;
    if (file != null) {
      body = Web.text(file);
      response =
          HttpResponse.of(200, "OK", "nginx/" + VERSION, Web.contentType(request.path()), body);
    } else if (request.path().equals("/") && !proc.fs().exists(ROOT)) {
      response = HttpResponse.of(200, "OK", "nginx/" + VERSION, "text/html", WELCOME);
    } else {
      response =
          Web.notFound(
              "nginx/" + VERSION,
              "<html>\n<head><title>404 Not Found</title></head>\n<body>\n"
                  + "<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/"
                  + VERSION
                  + "</center>\n</body>\n</html>\n");
    }
    String agent = request.header("User-Agent");
    proc.out(
        (request.remoteAddr().isEmpty() ? "-" : request.remoteAddr())
            + " - - ["
            + Web.CLF.format(Web.utc(proc.clock().nowNanos()))
            + "] \""
            + request.method()
            + " "
            + request.path()
            + " HTTP/1.1\" "
            + response.status()
            + " "
            + response.headers().get("Content-Length")
            + " \"-\" \""
            + (agent == null ? "-" : agent)
            + "\" \"-\"\n");
    return response;
  }

  @Override
  public void signal(Proc proc, Signal signal) {
    switch (signal) {
      case SIGTERM, SIGINT -> shutdown(proc, signal, "exiting", false);
      case SIGQUIT -> shutdown(proc, signal, "shutting down", true);
      case SIGHUP -> notice(proc, "signal 1 (SIGHUP) received from 1, reconfiguring");
      default -> {}
    }
  }

  private void shutdown(Proc proc, Signal signal, String what, boolean graceful) {
    notice(proc, "signal " + signal.number() + " (" + signal + ") received, " + what);
    for (SimProc w : workers) {
      if (graceful) {
        log(proc, w.pid(), "notice", "gracefully shutting down");
      }
      log(proc, w.pid(), "notice", "exiting");
      log(proc, w.pid(), "notice", "exit");
      w.exit(0);
    }
    for (SimProc w : workers) {
      notice(proc, "signal 17 (SIGCHLD) received from " + w.pid());
      notice(proc, "worker process " + w.pid() + " exited with code 0");
    }
    notice(proc, "exit");
    proc.exit(0);
  }

  private static void notice(Proc proc, String message) {
    log(proc, proc.pid(), "notice", message);
  }

  private static void log(Proc proc, int pid, String level, String message) {
    proc.err(
        LOG_TIME.format(Web.utc(proc.clock().nowNanos()))
            + " ["
            + level
            + "] "
            + pid
            + "#"
            + pid
            + ": "
            + message
            + "\n");
  }

  /** A worker: does nothing on its own; the master answers for it and ends it. */
  private static final class Worker implements Program {
    @Override
    public void start(Proc proc) {}

    @Override
    public void signal(Proc proc, Signal signal) {}
  }
}
