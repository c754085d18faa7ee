package dev.ddlab.web.session;

import java.util.Set;

/** One browser tab connected to a session over the WebSocket. */
public interface Client {
  /** Sends a protocol message (JSON text); never blocks on a slow browser. */
  void send(String json);

  /** Panels this tab has open. */
  Set<String> panels();

  void close(int code, String reason);
}
