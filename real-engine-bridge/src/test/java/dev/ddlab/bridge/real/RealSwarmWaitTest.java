package dev.ddlab.bridge.real;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.EngineException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RealSwarmWaitTest {
  @Test
  void an_interrupted_progress_wait_ends_instead_of_polling_on_without_sleeping() {
    RealSwarm.Services services = new RealSwarm.Services(null);
    Thread.currentThread().interrupt();
    try {
      EngineException e =
          assertThrows(EngineException.class, () -> services.waitFor(Duration.ofSeconds(5)));
      assertTrue(e.getMessage().startsWith("Operation continuing in background."));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
    } finally {
      Thread.interrupted();
    }
  }
}
