package dev.ddlab.sim.runtime.programs;

import dev.ddlab.fs.Paths;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.util.List;

/**
 * busybox httpd: {@code httpd -f -p [IP:]PORT -h HOME} serves files from HOME (default: the working
 * directory). Without {@code -f} it daemonizes, so as PID 1 it exits at once.
 */
public final class Httpd implements Program {
  @Override
  public void start(Proc proc) {
    List<String> a = proc.argv();
    boolean foreground = false;
    int port = 80;
    String bind = "::"; // one dual-stack socket unless -p names an address
    String home = proc.cwd();
    for (int i = 1; i < a.size(); i++) {
      String arg = a.get(i);
      if (arg.startsWith("-") && arg.contains("f")) {
        foreground = true;
      }
      if (arg.equals("-p") && i + 1 < a.size()) {
        String p = a.get(++i);
        port = Integer.parseInt(p.substring(p.lastIndexOf(':') + 1));
        bind = p.lastIndexOf(':') > 0 ? p.substring(0, p.lastIndexOf(':')) : bind;
      } else if (arg.equals("-h") && i + 1 < a.size()) {
        home = Paths.resolve(proc.cwd(), a.get(++i));
      }
    }
    if (!foreground) {
      proc.exit(0);
      return;
    }
    String root = home;
    proc.listen(
        port,
        request -> {
          byte[] file = Web.file(proc.fs(), root, request.path());
          if (file == null) {
            return Web.notFound(
                null,
                "<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n"
                    + "<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n"
                    + "</BODY></HTML>\n");
          }
          return HttpResponse.of(200, "OK", null, Web.contentType(request.path()), Web.text(file));
        },
        List.of(bind),
        9); // httpd.c: xlisten(fd, 9)
  }
}
