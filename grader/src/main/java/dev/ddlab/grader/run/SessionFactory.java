package dev.ddlab.grader.run;

import dev.ddlab.session.Session;

/** Opens fresh sessions for labs and replays. */
@FunctionalInterface
public interface SessionFactory {
  Session open(String template, long seed);
}
