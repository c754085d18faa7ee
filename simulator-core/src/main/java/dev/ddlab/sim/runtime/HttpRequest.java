package dev.ddlab.sim.runtime;

import java.util.Map;

/** An HTTP request as a simulated client (curl, wget, the playground's port chips) sends it. */
public record HttpRequest(
    String method, String path, Map<String, String> headers, String body, String remoteAddr) {
  public static HttpRequest get(String path) {
    return new HttpRequest("GET", path.isEmpty() ? "/" : path, Map.of(), "", "");
  }

  /** The same request as seen by a server: from this client address. */
  public HttpRequest from(String address) {
    return new HttpRequest(method, path, headers, body, address);
  }

  public String header(String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
