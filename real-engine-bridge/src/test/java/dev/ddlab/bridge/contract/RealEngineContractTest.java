package dev.ddlab.bridge.contract;

import dev.ddlab.bridge.RealDocker;
import dev.ddlab.bridge.real.RealEngine;
import dev.ddlab.engine.Engine;
import java.time.Duration;

/**
 * The contract on a real dockerd (DDLAB_DOCKER_HOST, e.g. the private one of {@code ddlab
 * real-engine up}) through RealEngine. Skipped when none answers, unless DDLAB_REQUIRE_DOCKER=1.
 */
class RealEngineContractTest extends EngineContract {
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
    real.close();
  }
}
