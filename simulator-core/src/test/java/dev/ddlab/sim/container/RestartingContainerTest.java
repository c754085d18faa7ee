package dev.ddlab.sim.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.RestartPolicy;
import dev.ddlab.sim.host.Cluster;
import dev.ddlab.sim.host.DockerHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A restarting container has no process: stop, kill and rm -f only drop its pending restart (stop,
 * kill and delete share {@link Kill#killWithSignal} for this), and none of them emits a {@code
 * kill} event. Checked on Docker 20.10 with a {@code --restart always busybox false} caught while
 * restarting: stop gives "stop", rm -f "destroy", kill nothing.
 */
class RestartingContainerTest {
  private final Cluster cluster = Cluster.single(3);
  private final DockerHost node = cluster.node("node1");
  private final ContainersApi api = node.engine().containers();

  @BeforeEach
  void pull() {
    node.engine().images().pull("alpine", null, false, p -> {});
  }

  /** A container whose PID 1 fails at once and whose policy brings it back: Restarting (1). */
  private String restarting(String name) {
    HostConfig always = Containers.withPolicy(HostConfig.none(), new RestartPolicy("always", 0));
    String id =
        api.create(name, ContainerConfig.command("alpine", List.of("false")), always, null, null)
            .id();
    api.start(id);
    assertEquals("restarting", api.inspect(id).state().status());
    return id;
  }

  /** The container's events after its first run (create, start, die). */
  private List<String> laterEvents(String id) {
    List<EventMessage> all = node.engine().system().events(null, null, Map.of());
    List<String> actions =
        all.stream().filter(e -> id.equals(e.actor().id())).map(EventMessage::action).toList();
    assertEquals(List.of("create", "start", "die"), actions.subList(0, 3));
    return actions.subList(3, actions.size());
  }

  private void letTimePass() {
    cluster.clock().advance(Duration.ofMinutes(1));
  }

  @Test
  void stop_drops_the_pending_restart_with_only_a_stop_event() {
    String id = restarting("looping");
    api.stop(id, null, null);
    letTimePass();
    assertEquals("exited", api.inspect(id).state().status());
    assertEquals(1, api.inspect(id).state().exitCode());
    assertEquals(1, api.inspect(id).restartCount());
    assertEquals(List.of("stop"), laterEvents(id));
  }

  @Test
  void kill_drops_the_pending_restart_without_an_event_and_a_second_kill_finds_it_stopped() {
    String id = restarting("looping");
    api.kill(id, null);
    letTimePass();
    assertEquals("exited", api.inspect(id).state().status());
    assertEquals(List.of(), laterEvents(id));
    EngineException again = assertThrows(EngineException.class, () -> api.kill(id, null));
    assertEquals(409, again.status());
  }

  @Test
  void force_remove_destroys_it_without_a_kill_event() {
    String id = restarting("looping");
    api.remove(id, true, false);
    letTimePass();
    assertEquals(List.of("destroy"), laterEvents(id));
  }
}
