package dev.ddlab.sim.runtime.programs;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.runtime.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Helpers shared by the simulated servers: static files and log timestamps. */
final class Web {
  private Web() {}

  static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

  static ZonedDateTime utc(long nanos) {
    return java.time.Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L)
        .atZone(ZoneOffset.UTC);
  }

  /** The file under root for a URL path (index.html for directories), or null. */
  static byte[] file(FileSystem fs, String root, String urlPath) {
    String p = urlPath;
    int q = p.indexOf('?');
    if (q >= 0) {
      p = p.substring(0, q);
    }
    String path = Paths.normalize(root + "/" + p);
    try {
      if (fs.isDirectory(path)) {
        path = path + "/index.html";
      }
      if (!fs.exists(path) || fs.isDirectory(path)) {
        return null;
      }
      return fs.read(path);
    } catch (FsException e) {
      return null;
    }
  }

  static String text(byte[] data) {
    return new String(data, StandardCharsets.UTF_8);
  }

  static String contentType(String path) {
    if (path.endsWith(".css")) {
      return "text/css";
    }
    if (path.endsWith(".js")) {
      return "application/javascript";
    }
    if (path.endsWith(".txt")) {
      return "text/plain";
    }
    return "text/html";
  }

  static HttpResponse notFound(String server, String html) {
    return HttpResponse.of(404, "Not Found", server, "text/html", html);
  }
}
