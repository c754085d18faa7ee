package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.go.GoUnits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated daemon hands {@code docker ps} the listing it kept while nothing the listing shows
 * has changed (its listing version, and the time no duration in it reads otherwise), and {@code
 * docker ps} then prints the table it kept. Every change Docker shows must show at once: each test
 * lists, changes one thing, lists again, and the second table must differ from the first and be
 * what a new docker CLI prints, while the daemon's list is a new one.
 */
class ListingVersionTest {
  private final TypedNode node =
      new TypedNode(
          7,
          "docker pull alpine",
          "docker pull busybox",
          "docker network create net1",
          "docker run -d --name web alpine sleep 1d",
          "docker create --name made alpine true");
  private final Engine engine = node.engine();
  private final ContainersApi containers = engine.containers();

  @AfterEach
  void close() {
    node.close();
  }

  /** The daemon's listing as docker ps -a asks for it (the daemon keeps its last one). */
  private List<ContainerSummary> all() {
    return containers.list(true, -1, false, Map.of());
  }

  /**
   * Lists with {@code command} (twice: the second from what was kept), makes {@code change}, lists
   * again: the table moved, as a new CLI prints it, and the daemon's listing is a new one.
   */
  private void changeShows(String command, String change) {
    String before = node.ok(command);
    assertEquals(before, node.ok(command), "nothing changed");
    List<ContainerSummary> kept = all();
    assertSame(kept, all(), "an unchanged listing is the kept one");
    node.ok(change);
    assertNotSame(kept, all(), change);
    assertEquals(built(), all(), change + ": the rows kept per container are the rows built anew");
    String after = node.ok(command);
    assertNotEquals(before, after, change);
    assertEquals(node.fresh(command), after, change);
  }

  /**
   * docker ps -a as the daemon builds it when it keeps nothing: with sizes ({@code -s}, never kept,
   * every row built), the sizes then left out.
   */
  private List<ContainerSummary> built() {
    return containers.list(true, -1, true, Map.of()).stream()
        .map(
            c ->
                new ContainerSummary(
                    c.id(),
                    c.names(),
                    c.image(),
                    c.imageId(),
                    c.command(),
                    c.created(),
                    c.ports(),
                    null,
                    null,
                    c.labels(),
                    c.state(),
                    c.status(),
                    c.hostConfig(),
                    c.networkSettings(),
                    c.mounts()))
        .toList();
  }

  /** The daemon's row of the container named {@code name} in {@code listing}. */
  private static ContainerSummary row(List<ContainerSummary> listing, String name) {
    return listing.stream().filter(c -> c.names().contains("/" + name)).findFirst().orElseThrow();
  }

  @Test
  void a_change_to_one_container_builds_its_row_only_and_hands_back_the_others_as_they_were() {
    node.ok("docker run -d --name other alpine sleep 1d");
    List<ContainerSummary> before = all();
    String table = node.ok("docker ps -a");
    node.ok("docker rename web site");
    List<ContainerSummary> after = all();
    assertNotSame(before, after);
    assertNotSame(row(before, "web"), row(after, "site"), "the renamed container's row is new");
    assertSame(row(before, "other"), row(after, "other"), "a row whose container did not change");
    assertSame(row(before, "made"), row(after, "made"));
    assertEquals(built(), after);
    String renamed = node.ok("docker ps -a");
    assertNotEquals(table, renamed);
    assertEquals(node.fresh("docker ps -a"), renamed);
    assertEquals(table.replace(" web\n", " site\n"), renamed);
  }

  @Test
  void a_row_whose_own_version_moved_is_built_again_each_time() {
    List<ContainerSummary> first = all();
    node.ok("docker pause web");
    List<ContainerSummary> paused = all();
    assertNotSame(row(first, "web"), row(paused, "web"));
    assertSame(row(first, "made"), row(paused, "made"));
    assertEquals(
        true, row(paused, "web").status().endsWith("(Paused)"), row(paused, "web").status());
    node.ok("docker unpause web");
    List<ContainerSummary> unpaused = all();
    assertNotSame(row(paused, "web"), row(unpaused, "web"));
    assertSame(row(first, "made"), row(unpaused, "made"));
    assertEquals(built(), unpaused);
    assertEquals(node.fresh("docker ps"), node.ok("docker ps"));
  }

  @Test
  void a_network_change_builds_every_row_again() {
    List<ContainerSummary> before = all();
    node.ok("docker network connect net1 web");
    List<ContainerSummary> after = all();
    // the network controller's counter is shared by every row: none is handed back as it was
    assertNotSame(row(before, "made"), row(after, "made"));
    assertEquals(built(), after);
  }

  @Test
  void a_row_s_status_duration_moving_builds_that_row_again() {
    node.ok("sleep 50"); // web: Up 50 seconds; made: Created, no duration
    List<ContainerSummary> before = all();
    node.ok("sleep 2");
    List<ContainerSummary> after = all();
    assertNotSame(row(before, "web"), row(after, "web"));
    assertSame(row(before, "made"), row(after, "made"), "a status without a duration holds");
    assertEquals(built(), after);
    assertEquals(node.fresh("docker ps -a"), node.ok("docker ps -a"));
  }

  @Test
  void an_unchanged_listing_is_the_same_list_and_the_same_table() {
    String table = node.ok("docker ps -a");
    List<ContainerSummary> first = all();
    assertSame(first, all());
    assertEquals(table, node.ok("docker ps -a"));
    assertEquals(node.fresh("docker ps -a"), node.ok("docker ps -a"));
  }

  @Test
  void a_start_shows() {
    changeShows("docker ps -a", "docker start made");
  }

  @Test
  void a_stop_shows() {
    changeShows("docker ps", "docker stop -t 0 web");
  }

  @Test
  void a_container_that_exits_by_itself_shows() {
    node.ok("docker run -d --name short alpine sleep 5");
    changeShows("docker ps -a", "sleep 6");
  }

  @Test
  void a_rename_shows() {
    changeShows("docker ps", "docker rename web site");
  }

  @Test
  void a_removal_shows() {
    changeShows("docker ps -a", "docker rm made");
  }

  @Test
  void a_new_container_shows() {
    changeShows("docker ps -a", "docker create --name more alpine true");
  }

  @Test
  void a_pause_shows() {
    changeShows("docker ps", "docker pause web");
  }

  @Test
  void a_network_connect_shows() {
    changeShows("docker ps --format {{.Networks}}", "docker network connect net1 web");
  }

  @Test
  void a_network_connect_of_a_stopped_container_shows() {
    changeShows(
        "docker ps -a --format {{.Names}}:{{.Networks}}", "docker network connect net1 made");
  }

  @Test
  void a_network_disconnect_shows() {
    node.ok("docker network connect net1 web");
    changeShows("docker ps --format {{.Networks}}", "docker network disconnect net1 web");
  }

  @Test
  void a_published_port_shows() {
    changeShows("docker ps", "docker run -d --name served -p 8080:80 alpine sleep 1d");
  }

  @Test
  void a_moved_tag_shows_as_the_image_s_short_id() {
    node.ok("docker tag alpine mine:v1");
    node.ok("docker run -d --name tagged mine:v1 sleep 1d");
    changeShows("docker ps", "docker tag busybox mine:v1");
  }

  @Test
  void a_removed_tag_shows_as_the_image_s_short_id() {
    node.ok("docker tag alpine mine:v1");
    node.ok("docker run -d --name tagged mine:v1 sleep 1d");
    changeShows("docker ps", "docker rmi mine:v1");
  }

  @Test
  void a_health_check_s_result_shows() {
    node.ok("docker run -d --name checked --health-cmd true --health-interval 2s alpine sleep 1d");
    changeShows("docker ps", "sleep 3");
  }

  @Test
  void the_clock_crossing_about_a_minute_to_2_minutes_shows() {
    node.ok("sleep 110"); // web is "Up About a minute", made "Created About a minute ago"
    changeShows("docker ps -a", "sleep 10");
    assertEquals(true, node.ok("docker ps -a").contains("Up 2 minutes"), node.ok("docker ps -a"));
  }

  @Test
  void the_clock_moving_within_one_duration_keeps_the_listing() {
    node.ok("sleep 300"); // Up 5 minutes
    List<ContainerSummary> kept = all();
    String table = node.ok("docker ps -a");
    node.ok("sleep 20");
    assertSame(kept, all(), "still Up 5 minutes, 5 minutes ago");
    assertEquals(table, node.ok("docker ps -a"));
    assertEquals(node.fresh("docker ps -a"), node.ok("docker ps -a"));
  }

  @Test
  void each_form_is_its_own_table_and_each_filter_its_own_listing() {
    node.ok("docker run --name done alpine true");
    String table = node.ok("docker ps -a");
    for (String form :
        List.of(
            "docker ps",
            "docker ps -a --no-trunc",
            "docker ps -a -q",
            "docker ps -a -s",
            "docker ps -a --format {{.Names}}",
            "docker ps -a --format {{.RunningFor}}",
            "docker ps -n 1",
            "docker ps -l",
            "docker ps -a --filter status=exited",
            "docker ps -a --filter name=web",
            "docker ps -a --filter network=net1")) {
      String text = node.ok(form);
      assertNotEquals(table, text, form);
      assertEquals(node.fresh(form), text, form);
      assertEquals(table, node.ok("docker ps -a"), "back to the plain table after " + form);
    }
  }

  @Test
  void sizes_are_listed_anew_each_time() {
    String before = node.ok("docker ps -s");
    node.ok("docker exec web sh -c 'seq 1 20000 > /big'");
    String after = node.ok("docker ps -s");
    assertNotEquals(before, after);
    assertEquals(node.fresh("docker ps -s"), after);
  }

  @Test
  void a_filter_naming_a_removed_container_is_refused_again() {
    node.ok("docker ps -a --filter before=made");
    node.ok("docker rm made");
    assertEquals(1, node.session.type("node1", "docker ps -a --filter before=made").exitCode());
  }

  /** docker events up to now, as the bench types it: the node's virtual time in seconds. */
  private String eventsUpToNow(String options) {
    long now = engine.system().nowNanos() / 1_000_000_000L;
    return "docker events --since 0 --until " + now + options;
  }

  @Test
  void docker_events_answers_the_kept_list_until_an_event_comes() {
    String line = eventsUpToNow("");
    String before = node.ok(line);
    List<dev.ddlab.engine.dto.EventMessage> kept =
        engine.system().events("0", line.substring(line.lastIndexOf(' ') + 1), Map.of());
    assertSame(
        kept, engine.system().events("0", line.substring(line.lastIndexOf(' ') + 1), Map.of()));
    assertEquals(before, node.ok(line));
    node.ok("docker rename web site");
    String after = node.ok(line);
    assertNotEquals(before, after);
    assertEquals(node.fresh(line), after);
    assertEquals(true, after.contains("container rename"), after);
  }

  @Test
  void docker_events_after_a_new_event_keeps_no_line_of_another_format() {
    String plain = eventsUpToNow("");
    node.ok(plain);
    node.ok("docker rename web site");
    String actions = eventsUpToNow(" --format {{.Action}}");
    assertEquals(node.fresh(actions), node.ok(actions));
    node.ok("docker rename site web");
    String again = node.ok(eventsUpToNow(""));
    assertEquals(node.fresh(eventsUpToNow("")), again);
    assertEquals(true, again.contains("container rename"), again);
    node.ok("docker rename web site"); // one new event: the earlier lines kept, the new one written
    assertEquals(node.fresh(eventsUpToNow("")), node.ok(eventsUpToNow("")));
  }

  @Test
  void each_form_and_filter_of_docker_events_is_its_own_text() {
    String plain = node.ok(eventsUpToNow(""));
    for (String options :
        List.of(
            " --format {{.Action}}",
            " --format {{.Type}}",
            " --filter type=network",
            " --filter container=made")) {
      String line = eventsUpToNow(options);
      String text = node.ok(line);
      assertNotEquals(plain, text, options);
      assertEquals(node.fresh(line), text, options);
      assertEquals(plain, node.ok(eventsUpToNow("")), "back to the plain events after" + options);
    }
  }

  @Test
  void docker_logs_answers_the_kept_frames_until_the_container_prints_again() {
    node.ok(
        "docker run -d --name talker alpine sh -c 'for i in 1 2 3 4 5 6; do echo line $i; sleep 1; done'");
    node.ok("sleep 2");
    dev.ddlab.engine.dto.LogsOptions all =
        new dev.ddlab.engine.dto.LogsOptions(true, true, null, null, false, null);
    String before = node.ok("docker logs talker");
    assertSame(containers.logs("talker", all), containers.logs("talker", all));
    assertEquals(before, node.ok("docker logs talker"));
    node.ok("sleep 2");
    String after = node.ok("docker logs talker");
    assertNotEquals(before, after);
    assertEquals(node.fresh("docker logs talker"), after);
    for (String form :
        List.of(
            "docker logs --tail 1 talker",
            "docker logs -t talker",
            "docker logs --since 1s talker")) {
      assertEquals(node.fresh(form), node.ok(form), form);
      assertNotEquals(after, node.ok(form), form);
    }
    node.ok("docker rm -f talker");
    node.ok("docker run --name talker alpine echo again");
    assertEquals("again\n", node.ok("docker logs talker"));
  }

  @Test
  void a_duration_s_text_holds_until_the_time_its_window_ends() {
    long[] samples = {
      0,
      999_999_999L,
      1_000_000_000L,
      59_999_999_999L,
      60_000_000_000L,
      119_999_999_999L,
      3_599_999_999_999L,
      3_600_000_000_000L,
      5_399_000_000_000L,
      5_400_000_000_000L,
      172_799_000_000_000L,
      1_209_600_000_000_000L,
      63_072_000_000_000_000L,
      -5
    };
    for (long d : samples) {
      long until = GoUnits.humanDurationUntil(d);
      assertEquals(true, until > d, "after " + d);
      assertEquals(GoUnits.humanDuration(d), GoUnits.humanDuration(until - 1), "until " + d);
    }
    // where the whole-second and minute texts change, the window ends exactly there
    assertEquals(120_000_000_000L, GoUnits.humanDurationUntil(60_000_000_000L));
    assertEquals(2_000_000_000L, GoUnits.humanDurationUntil(1_500_000_000L));
  }
}
