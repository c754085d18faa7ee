package dev.ddlab.web;

import dev.ddlab.web.lesson.LessonLibrary;
import dev.ddlab.web.panel.Panels;
import dev.ddlab.web.session.SessionFactory;
import dev.ddlab.web.session.SessionManager;
import dev.ddlab.web.term.Repls;
import java.time.Clock;
import java.time.Duration;

/** A playground for browser tests: loopback, a free port, the real REPL and panels, wall time. */
final class Playgrounds {
  private Playgrounds() {}

  static PlaygroundServer start(SessionFactory factory, LessonLibrary lessons) {
    PlaygroundConfig config =
        PlaygroundConfig.defaults()
            .withAddress("127.0.0.1", 0)
            .withSessions(5, Duration.ofHours(4), Duration.ofMinutes(30));
    return new PlaygroundServer(
            new SessionManager(
                config, factory, Repls.shell(), Panels.discover(), Clock.systemUTC()),
            lessons)
        .start();
  }
}
