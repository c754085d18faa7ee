package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ddlab.engine.Engine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code docker inspect}, {@code docker images} and {@code docker ps} answer an unchanged object or
 * listing with the text they last wrote for it ({@link OutputCache}); every change Docker shows
 * must show at once, typed in the same terminal whose pooled commands keep the texts. Each test
 * runs a command, changes something, and runs it again: the second output must differ from the
 * first and equal the output of a new docker CLI on the same node, which has kept nothing.
 */
class OutputCacheTest {
  private final TypedNode node =
      new TypedNode(
          5,
          "docker pull alpine",
          "docker network create net1",
          "docker run -d --name web alpine sleep 1d");
  private final Engine engine = node.engine();

  @AfterEach
  void close() {
    node.close();
  }

  /**
   * Runs {@code command} twice around {@code change}: the second output is what a new CLI prints,
   * and differs from the first.
   */
  private void changeShows(String command, String change) {
    String before = node.ok(command);
    assertEquals(before, node.ok(command), "nothing changed");
    node.ok(change);
    String after = node.ok(command);
    assertNotEquals(before, after, change);
    assertEquals(node.fresh(command), after, change);
  }

  @Test
  void a_rename_shows() {
    String id = engine.containers().inspect("web").id();
    changeShows("docker inspect " + id, "docker rename web site");
  }

  @Test
  void a_network_connect_shows() {
    changeShows("docker inspect web", "docker network connect net1 web");
  }

  @Test
  void a_network_disconnect_shows() {
    node.ok("docker network connect net1 web");
    changeShows("docker inspect web", "docker network disconnect net1 web");
  }

  @Test
  void a_stop_shows() {
    changeShows("docker inspect web", "docker stop -t 0 web");
  }

  @Test
  void a_start_shows() {
    node.ok("docker stop -t 0 web");
    changeShows("docker inspect web", "docker start web");
  }

  @Test
  void a_pause_shows() {
    changeShows("docker inspect web", "docker pause web");
  }

  @Test
  void a_restart_count_shows() {
    node.ok("docker run -d --name looping --restart always alpine sh -c 'sleep 1; false'");
    changeShows("docker inspect looping", "sleep 5");
  }

  @Test
  void an_update_of_the_restart_policy_shows() {
    changeShows("docker inspect web", "docker update --restart unless-stopped web");
  }

  @Test
  void an_update_of_the_memory_limit_shows() {
    changeShows("docker inspect web", "docker update --memory 64m --memory-swap 128m web");
  }

  @Test
  void a_running_exec_shows_in_exec_ids() {
    changeShows("docker inspect web", "docker exec -d web sleep 100");
  }

  @Test
  void a_health_check_s_result_shows() {
    node.ok("docker run -d --name checked --health-cmd true --health-interval 2s alpine sleep 1d");
    changeShows("docker inspect checked", "sleep 3");
    changeShows("docker inspect checked", "sleep 3");
  }

  @Test
  void a_new_tag_of_an_image_shows_in_its_inspect() {
    changeShows("docker inspect alpine", "docker tag alpine mine:v1");
  }

  @Test
  void a_network_s_new_container_shows() {
    changeShows(
        "docker network inspect net1", "docker run -d --name other --network net1 alpine sleep 1d");
  }

  @Test
  void a_new_tag_shows_in_docker_images() {
    changeShows("docker images", "docker tag alpine mine:v1");
  }

  @Test
  void a_removed_tag_goes_from_docker_images() {
    node.ok("docker tag alpine mine:v1");
    changeShows("docker images", "docker rmi mine:v1");
  }

  @Test
  void a_pulled_image_shows_in_docker_images() {
    changeShows("docker images", "docker pull busybox");
  }

  @Test
  void the_age_of_an_image_moves_with_the_clock_in_docker_images() {
    node.ok("docker commit web snapshot");
    changeShows("docker images", "sleep 3000");
  }

  /** Each form, run after the plain command, prints its own text: what a new CLI prints. */
  private void eachFormIsItsOwnTable(String plain, String... forms) {
    String table = node.ok(plain);
    for (String form : forms) {
      String text = node.ok(form);
      assertNotEquals(table, text, form);
      assertEquals(node.fresh(form), text, form);
    }
  }

  @Test
  void each_form_of_docker_images_is_its_own_table() {
    eachFormIsItsOwnTable(
        "docker images",
        "docker images --no-trunc",
        "docker images --digests",
        "docker images -q",
        "docker images --format {{.ID}}",
        "docker images --format {{.Repository}}");
  }

  /** A key of the CLI's own kind: a package-private record, as docker images' {@code Table}. */
  private record Key(String format, List<String> rows) {}

  @Test
  void a_key_of_a_package_private_record_is_kept_as_any_other() {
    OutputCache cache = new OutputCache();
    Key key = new Key("table", new ArrayList<>(List.of("alpine")));
    cache.offer(key, "text");
    cache.offer(key, "text");
    assertEquals("text", cache.get(new Key("table", List.of("alpine"))));
  }

  @Test
  void a_new_container_shows_in_docker_ps() {
    changeShows("docker ps -a", "docker create --name made alpine true");
  }

  @Test
  void a_stopped_container_shows_in_docker_ps() {
    changeShows("docker ps -a", "docker stop -t 0 web");
  }

  @Test
  void a_stopped_container_leaves_the_running_ones_in_docker_ps() {
    changeShows("docker ps", "docker stop -t 0 web");
  }

  @Test
  void a_removed_container_goes_from_docker_ps() {
    node.ok("docker create --name made alpine true");
    changeShows("docker ps -a", "docker rm made");
  }

  @Test
  void a_rename_shows_in_docker_ps() {
    changeShows("docker ps", "docker rename web site");
  }

  @Test
  void a_published_port_shows_in_docker_ps() {
    changeShows("docker ps", "docker run -d --name served -p 8080:80 alpine sleep 1d");
  }

  @Test
  void the_clock_moving_shows_in_docker_ps() {
    changeShows("docker ps -a", "sleep 300");
  }

  @Test
  void each_form_of_docker_ps_is_its_own_table() {
    node.ok("docker run --name done alpine true");
    eachFormIsItsOwnTable(
        "docker ps -a",
        "docker ps -a --no-trunc",
        "docker ps -a -q",
        "docker ps -a -s",
        "docker ps -a --format {{.Names}}",
        "docker ps -a --format {{.Status}}",
        "docker ps -a -n 1",
        "docker ps -a --filter status=exited");
  }

  /** A DTO shaped like the daemon's: a record around a list it may change in place later. */
  public record Shared(String id, List<String> tags, Map<String, String> labels) {}

  @Test
  void a_list_changed_in_place_after_the_text_was_kept_is_not_answered_from_it() {
    OutputCache cache = new OutputCache();
    List<String> tags = new ArrayList<>(List.of("a:1"));
    Map<String, String> labels = new LinkedHashMap<>(Map.of("k", "v"));
    Shared dto = new Shared("x", tags, labels);
    cache.put(dto, "text");
    assertSame("text", cache.get(new Shared("x", List.of("a:1"), Map.of("k", "v"))));
    tags.add("b:2");
    assertNull(cache.get(dto));
    tags.remove("b:2");
    labels.put("k", "w");
    assertNull(cache.get(dto));
  }

  /** A record whose constructor changes what it is given: a copy of one is another value. */
  public record Marked(List<String> tags) {
    public Marked {
      tags = new ArrayList<>(tags);
      tags.add("marked");
    }
  }

  @Test
  void a_dto_whose_copy_is_another_value_is_not_kept() {
    OutputCache cache = new OutputCache();
    cache.put(new Marked(List.of("a")), "[a marked]");
    // the copy of [a marked] is [a marked marked], which this one is
    assertNull(cache.get(new Marked(List.of("a", "marked"))));
  }

  @Test
  void values_of_types_not_known_to_be_immutable_are_not_kept() {
    OutputCache cache = new OutputCache();
    Object[] array = {"x"};
    cache.put(array, "array");
    assertNull(cache.get(array));
    Shared withSet = new Shared("x", null, null);
    cache.put(new Shared("x", null, null), "nulls");
    assertSame("nulls", cache.get(withSet));
    cache.put(Map.of("set", java.util.Set.of("a")), "set");
    assertNull(cache.get(Map.of("set", java.util.Set.of("a"))));
  }

  @Test
  void a_text_is_kept_only_when_its_value_is_offered_twice_in_a_row() {
    OutputCache cache = new OutputCache();
    // a listing of a moving clock: each value once, none kept
    cache.offer(new Shared("t1", List.of(), Map.of()), "at 1");
    cache.offer(new Shared("t2", List.of(), Map.of()), "at 2");
    cache.offer(new Shared("t1", List.of(), Map.of()), "at 1");
    assertNull(cache.get(new Shared("t1", List.of(), Map.of())));
    assertNull(cache.get(new Shared("t2", List.of(), Map.of())));
    // the same moment asked twice: kept from the second time
    cache.offer(new Shared("t1", List.of(), Map.of()), "at 1");
    assertSame("at 1", cache.get(new Shared("t1", List.of(), Map.of())));
  }
}
