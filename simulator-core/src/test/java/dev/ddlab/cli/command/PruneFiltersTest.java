package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The prune endpoints' filters as moby's daemon/prune.go reads them: {@code until} (a duration
 * before now or a time), {@code label} and {@code label!} on container and network prune as on
 * image prune, and the daemon's words for a bad key or a bad time; checked on the private dockerd
 * ({@code docker system prune -f --filter until=24h} → {@code Total reclaimed space: 0B}).
 */
class PruneFiltersTest {
  @RegisterExtension final TypedNode node = new TypedNode(11, "docker pull alpine");

  @Test
  void until_keeps_what_was_created_after_the_bound() {
    node.ok("docker create --name old alpine true");
    node.ok("docker network create oldnet");
    node.ok("sleep 7200");
    node.ok("docker create --name fresh alpine true");
    node.ok("docker network create freshnet");
    assertEquals(
        "Deleted Containers:\n"
            + node.ok("docker inspect -f '{{.Id}}' old")
            + "\nDeleted Networks:\noldnet\n\nTotal reclaimed space: 0B\n",
        node.ok("docker system prune -f --filter until=1h"));
    assertEquals("fresh\n", node.ok("docker ps -a --format '{{.Names}}'"));
  }

  @Test
  void label_and_label_not_select_containers_and_networks() {
    node.ok("docker create --name keeper --label keep=yes alpine true");
    node.ok("docker create --name loose alpine true");
    node.ok("docker network create --label keep=yes na");
    node.ok("docker network create nb");
    assertEquals(
        "Deleted Networks:\nnb\n\n", node.ok("docker network prune -f --filter 'label!=keep'"));
    assertEquals(
        "Deleted Containers:\n"
            + node.ok("docker inspect -f '{{.Id}}' loose")
            + "\nTotal reclaimed space: 0B\n",
        node.ok("docker container prune -f --filter 'label!=keep=yes'"));
    assertEquals("keeper\n", node.ok("docker ps -a --format '{{.Names}}'"));
  }

  @Test
  void a_bad_key_or_time_is_the_daemons_error_and_prunes_nothing() {
    node.ok("docker create --name keeper alpine true");
    TranscriptEntry e = node.typed("docker system prune -f --filter until=xyz");
    assertEquals(1, e.exitCode(), e.output());
    assertEquals(
        "Error response from daemon: failed to parse value as time or duration: \"xyz\"\n",
        e.output());
    e = node.typed("docker network prune -f --filter bogus=1");
    assertEquals("Error response from daemon: invalid filter 'bogus'\n", e.output());
    assertEquals("keeper\n", node.ok("docker ps -a --format '{{.Names}}'"));
  }
}
