package dev.ddlab.bridge.compose;

import dev.ddlab.bridge.RealDocker;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.Engine;

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
  protected void close() {
    if (real != null) {
      real.close();
    }
  }
}
