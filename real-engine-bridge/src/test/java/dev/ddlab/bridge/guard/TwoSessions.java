package dev.ddlab.bridge.guard;

import dev.ddlab.bridge.RealDocker;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.EngineException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Two guarded sessions, {@link #a} and {@link #b}, on the private dockerd (DDLAB_DOCKER_HOST); both
 * are closed after each test, which removes what they made. {@link #run} keeps names of concurrent
 * test runs on the shared daemon apart.
 */
abstract class TwoSessions {
  protected final String run = Long.toString(ProcessHandle.current().pid());
  protected RealEngine real;
  protected GuardedEngine a;
  protected GuardedEngine b;

  /** Distinguishes this class's sessions from other classes' ("iso", "bp" …). */
  protected abstract String sessionPrefix();

  @BeforeEach
  void openSessions() {
    real = RealDocker.engineOrSkip();
    a = new GuardedEngine(real, GuardPolicy.defaults(sessionPrefix() + "a" + run));
    b = new GuardedEngine(real, GuardPolicy.defaults(sessionPrefix() + "b" + run));
  }

  @AfterEach
  void closeSessions() {
    if (real != null) {
      a.close();
      b.close();
      cleanUp();
      real.close();
    }
  }

  /** What a test made without the guard (removed after the sessions). */
  protected void cleanUp() {}

  protected static void quietly(Runnable r) {
    try {
      r.run();
    } catch (EngineException gone) {
      // nothing to remove
    }
  }

  /** The daemon's name of what session {@code s} named {@code name} ({@link SessionNames}). */
  protected static String onDaemon(GuardedEngine s, String name) {
    return new SessionNames(s.policy().sessionId()).real(name);
  }

  /** Creates and starts a container of session {@code s}; returns its ID. */
  protected static String started(GuardedEngine s, String name, String... cmd) {
    String id = s.containers().create(name, GuardKit.alpine(cmd), null, null, null).id();
    s.containers().start(id);
    return id;
  }
}
