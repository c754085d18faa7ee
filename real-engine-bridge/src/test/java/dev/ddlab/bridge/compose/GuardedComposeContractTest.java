package dev.ddlab.bridge.compose;

import dev.ddlab.bridge.guard.GuardPolicy;
import dev.ddlab.bridge.guard.GuardedEngine;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.Engine;

/**
 * The compose contract through the classroom guard on a real dockerd (DDLAB_DOCKER_HOST): compose
 * sees only the session's names ({@code <project>-web-1}, {@code <project>_front}) while the daemon
 * holds them with the session's suffix, and the aliases still let services reach each other.
 */
class GuardedComposeContractTest extends RealComposeContractTest {
  private GuardedEngine guarded;

  @Override
  protected Engine open() {
    RealEngine real = (RealEngine) super.open();
    guarded = new GuardedEngine(real, GuardPolicy.defaults("gcc" + ProcessHandle.current().pid()));
    return guarded;
  }

  @Override
  protected void close() {
    if (guarded != null) {
      guarded.close();
    }
    super.close();
  }
}
