package dev.ddlab.bridge.compose;

import dev.ddlab.bridge.RealDocker;
import dev.ddlab.bridge.guard.GuardPolicy;
import dev.ddlab.bridge.guard.GuardedEngine;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.Engine;
import java.time.Duration;

/**
 * The compose contract through the classroom guard on a real dockerd (DDLAB_DOCKER_HOST): compose
 * sees only the session's names ({@code <project>-web-1}, {@code <project>_front}) while the daemon
 * holds them with the session's suffix, and the aliases still let services reach each other.
 */
class GuardedComposeContractTest extends ComposeContract {
  private RealEngine real;
  private GuardedEngine guarded;

  @Override
  protected Engine open() {
    real = RealDocker.engineOrSkip();
    guarded = new GuardedEngine(real, GuardPolicy.defaults("gcc" + ProcessHandle.current().pid()));
    return guarded;
  }

  @Override
  protected void letTimePass(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  protected void close() {
    if (real != null) {
      guarded.close();
      real.close();
    }
  }
}
