package dev.ddlab.sim.runtime.programs;

import dev.ddlab.fs.FsException;
import dev.ddlab.fs.GoBinary;
import dev.ddlab.sim.runtime.Executables;
import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.NetException;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A program {@code go build} compiled (the course's multi-stage client and server). A real Go
 * binary carries its string constants; this one carries what the simulator needs of its source in a
 * readable section after the ELF magic, written by {@link #link} at build time: the address of
 * {@code http.ListenAndServe}, the page the handler writes (the first raw string constant), the
 * {@code log.Println} and {@code fmt.Println} lines, and for a client the URL it gets with {@code
 * http.Get} (argv[1] overrides it). A server logs with Go's date prefix and serves the page; a
 * client prints the response's status line and body, or Go's error and exit status 1. Without any
 * of these, the program prints its lines and exits 0.
 */
public final class GoApp implements Program {
  private static final String MAGIC = GoBinary.MAGIC;
  private static final Pattern LISTEN = Pattern.compile("ListenAndServe\\(\\s*\"([^\"]*)\"");
  private static final Pattern RAW = Pattern.compile("`([^`]*)`", Pattern.DOTALL);
  private static final Pattern LOG = Pattern.compile("log\\.Print(?:ln|f)?\\(\\s*\"([^\"]*)\"");
  private static final Pattern PRINT = Pattern.compile("fmt\\.Println\\(\\s*\"([^\"]*)\"\\s*\\)");
  private static final Pattern GET = Pattern.compile("\"(https?://[^\"]+)\"");
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT);

  /**
   * The binary of a main package from its Go sources, padded with zero bytes to {@code size} (the
   * scaled-down size of the real binary).
   */
  public static byte[] link(List<String> sources, long size) {
    String all = String.join("\n", sources);
    StringBuilder sb = new StringBuilder(MAGIC);
    Matcher m = LISTEN.matcher(all);
    if (m.find()) {
      sb.append("listen ").append(m.group(1)).append('\n');
    }
    if (all.contains("http.Get(")) {
      Matcher g = GET.matcher(all);
      sb.append("get ").append(g.find() ? g.group(1) : "http://localhost:8080/").append('\n');
    }
    m = LOG.matcher(all);
    while (m.find()) {
      sb.append("log ").append(m.group(1)).append('\n');
    }
    m = PRINT.matcher(all);
    while (m.find()) {
      sb.append("print ").append(m.group(1)).append('\n');
    }
    m = RAW.matcher(all);
    if (m.find() && sb.indexOf("listen ") >= 0) {
      String page = m.group(1);
      sb.append("page ").append(page.getBytes(StandardCharsets.UTF_8).length).append('\n');
      sb.append(page);
    }
    sb.append('\u0000');
    byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[(int) Math.max(head.length, size)];
    System.arraycopy(head, 0, out, 0, head.length);
    return out;
  }

  /** What {@link #link} recorded in a binary. */
  private record Embedded(
      String listen, String get, List<String> logs, List<String> prints, String page) {
    static Embedded read(byte[] binary) {
      String listen = null;
      String get = null;
      String page = null;
      List<String> logs = new ArrayList<>();
      List<String> prints = new ArrayList<>();
      // the magic holds a NUL of its own: the section starts after it and ends at the next
      int start = Math.min(binary.length, MAGIC.indexOf('\u0000') + 1);
      int end = start;
      while (end < binary.length && binary[end] != 0) {
        end++;
      }
      String text = new String(binary, start, end - start, StandardCharsets.UTF_8);
      int pos = text.indexOf('\n') + 1;
      while (pos > 0 && pos < text.length()) {
        int nl = text.indexOf('\n', pos);
        String line = nl < 0 ? text.substring(pos) : text.substring(pos, nl);
        int next = nl < 0 ? text.length() : nl + 1;
        if (line.startsWith("listen ")) {
          listen = line.substring(7);
        } else if (line.startsWith("get ")) {
          get = line.substring(4);
        } else if (line.startsWith("log ")) {
          logs.add(line.substring(4));
        } else if (line.startsWith("print ")) {
          prints.add(line.substring(6));
        } else if (line.startsWith("page ")) {
          int n = Integer.parseInt(line.substring(5));
          byte[] rest = text.substring(next).getBytes(StandardCharsets.UTF_8);
          page = new String(rest, 0, Math.min(n, rest.length), StandardCharsets.UTF_8);
          break;
        }
        pos = next;
      }
      return new Embedded(listen, get, logs, prints, page);
    }
  }

  @Override
  public void start(Proc proc) {
    byte[] binary;
    try {
      String path = proc.argv().get(0);
      if (!path.contains("/")) {
        path = Executables.lookPath(proc.fs(), path, proc.env().get("PATH"));
      }
      binary = path == null ? new byte[0] : proc.fs().read(path);
    } catch (FsException e) {
      binary = new byte[0];
    }
    Embedded e = Embedded.read(binary);
    String stamp = LOG_TIME.format(Web.utc(proc.clock().nowNanos()));
    for (String l : e.logs()) {
      if (e.listen() != null || e.get() == null) {
        proc.err(stamp + " " + l + "\n");
      }
    }
    if (e.listen() != null) {
      String addr = e.listen();
      int port = Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1));
      String page = e.page() == null ? "" : e.page();
      // net.Listen("tcp", ":PORT") opens one dual-stack socket; a host in the address binds it
      String host = addr.substring(0, addr.lastIndexOf(':'));
      proc.listen(
          port,
          request -> HttpResponse.of(200, "OK", null, "text/html; charset=utf-8", page),
          List.of(host.isEmpty() || host.equals("[::]") ? "::" : host));
      return;
    }
    if (e.get() != null) {
      get(proc, proc.argv().size() > 1 ? proc.argv().get(1) : e.get());
      return;
    }
    e.prints().forEach(p -> proc.out(p + "\n"));
    proc.exit(0);
  }

  /** The client: one GET, its status line and body, or Go's error text. */
  private static void get(Proc proc, String url) {
    Matcher u = Pattern.compile("https?://([^/:]+)(?::(\\d+))?(/.*)?").matcher(url);
    if (!u.matches()) {
      proc.err("Get \"" + url + "\": unsupported protocol scheme \"\"\n");
      proc.exit(1);
      return;
    }
    String host = u.group(1);
    int port = u.group(2) == null ? 80 : Integer.parseInt(u.group(2));
    String path = u.group(3) == null ? "/" : u.group(3);
    try {
      HttpResponse r = proc.http(host, port, HttpRequest.get(path));
      proc.out("HTTP/1.1 " + r.status() + " " + r.reason() + "\n" + r.body());
      proc.exit(0);
    } catch (NetException ex) {
      String ip = proc.resolve(host).orElse(host.equals("localhost") ? "127.0.0.1" : host);
      String why =
          switch (ex.kind()) {
            case UNRESOLVED -> "dial tcp: lookup " + host + ": no such host";
            case REFUSED -> "dial tcp " + ip + ":" + port + ": connect: connection refused";
            case RESET -> "read tcp " + ip + ":" + port + ": read: connection reset by peer";
            case UNREACHABLE -> "dial tcp " + ip + ":" + port + ": connect: no route to host";
            case NETWORK_UNREACHABLE ->
                "dial tcp " + ip + ":" + port + ": connect: network is unreachable";
            case TIMEOUT -> "dial tcp " + ip + ":" + port + ": connect: connection timed out";
          };
      proc.err("Get \"" + url + "\": " + why + "\n");
      proc.exit(1);
    }
  }
}
