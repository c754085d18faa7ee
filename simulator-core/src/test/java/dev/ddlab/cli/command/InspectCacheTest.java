package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ddlab.cli.formatter.InspectData;
import dev.ddlab.cli.template.GoJson;
import dev.ddlab.engine.Engine;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code docker inspect} answers an unchanged object with the text it last wrote for it ({@link
 * InspectCache}); every change Docker shows in an inspect must show at once, typed in the same
 * terminal whose pooled inspect command keeps the texts. Each test inspects, changes the object,
 * and inspects again: the second output must differ from the first and equal the JSON written
 * afresh from the daemon's DTO.
 */
class InspectCacheTest {
  private final SimSession s = SimSession.open("single", 5);
  private final Engine engine = s.engine("node1");

  InspectCacheTest() {
    ok("docker pull alpine");
    ok("docker network create net1");
    ok("docker run -d --name web alpine sleep 1d");
  }

  @AfterEach
  void close() {
    s.close();
  }

  private String ok(String line) {
    TranscriptEntry e = s.type("node1", line);
    assertEquals(0, e.exitCode(), line + "\n" + e.output());
    return e.output();
  }

  /** The object's inspect as written from its DTO now, without any kept text. */
  private static String fresh(Object dto) {
    return GoJson.marshalIndentLine(List.of(InspectData.json(dto)));
  }

  /**
   * Inspects {@code ref} twice around {@code change}: the second output is the object's JSON
   * written afresh, and differs from the first.
   */
  private void changeShows(String inspect, String change, Function<Engine, Object> dto) {
    String before = ok(inspect);
    assertEquals(before, ok(inspect), "an unchanged object inspects the same");
    ok(change);
    String after = ok(inspect);
    assertNotEquals(before, after, change);
    assertEquals(fresh(dto.apply(engine)), after, change);
  }

  private void containerChangeShows(String change, String name) {
    changeShows("docker inspect " + name, change, engine -> engine.containers().inspect(name));
  }

  @Test
  void a_rename_shows() {
    String id = engine.containers().inspect("web").id();
    changeShows(
        "docker inspect " + id,
        "docker rename web site",
        engine -> engine.containers().inspect(id));
  }

  @Test
  void a_network_connect_shows() {
    containerChangeShows("docker network connect net1 web", "web");
  }

  @Test
  void a_network_disconnect_shows() {
    ok("docker network connect net1 web");
    containerChangeShows("docker network disconnect net1 web", "web");
  }

  @Test
  void a_stop_shows() {
    containerChangeShows("docker stop -t 0 web", "web");
  }

  @Test
  void a_start_shows() {
    ok("docker stop -t 0 web");
    containerChangeShows("docker start web", "web");
  }

  @Test
  void a_pause_shows() {
    containerChangeShows("docker pause web", "web");
  }

  @Test
  void a_restart_count_shows() {
    ok("docker run -d --name looping --restart always alpine sh -c 'sleep 1; false'");
    containerChangeShows("sleep 5", "looping");
  }

  @Test
  void an_update_of_the_restart_policy_shows() {
    containerChangeShows("docker update --restart unless-stopped web", "web");
  }

  @Test
  void an_update_of_the_memory_limit_shows() {
    containerChangeShows("docker update --memory 64m web", "web");
  }

  @Test
  void a_running_exec_shows_in_exec_ids() {
    containerChangeShows("docker exec -d web sleep 100", "web");
  }

  @Test
  void a_health_check_s_result_shows() {
    ok("docker run -d --name checked --health-cmd true --health-interval 2s alpine sleep 1d");
    containerChangeShows("sleep 3", "checked");
    containerChangeShows("sleep 3", "checked");
  }

  @Test
  void a_new_tag_of_an_image_shows() {
    changeShows(
        "docker inspect alpine",
        "docker tag alpine mine:v1",
        engine -> engine.images().inspect("alpine"));
  }

  @Test
  void a_network_s_new_container_shows() {
    changeShows(
        "docker network inspect net1",
        "docker run -d --name other --network net1 alpine sleep 1d",
        engine -> engine.networks().inspect("net1"));
  }

  /** A DTO shaped like the daemon's: a record around a list it may change in place later. */
  public record Shared(String id, List<String> tags, Map<String, String> labels) {}

  @Test
  void a_list_changed_in_place_after_the_text_was_kept_is_not_answered_from_it() {
    InspectCache cache = new InspectCache();
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
    InspectCache cache = new InspectCache();
    cache.put(new Marked(List.of("a")), "[a marked]");
    // the copy of [a marked] is [a marked marked], which this one is
    assertNull(cache.get(new Marked(List.of("a", "marked"))));
  }

  @Test
  void values_of_types_not_known_to_be_immutable_are_not_kept() {
    InspectCache cache = new InspectCache();
    Object[] array = {"x"};
    cache.put(array, "array");
    assertNull(cache.get(array));
    Shared withSet = new Shared("x", null, null);
    cache.put(new Shared("x", null, null), "nulls");
    assertSame("nulls", cache.get(withSet));
    cache.put(Map.of("set", java.util.Set.of("a")), "set");
    assertNull(cache.get(Map.of("set", java.util.Set.of("a"))));
  }
}
