package dev.ddlab.web.session;

/**
 * A template offered on the start page. {@code name} is the {@link dev.ddlab.session.Session}
 * template ("single", "swarm-3m3w", …); {@code note} says why an unavailable template is disabled.
 */
public record SessionTemplate(
    String name, String label, String description, boolean available, String note) {}
