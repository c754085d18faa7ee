package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.dto.ContainerSummary;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code docker inspect -s CONTAINER}: the daemon adds SizeRw and SizeRootFs (moby's
 * ContainerJSONBase, {@code *int64} with omitempty, after GraphDriver), the sizes {@code docker ps
 * -s} shows; without {@code -s} the typed struct's nil pointers print {@code <nil>} and the JSON
 * leaves them out. Checked on the private dockerd (20.10): {@code "SizeRw": 3, "SizeRootFs":
 * 1984301} between GraphDriver and Mounts; {@code {{.SizeRw}} {{.SizeRootFs}} {{json .SizeRw}}}
 * without -s prints {@code <nil> <nil> null}.
 */
class InspectSizeTest {
  private final TypedNode node =
      new TypedNode(
          7,
          "docker pull alpine",
          "docker run -d --name web alpine sh -c 'echo hi > /f; sleep 1000'");

  @AfterEach
  void close() {
    node.close();
  }

  private String ok(String line) {
    return node.ok(line);
  }

  private ContainerSummary listedWithSizes() {
    return node.engine().containers().list(true, 0, true, Map.of()).get(0);
  }

  @Test
  void inspect_with_size_adds_the_sizes_after_the_graph_driver() {
    ContainerSummary c = listedWithSizes();
    assertTrue(c.sizeRw() > 0, "the container wrote /f");
    for (String command :
        new String[] {"docker inspect -s web", "docker container inspect -s web"}) {
      String json = ok(command);
      String sizes =
          "        },\n"
              + "        \"SizeRw\": "
              + c.sizeRw()
              + ",\n        \"SizeRootFs\": "
              + c.sizeRootFs()
              + ",\n        \"Mounts\": [],\n";
      assertTrue(json.contains(sizes), command + "\n" + json);
    }
  }

  @Test
  void inspect_without_size_has_nil_sizes_and_leaves_them_out_of_the_json() {
    assertEquals(
        "<nil> <nil> null\n",
        ok("docker inspect -f '{{.SizeRw}} {{.SizeRootFs}} {{json .SizeRw}}' web"));
    assertTrue(!ok("docker inspect web").contains("\"SizeRw\""));
  }

  @Test
  void a_template_reads_the_sizes_with_size() {
    ContainerSummary c = listedWithSizes();
    assertEquals(
        c.sizeRw() + " " + c.sizeRootFs() + "\n",
        ok("docker inspect -s -f '{{.SizeRw}} {{.SizeRootFs}}' web"));
  }
}
