package dev.ddlab.sim.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a simulated server answered: status line, headers in order, body text. */
public record HttpResponse(int status, String reason, Map<String, String> headers, String body) {
  /** A response with Content-Type and Content-Length filled in. */
  public static HttpResponse of(
      int status, String reason, String server, String type, String body) {
    Map<String, String> h = new LinkedHashMap<>();
    if (server != null) {
      h.put("Server", server);
    }
    h.put("Content-Type", type);
    h.put(
        "Content-Length",
        Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
    return new HttpResponse(status, reason, h, body);
  }
}
