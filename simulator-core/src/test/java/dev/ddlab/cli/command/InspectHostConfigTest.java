package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A container's HostConfig as {@code docker inspect} writes it: moby's {@code Mounts []mount.Mount
 * json:",omitempty"} and {@code Init *bool json:",omitempty"} are left out unless set, while a
 * template still reads them as the struct's nil values. Checked on the private dockerd (20.10, CLI
 * 28): a plain {@code docker create alpine true} has neither key and {@code {{.HostConfig.Init}}
 * {{json .HostConfig.Mounts}} {{json .HostConfig.Init}}} prints {@code <nil> null null}; with
 * {@code --init --mount type=volume,src=fidvol,dst=/d} the JSON ends {@code "Mounts": [{"Type":
 * "volume", "Source": "fidvol", "Target": "/d"}], …, "Init": true}.
 */
class InspectHostConfigTest {
  private final TypedNode node =
      new TypedNode(
          9,
          "docker pull alpine",
          "docker create --name plain alpine true",
          "docker create --name inited --init --mount type=volume,src=fidvol,dst=/d alpine true");

  @AfterEach
  void close() {
    node.close();
  }

  @Test
  void unset_mounts_and_init_are_left_out_of_the_json() {
    String json = node.ok("docker inspect plain");
    assertFalse(json.contains("\"Init\""), json);
    assertFalse(json.contains("\"Mounts\": null"), json);
    assertTrue(
        json.contains("\"Mounts\": [],\n        \"Config\""), "the container's own Mounts stay");
  }

  @Test
  void a_template_reads_them_as_nil() {
    assertEquals(
        "<nil> null null\n",
        node.ok(
            "docker inspect -f '{{.HostConfig.Init}} {{json .HostConfig.Mounts}} {{json"
                + " .HostConfig.Init}}' plain"));
  }

  @Test
  void set_mounts_and_init_are_written() {
    String json = node.ok("docker inspect inited");
    assertTrue(json.contains("\"Init\": true"), json);
    assertEquals(
        "true [{\"Type\":\"volume\",\"Source\":\"fidvol\",\"Target\":\"/d\"}]\n",
        node.ok("docker inspect -f '{{.HostConfig.Init}} {{json .HostConfig.Mounts}}' inited"));
  }
}
