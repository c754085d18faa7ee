package dev.ddlab.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SessionFactoriesTest {
  @Test
  void serve_finds_a_session_factory_for_the_simulated_and_for_the_real_engine() {
    assertEquals("sim", SessionFactories.forEngine("sim").engineKind());
    assertEquals("real", SessionFactories.forEngine("real").engineKind());
  }

  @Test
  void the_real_engine_offers_one_node_sessions_only() {
    SessionFactory real = SessionFactories.forEngine("real");
    assertEquals(
        java.util.List.of("single"),
        real.templates().stream()
            .filter(SessionTemplate::available)
            .map(SessionTemplate::name)
            .toList());
    assertThrows(IllegalArgumentException.class, () -> real.open("swarm-3m3w", 1));
  }
}
