package dev.ddlab.web.panel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.events.SimEvent;

/**
 * The server half of a panel for one session. Every method is called with the session locked, so it
 * may read the session's engines and simulator state freely; changes reach the browsers as deltas
 * through {@link PanelContext#publish}.
 */
public interface PanelModel extends AutoCloseable {
  /** Whether the event may change what this panel shows; if so {@link #refresh} follows. */
  boolean affectedBy(SimEvent event);

  /** Recomputes from the session, publishing what changed. */
  void refresh();

  /** Everything the panel shows, for a browser that just opened it. */
  JsonNode snapshot();

  /**
   * A request from the browser (select an image, open a layer's file tree); returns the answer sent
   * back to that browser only, or null.
   */
  default JsonNode request(JsonNode args) {
    return null;
  }

  @Override
  default void close() {}
}
