package dev.ddlab.sim.network.dataplane;

import dev.ddlab.sim.network.types.Ipv4;
import dev.ddlab.sim.runtime.HttpHandler;
import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP/1.1 as bytes in TCP segments: what a client writes for an {@link HttpRequest}, what a server
 * writes for an {@link HttpResponse}, when a request is whole (headers and Content-Length bytes of
 * body), and reading both back. Servers close after answering (the sample servers answer one
 * request per connection), so a response ends at the server's FIN.
 */
public final class HttpWire {
  private HttpWire() {}

  /** The request as a client sends it; {@code host} goes into the Host header. */
  public static byte[] request(HttpRequest r, String host) {
    StringBuilder b = new StringBuilder();
    b.append(r.method()).append(' ').append(r.path()).append(" HTTP/1.1\r\n");
    b.append("Host: ").append(host).append("\r\n");
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("Host")) {
        b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      }
    }
    byte[] body = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
    if (body.length > 0 && r.header("Content-Length") == null) {
      b.append("Content-Length: ").append(body.length).append("\r\n");
    }
    b.append("\r\n");
    return concat(b.toString().getBytes(StandardCharsets.ISO_8859_1), body);
  }

  public static byte[] response(HttpResponse r) {
    StringBuilder b = new StringBuilder();
    b.append("HTTP/1.1 ").append(r.status()).append(' ').append(r.reason()).append("\r\n");
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    b.append("\r\n");
    return concat(
        b.toString().getBytes(StandardCharsets.ISO_8859_1),
        r.body().getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@code bytes} hold a whole request (headers, and the body Content-Length says). */
  public static boolean complete(byte[] bytes) {
    int end = headerEnd(bytes);
    if (end < 0) {
      return false;
    }
    String length = headers(bytes, end).get("content-length");
    int want = 0;
    try {
      want = length == null ? 0 : Integer.parseInt(length.trim());
    } catch (NumberFormatException e) {
      want = 0;
    }
    return bytes.length - end >= want;
  }

  public static HttpRequest parseRequest(byte[] bytes, String remote) {
    int end = Math.max(0, headerEnd(bytes));
    String head = new String(bytes, 0, Math.max(0, end - 4), StandardCharsets.ISO_8859_1);
    String[] first = head.split("\r\n", 2)[0].split(" ");
    Map<String, String> h = new LinkedHashMap<>();
    String[] lines = head.split("\r\n");
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      if (c > 0) {
        h.put(lines[i].substring(0, c), lines[i].substring(c + 1).trim());
      }
    }
    String body = new String(bytes, end, bytes.length - end, StandardCharsets.UTF_8);
    return new HttpRequest(first[0], first.length > 1 ? first[1] : "/", h, body, remote);
  }

  /** The response read back; null when the bytes hold none (the server closed without one). */
  public static HttpResponse parseResponse(byte[] bytes) {
    int end = headerEnd(bytes);
    if (end < 0) {
      return null;
    }
    String head = new String(bytes, 0, end - 4, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    String[] status = lines[0].split(" ", 3);
    Map<String, String> h = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      if (c > 0) {
        h.put(lines[i].substring(0, c), lines[i].substring(c + 1).trim());
      }
    }
    String body = new String(bytes, end, bytes.length - end, StandardCharsets.UTF_8);
    return new HttpResponse(
        Integer.parseInt(status[1]), status.length > 2 ? status[2] : "", h, body);
  }

  /** A process's HTTP handler as a listening TCP socket. */
  public static TcpService serving(HttpHandler handler) {
    return new TcpService() {
      @Override
      public boolean complete(byte[] received) {
        return HttpWire.complete(received);
      }

      @Override
      public void serve(
          byte[] request, int clientIp, int clientPort, java.util.function.Consumer<byte[]> reply) {
        HttpResponse r = handler.handle(parseRequest(request, Ipv4.format(clientIp)));
        reply.accept(response(r));
      }
    };
  }

  private static Map<String, String> headers(byte[] bytes, int end) {
    Map<String, String> h = new LinkedHashMap<>();
    String head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    for (String line : head.split("\r\n")) {
      int c = line.indexOf(':');
      if (c > 0) {
        h.put(line.substring(0, c).toLowerCase(java.util.Locale.ROOT), line.substring(c + 1));
      }
    }
    return h;
  }

  /** The index just past the blank line that ends the headers, or -1. */
  private static int headerEnd(byte[] b) {
    for (int i = 3; i < b.length; i++) {
      if (b[i - 3] == '\r' && b[i - 2] == '\n' && b[i - 1] == '\r' && b[i] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
