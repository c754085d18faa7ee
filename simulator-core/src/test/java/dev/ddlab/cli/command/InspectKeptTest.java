package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.Frozen;
import dev.ddlab.engine.dto.ContainerInspect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated daemon hands {@code docker inspect} the container's inspect it kept, frozen, while
 * nothing the JSON shows has changed, and the CLI then answers with the text it kept by identity.
 * Every change Docker shows must show at once: each test inspects, changes one thing, inspects
 * again: the daemon's answer is a new object, equal to the one built anew (with sizes, which are
 * never kept, the sizes then left out), and the CLI's text moved and is what a new CLI prints.
 */
class InspectKeptTest {
  private final TypedNode node =
      new TypedNode(
          11,
          "docker pull alpine",
          "docker network create net1",
          "docker run -d --name web alpine sleep 1d",
          "docker create --name made alpine true");
  private final ContainersApi containers = node.engine().containers();

  @AfterEach
  void close() {
    node.close();
  }

  /** The daemon's inspect built anew: with sizes (never kept), the sizes then left out. */
  private ContainerInspect built(String name) {
    ContainerInspect c = containers.inspect(name, true);
    return new ContainerInspect(
        c.id(),
        c.created(),
        c.path(),
        c.args(),
        c.state(),
        c.image(),
        c.resolvConfPath(),
        c.hostnamePath(),
        c.hostsPath(),
        c.logPath(),
        c.name(),
        c.restartCount(),
        c.driver(),
        c.platform(),
        c.mountLabel(),
        c.processLabel(),
        c.appArmorProfile(),
        c.execIds(),
        c.hostConfig(),
        c.graphDriver(),
        null,
        null,
        c.mounts(),
        c.config(),
        c.networkSettings());
  }

  /**
   * Inspects {@code name} (twice: the second the kept answer), makes {@code change}, inspects
   * again: a new answer, equal to the one built anew, and a moved text as a new CLI prints it.
   */
  private void changeShows(String name, String change) {
    String before = node.ok("docker inspect " + name);
    ContainerInspect kept = containers.inspect(name, false);
    assertSame(kept, containers.inspect(name, false), "an unchanged container's kept inspect");
    node.ok(change);
    ContainerInspect after = containers.inspect(name, false);
    assertNotSame(kept, after, change);
    assertEquals(built(name), after, change + ": the kept inspect is the one built anew");
    String text = node.ok("docker inspect " + name);
    assertNotEquals(before, text, change);
    assertEquals(node.fresh("docker inspect " + name), text, change);
  }

  @Test
  void an_unchanged_container_is_the_same_frozen_object_and_the_same_text() {
    ContainerInspect first = containers.inspect("web", false);
    assertSame(first, containers.inspect("web", false));
    assertSame(first, containers.inspect(first.id().substring(0, 12), false), "by ID prefix");
    assertTrue(Frozen.isFrozen(first), "handed to every caller: nobody may change it");
    assertThrows(UnsupportedOperationException.class, () -> first.args().add("x"));
    assertEquals(built("web"), first);
    String text = node.ok("docker inspect web");
    assertEquals(text, node.ok("docker inspect web"));
    assertEquals(text, node.ok("docker inspect web"), "the CLI's kept text");
    assertEquals(node.fresh("docker inspect web"), text);
  }

  @Test
  void sizes_are_never_kept() {
    assertNotSame(containers.inspect("web", true), containers.inspect("web", true));
  }

  @Test
  void a_change_to_another_container_keeps_this_one() {
    ContainerInspect web = containers.inspect("web", false);
    node.ok("docker rename made other");
    node.ok("docker update --restart always other");
    assertSame(web, containers.inspect("web", false));
  }

  @Test
  void a_start_shows() {
    changeShows("made", "docker start made");
  }

  @Test
  void a_stop_shows() {
    changeShows("web", "docker stop -t 0 web");
  }

  @Test
  void a_kill_shows() {
    changeShows("web", "docker kill web");
  }

  @Test
  void a_container_that_exits_by_itself_shows() {
    node.ok("docker run -d --name short alpine sleep 5");
    changeShows("short", "sleep 6");
  }

  @Test
  void a_failed_start_shows_its_error() {
    node.ok("docker create --name broken alpine no-such-program");
    ContainerInspect created = containers.inspect("broken", false);
    assertSame(created, containers.inspect("broken", false));
    node.typed("docker start broken");
    ContainerInspect failed = containers.inspect("broken", false);
    assertNotSame(created, failed);
    assertEquals(built("broken"), failed);
    assertTrue(failed.state().error().contains("no-such-program"), failed.state().error());
    assertEquals(127, failed.state().exitCode());
  }

  @Test
  void a_pause_and_an_unpause_show() {
    changeShows("web", "docker pause web");
    changeShows("web", "docker unpause web");
  }

  @Test
  void a_rename_shows() {
    String id = containers.inspect("web", false).id();
    changeShows(id, "docker rename web site");
  }

  @Test
  void a_restart_shows() {
    changeShows("web", "docker restart -t 0 web");
  }

  @Test
  void a_restart_count_shows() {
    node.ok("docker run -d --name looping --restart always alpine sh -c 'sleep 1; false'");
    changeShows("looping", "sleep 5");
  }

  @Test
  void a_network_connect_and_disconnect_show() {
    changeShows("web", "docker network connect net1 web");
    changeShows("web", "docker network disconnect net1 web");
  }

  @Test
  void a_network_connect_of_a_stopped_container_shows() {
    changeShows("made", "docker network connect net1 made");
  }

  @Test
  void an_update_shows() {
    changeShows("web", "docker update --restart unless-stopped web");
    changeShows("web", "docker update --memory 64m --memory-swap 128m web");
  }

  @Test
  void an_exec_shows_in_exec_ids_and_goes_when_it_ends() {
    changeShows("web", "docker exec -d web sleep 10");
    changeShows("web", "sleep 11");
  }

  @Test
  void each_health_check_s_result_shows_in_its_log() {
    node.ok("docker run -d --name checked --health-cmd true --health-interval 2s alpine sleep 1d");
    changeShows("checked", "sleep 3"); // starting -> healthy
    changeShows("checked", "sleep 2"); // healthy, one more result in the log
  }

  @Test
  void a_published_port_shows_once_started() {
    node.ok("docker create --name served -p 8080:80 alpine sleep 1d");
    changeShows("served", "docker start served");
  }
}
