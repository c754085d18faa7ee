package dev.ddlab.bridge.compose;

import dev.ddlab.bridge.RealDocker;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.Engine;
import java.time.Duration;

/**
 * The compose contract on a real dockerd (DDLAB_DOCKER_HOST) through RealEngine: the same plugin
 * code as on the simulator. Skipped when none answers, unless DDLAB_REQUIRE_DOCKER=1.
 */
class RealComposeContractTest extends ComposeContract {
  private RealEngine real;

  @Override
  protected Engine open() {
    real = RealDocker.engineOrSkip();
    return real;
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
      real.close();
    }
  }
}
