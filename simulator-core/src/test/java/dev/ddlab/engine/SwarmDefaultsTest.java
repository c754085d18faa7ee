package dev.ddlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** An engine without Swarm answers every Swarm request as dockerd in no swarm does. */
class SwarmDefaultsTest {
  private static final String NOT_MANAGER =
      "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to"
          + " connect this node to swarm and try again.";

  /** An engine that implements only the parts every engine had before Swarm. */
  private final Engine engine =
      new Engine() {
        @Override
        public ImagesApi images() {
          return null;
        }

        @Override
        public ContainersApi containers() {
          return null;
        }

        @Override
        public NetworksApi networks() {
          return null;
        }

        @Override
        public VolumesApi volumes() {
          return null;
        }

        @Override
        public SystemApi system() {
          return null;
        }
      };

  private static void answers503(String text, Runnable call) {
    EngineException e = assertThrows(EngineException.class, call::run);
    assertEquals(503, e.status());
    assertEquals(text, e.getMessage());
  }

  @Test
  void every_manager_request_answers_503_not_a_swarm_manager() {
    List<Runnable> calls =
        List.of(
            () -> engine.swarm().inspect(),
            () -> engine.swarm().unlockKey(),
            () -> engine.swarm().unlock("SWMKEY-1-x"),
            () -> engine.nodes().list(Map.of()),
            () -> engine.nodes().inspect("self"),
            () -> engine.services().list(Map.of(), true),
            () -> engine.services().create(null),
            () -> engine.services().waitFor(java.time.Duration.ofMillis(500)),
            () -> engine.tasks().list(Map.of()),
            () -> engine.secrets().list(Map.of()),
            () -> engine.configs().inspect("c"));
    calls.forEach(c -> answers503(NOT_MANAGER, c));
  }

  @Test
  void leave_answers_this_node_is_not_part_of_a_swarm() {
    answers503("This node is not part of a swarm", () -> engine.swarm().leave(false));
  }

  @Test
  void following_service_logs_is_refused_before_any_listener_is_kept() {
    Consumer<dev.ddlab.engine.dto.swarm.TaskLogFrame> never =
        f -> {
          throw new AssertionError(f);
        };
    answers503(NOT_MANAGER, () -> engine.services().followLogs("web", never));
  }
}
