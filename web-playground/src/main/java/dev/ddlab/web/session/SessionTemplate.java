package dev.ddlab.web.session;

import dev.ddlab.session.Template;

/**
 * A template offered on the start page. {@code name} is the {@link Template}'s ("single",
 * "swarm-3m3w", …); {@code note} says why an unavailable template is disabled.
 */
public record SessionTemplate(
    String name, String label, String description, boolean available, String note) {
  /** The offer of a session template, described by its nodes. */
  public static SessionTemplate of(Template t, boolean available, String note) {
    return new SessionTemplate(t.name(), t.label(), t.description(), available, note);
  }
}
