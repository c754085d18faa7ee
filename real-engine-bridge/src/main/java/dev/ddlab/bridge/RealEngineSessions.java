package dev.ddlab.bridge;

import dev.ddlab.bridge.guard.GuardPolicy;
import dev.ddlab.bridge.guard.GuardedEngine;
import dev.ddlab.bridge.guard.Reaper;
import dev.ddlab.bridge.real.DockerHost;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.bridge.session.RealBackend;
import dev.ddlab.session.Session;
import dev.ddlab.session.SessionBackend;
import dev.ddlab.session.Template;
import dev.ddlab.session.TerminalSession;
import java.util.Map;
import java.util.Set;

/**
 * Sessions whose terminal drives a real Docker daemon ({@code ddlab shell --engine real}, {@code
 * ddlab serve --engine real}): the daemon must answer, objects of crashed earlier sessions are
 * reaped, and unless the guard is turned off the session runs inside a {@link GuardedEngine} that
 * removes everything it made when the session closes. The session's one node is the learner's
 * client machine ({@link RealBackend}): its own files, no simulated daemon behind it.
 */
public final class RealEngineSessions {
  private RealEngineSessions() {}

  /**
   * Opens the session.
   *
   * @param dockerHost the daemon (null: DOCKER_HOST as the docker CLI reads it)
   * @param guarded whether the session's objects are labelled, limited and cleaned up
   * @param report where to say what was reaped (one line per earlier session)
   * @throws dev.ddlab.engine.EngineException "Cannot connect to the Docker daemon …" when none
   *     answers
   */
  public static Session open(
      String dockerHost,
      boolean guarded,
      long seed,
      Map<String, String> env,
      java.util.function.Consumer<String> report) {
    RealEngine real = new RealEngine(DockerHost.fromEnvironment(env, dockerHost));
    try {
      real.system().ping();
      Set<String> reaped = Reaper.reapOrphans(real);
      for (String session : reaped) {
        report.accept(
            "ddlab: đã dọn các đối tượng còn sót của phiên "
                + session
                + " (ddlab đã dừng đột ngột)");
      }
    } catch (RuntimeException e) {
      real.close();
      throw e;
    }
    String id = "real-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
    SessionBackend backend;
    if (guarded) {
      GuardedEngine guard = new GuardedEngine(real, GuardPolicy.fromEnvironment(id, env));
      backend =
          new RealBackend(
              guard,
              () -> {
                try {
                  guard.close();
                } finally {
                  real.close();
                }
              });
    } else {
      backend = new RealBackend(real, real);
    }
    long wallNanos = System.currentTimeMillis() * 1_000_000L;
    return TerminalSession.over(id, Template.SINGLE.name(), seed, wallNanos, backend);
  }
}
