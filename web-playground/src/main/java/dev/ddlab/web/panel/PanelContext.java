package dev.ddlab.web.panel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.session.Session;

/** What a panel model may use: the session (locked while the model runs) and a way out. */
public interface PanelContext {
  Session session();

  /** Sends a delta to every browser that has this panel open. */
  void publish(JsonNode delta);
}
