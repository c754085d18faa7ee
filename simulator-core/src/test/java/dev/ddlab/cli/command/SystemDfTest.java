package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.SystemDf;
import dev.ddlab.go.GoUnits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code docker system df} as the private dockerd answers after committing a 50 kB file (`head -c
 * 50000 /dev/zero` there; `seq 10000`, 48,894 bytes, here: the simulated /dev has no zero yet) over
 * alpine and running two containers of the commit (Engine 20.10.24, typed on 2026-12-07): the
 * images' table counts the shared alpine layer once (SIZE 2.034MB, not alpine's twice), the image
 * the containers were made from is active (1 of 2), its SHARED SIZE is alpine's and its UNIQUE SIZE
 * its own layer, and what could be reclaimed is the unused alpine image's size (97%).
 */
class SystemDfTest {
  private final TypedNode node =
      new TypedNode(
          11,
          "docker pull alpine",
          "docker run --name dfc alpine sh -c 'seq 10000 > /big'",
          "docker commit dfc dfimg:v1",
          "docker rm dfc",
          "docker run -d --name dfweb dfimg:v1 sleep 1000",
          "docker create --name dfmade dfimg:v1");

  @AfterEach
  void close() {
    node.close();
  }

  private ImageSummary image(SystemDf df, String tag) {
    return df.images().stream()
        .filter(i -> i.repoTags() != null && i.repoTags().contains(tag))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void a_layer_two_images_share_is_counted_once_and_shared_by_both() {
    SystemDf df = node.engine().system().df();
    ImageSummary alpine = image(df, "alpine:latest");
    ImageSummary committed = image(df, "dfimg:v1");
    assertTrue(committed.size() >= alpine.size() + 48_894, "the commit adds its file");
    assertEquals(committed.size(), df.layersSize(), "alpine's layer once, the commit's once");
    assertEquals(alpine.size(), committed.sharedSize());
    assertEquals(alpine.size(), alpine.sharedSize());
  }

  @Test
  void every_container_made_from_an_image_counts_running_or_not() {
    SystemDf df = node.engine().system().df();
    assertEquals(2, image(df, "dfimg:v1").containers());
    assertEquals(0, image(df, "alpine:latest").containers());
  }

  @Test
  void the_images_row_counts_the_active_image_and_reclaims_the_unused_one() {
    SystemDf df = node.engine().system().df();
    long alpine = image(df, "alpine:latest").size();
    long total = image(df, "dfimg:v1").size();
    String row =
        node.ok("docker system df").lines().filter(l -> l.startsWith("Images")).findFirst().get();
    assertEquals(
        "Images          2         1         "
            + GoUnits.humanSize4(total)
            + "   "
            + GoUnits.humanSize4(alpine)
            + " ("
            + (100 * alpine / total)
            + "%)",
        row);
  }

  @Test
  void the_verbose_table_shows_shared_and_unique_size_and_the_containers() {
    SystemDf df = node.engine().system().df();
    ImageSummary committed = image(df, "dfimg:v1");
    String line =
        node.ok("docker system df -v").lines().filter(l -> l.startsWith("dfimg")).findFirst().get();
    String[] cells = line.split(" {2,}");
    assertEquals(GoUnits.humanSize4(committed.sharedSize()), cells[5], line);
    assertEquals(GoUnits.humanSize4(committed.size() - committed.sharedSize()), cells[6], line);
    assertEquals("2", cells[7], line);
  }
}
