package dev.ddlab.sim.build;

import static dev.ddlab.sim.build.BuildState.MS;

import dev.ddlab.dockerfile.Instruction;
import dev.ddlab.sim.runtime.HttpOutcome;
import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.Kernel;
import dev.ddlab.sim.runtime.NetException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * ADD's remote sources, as BuildKit's http source fetches them: from the node (the daemon's
 * BuildKit is in the host's network namespace, so {@code http://localhost:8080/f} reaches a
 * published port), over the node's data plane with the virtual time the exchange takes, as a vertex
 * of its own named by the URL. The file is named by the URL's last path element, mode 0600 unless
 * {@code --chmod}, its mtime the response's Last-Modified when there is one. What the server
 * answered is in the step's cache key (the URL and the content's checksum), so a changed file
 * invalidates the step. A host that does not resolve, a refused connection or a status other than
 * 2xx fails the build as BuildKit words it ({@code failed to load cache key: …}). An {@code
 * https://} URL that reaches a server fails as Go's TLS client does against a plain-HTTP one
 * ({@code http: server gave HTTP response to HTTPS client}): no server in a session speaks TLS, and
 * BuildKit has no option to skip TLS for ADD.
 */
final class UrlSource {
  private UrlSource() {}

  /** What a fetch gave: the body, when it arrived, the file's mtime. */
  record Fetched(byte[] body, long done, long mtime) {}

  static boolean isUrl(String src) {
    return src.startsWith("http://") || src.startsWith("https://");
  }

  /** The name dockerfile2llb gives the file: the path's last element, else "__unnamed__". */
  static String fileName(String url) {
    String path = URI.create(url).getPath();
    if (path == null || path.isEmpty() || path.endsWith("/")) {
      return "__unnamed__";
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Fetches {@code url} from {@code start} on; fails the build at {@code at} as BuildKit does. */
  static Fetched fetch(BuildState s, String url, long start, Instruction at) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw failure(at, "failed to parse URL " + url);
    }
    String host = u.getHost() == null ? "" : u.getHost();
    int port = u.getPort() >= 0 ? u.getPort() : url.startsWith("https:") ? 443 : 80;
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    if (u.getRawQuery() != null) {
      path += "?" + u.getRawQuery();
    }
    Vertex v = s.progress.vertex(url, start);
    Kernel k = s.b.kernel();
    HttpOutcome o = k.net().exchange(k.host(), host, port, HttpRequest.get(path));
    v.completed = start + 20 * MS + o.elapsedNanos();
    if (o.failure() != null) {
      String why = goError(o.failure(), host, port, k);
      v.error = why;
      throw failure(at, "failed to load cache key: Get \"" + url + "\": " + why);
    }
    HttpResponse r = o.response();
    if (url.startsWith("https:")) {
      // Nothing in a session speaks TLS: whatever answers answers in plain HTTP, and Go's
      // transport reads that reply where the TLS handshake's should be.
      v.error = "http: server gave HTTP response to HTTPS client";
      throw failure(at, "failed to load cache key: Get \"" + url + "\": " + v.error);
    }
    if (r.status() < 200 || r.status() > 299) {
      v.error = "invalid response status " + r.status();
      throw failure(at, "failed to load cache key: invalid response status " + r.status());
    }
    byte[] body = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
    long mtime = v.completed;
    String modified = header(r, "Last-Modified");
    if (modified != null) {
      try {
        ZonedDateTime t = ZonedDateTime.parse(modified, DateTimeFormatter.RFC_1123_DATE_TIME);
        mtime = t.toEpochSecond() * 1_000_000_000L;
      } catch (DateTimeParseException e) {
        // an unreadable date: the time it arrived
      }
    }
    return new Fetched(body, v.completed, mtime);
  }

  private static String header(HttpResponse r, String name) {
    if (r.headers() == null) {
      return null;
    }
    for (var e : r.headers().entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Go's net/http error for a failed dial, as BuildKit's message carries it. */
  private static String goError(NetException e, String host, int port, Kernel k) {
    String ip = k.net().resolve(k.host(), host).orElse(host);
    String addr = ip + ":" + port;
    return switch (e.kind()) {
      case UNRESOLVED -> "dial tcp: lookup " + host + ": no such host";
      case REFUSED -> "dial tcp " + addr + ": connect: connection refused";
      case RESET -> "read tcp " + addr + ": read: connection reset by peer";
      case UNREACHABLE -> "dial tcp " + addr + ": connect: no route to host";
      case NETWORK_UNREACHABLE -> "dial tcp " + addr + ": connect: network is unreachable";
      case TIMEOUT -> "dial tcp " + addr + ": i/o timeout";
    };
  }

  private static BuildFailure failure(Instruction at, String message) {
    return new BuildFailure(message, at.node().startLine(), at.node().endLine());
  }
}
