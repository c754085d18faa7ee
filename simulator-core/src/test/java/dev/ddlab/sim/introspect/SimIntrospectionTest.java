package dev.ddlab.sim.introspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.introspect.ContainersView.ContainerInfo;
import dev.ddlab.introspect.ImagesView.ImageLayers;
import dev.ddlab.introspect.Introspection;
import dev.ddlab.session.SimSession;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The introspection views of a simulated session, driven by commands typed at its shell. */
class SimIntrospectionTest {
  private final SimSession session = SimSession.open("single", 5);
  private final Introspection look = session.introspection();

  private void type(String line) {
    var e = session.type("node1", line);
    assertEquals(0, e.exitCode(), e.output());
  }

  @Test
  void nodes_are_listed_with_their_address_and_daemon_state() {
    assertTrue(look.simulated());
    assertEquals("192.168.0.11", look.nodes().nodes().get(0).address());
    assertTrue(look.nodes().nodes().get(0).daemonActive());
    type("sudo systemctl stop docker");
    assertFalse(look.nodes().nodes().get(0).daemonActive());
  }

  @Test
  void host_files_are_what_the_shell_wrote_and_refuse_writes() {
    type("echo xin chào > note.txt");
    FileSystem fs = look.nodes().hostFiles("node1").orElseThrow();
    assertEquals(
        "xin chào\n", new String(fs.read("/home/ubuntu/note.txt"), StandardCharsets.UTF_8));
    FsException e =
        assertThrows(FsException.class, () -> fs.write("/home/ubuntu/x", new byte[0], false));
    assertEquals(FsException.Errno.EROFS, e.errno());
    assertTrue(look.nodes().hostFiles("node9").isEmpty());
  }

  @Test
  void a_running_container_shows_its_processes_namespaces_image_and_writable_layer() {
    type("docker run -d --name web nginx");
    type("docker exec web touch /made-here");
    ContainerInfo web = look.containers().containers("node1").get(0);
    assertEquals("web", web.name());
    assertEquals("running", web.status());
    assertTrue(web.imageId().startsWith("sha256:"), web.imageId());
    assertEquals(1, web.processes().get(0).pid());
    assertTrue(web.processes().get(0).hostPid() > 1);
    assertEquals(
        List.of("cgroup", "ipc", "mnt", "net", "pid", "user", "uts"),
        List.copyOf(web.namespaces().keySet()));
    assertTrue(
        look.containers().writableLayer("node1", web.id()).orElseThrow().changes().stream()
            .anyMatch(c -> c.path().equals("/made-here") && c.kind() == 1));
    assertTrue(look.containers().rootFs("node1", "web").orElseThrow().exists("/made-here"));
    assertEquals(
        look.containers().hostNamespaces("node1").get("user"), web.namespaces().get("user"));
  }

  @Test
  void an_image_is_its_layers_base_first_with_their_files_and_instructions() {
    type("docker pull nginx");
    String id = session.engine("node1").images().inspect("nginx").id();
    ImageLayers image = look.images().image("node1", id).orElseThrow();
    assertEquals(id, image.id());
    assertTrue(image.layers().size() >= 2);
    assertEquals(0, image.layers().get(0).index());
    assertFalse(image.layers().get(0).files().isEmpty());
    assertFalse(image.layers().get(0).createdBy().isEmpty());
    assertThrows(UnsupportedOperationException.class, () -> image.layers().get(0).files().clear());
    assertTrue(look.images().image("node1", "sha256:" + "0".repeat(64)).isEmpty());
  }

  @Test
  void views_of_subsystems_still_to_come_answer_empty() {
    assertTrue(look.network().links().isEmpty());
    assertTrue(look.builds().builds("node1").isEmpty());
    assertTrue(look.swarm().managers().isEmpty());
    assertFalse(Introspection.NONE.simulated());
    assertTrue(Introspection.NONE.containers().containers("node1").isEmpty());
  }
}
