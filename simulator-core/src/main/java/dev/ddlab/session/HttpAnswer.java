package dev.ddlab.session;

import java.util.Map;

/**
 * What a server answered an HTTP GET: the status line, the headers in order, the body's bytes, and
 * the virtual time the exchange took on a simulated network (0 elsewhere).
 *
 * @param reason the status line's reason phrase ("OK", "Not Found")
 */
public record HttpAnswer(
    int status, String reason, Map<String, String> headers, byte[] body, long elapsedNanos) {
  public HttpAnswer(int status, String reason, Map<String, String> headers, byte[] body) {
    this(status, reason, headers, body, 0);
  }
}
