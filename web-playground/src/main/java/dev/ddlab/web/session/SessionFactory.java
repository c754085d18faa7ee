package dev.ddlab.web.session;

import dev.ddlab.session.Session;
import java.util.List;

/** Opens the sessions the playground hands to visitors (simulated, or through the real bridge). */
public interface SessionFactory {
  /** Templates in menu order; those the engine cannot open yet are listed as unavailable. */
  List<SessionTemplate> templates();

  /**
   * Opens a session from a template.
   *
   * @throws IllegalArgumentException for an unknown or unavailable template
   */
  Session open(String template, long seed);

  /** "sim" or "real": shown on the page so a learner knows what they are typing into. */
  String engineKind();
}
