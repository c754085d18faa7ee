package dev.ddlab.sim.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.AuthConfig;
import dev.ddlab.engine.dto.ProgressMessage;
import dev.ddlab.sim.host.Cluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePushTest {
  private final Cluster cluster = Cluster.single(11);
  private final Engine node1 = cluster.node("node1").engine();

  private static final String AUTH =
      new AuthConfig("student", "s3cret-pass", Registry.HUB).header();

  private List<String> push(Engine e, String ref, String auth) {
    List<String> lines = new ArrayList<>();
    e.images()
        .push(
            ref,
            auth,
            (ProgressMessage m) -> lines.add((m.id() == null ? "" : m.id() + ": ") + m.status()));
    return lines;
  }

  private void login() {
    assertEquals(
        "Login Succeeded",
        node1.system().auth(new AuthConfig("student", "s3cret-pass", Registry.HUB)).status());
  }

  @Test
  void a_docker_id_first_login_sets_its_password_and_a_different_one_is_unauthorized() {
    login();
    login();
    EngineException e =
        assertThrows(
            EngineException.class,
            () -> node1.system().auth(new AuthConfig("student", "other", Registry.HUB)));
    assertEquals(401, e.status());
    assertEquals(
        "Get \"https://registry-1.docker.io/v2/\": unauthorized: incorrect username or password",
        e.getMessage());
  }

  @Test
  void a_push_outside_the_logged_in_namespace_is_denied_after_preparing_the_layers() {
    login();
    node1.images().pull("alpine", null, false, m -> {});
    node1.images().tag("alpine", "someone/alpine", "v1");
    List<String> seen = new ArrayList<>();
    EngineException e =
        assertThrows(
            EngineException.class,
            () -> node1.images().push("someone/alpine:v1", AUTH, m -> seen.add(m.status())));
    assertEquals("denied: requested access to the resource is denied", e.getMessage());
    assertEquals("The push refers to repository [docker.io/someone/alpine]", seen.get(0));
    assertEquals("Preparing", seen.get(seen.size() - 1));
  }

  @Test
  void a_pushed_image_is_pulled_by_its_digest_on_another_node_with_the_same_image_id() {
    login();
    node1.images().pull("alpine", null, false, m -> {});
    node1.images().tag("alpine", "student/alpine", "v1");
    List<String> first = push(node1, "student/alpine:v1", AUTH);
    String last = first.get(first.size() - 1);
    assertTrue(last.startsWith("v1: digest: sha256:"), last);
    assertTrue(
        first.stream().anyMatch(l -> l.endsWith(": Layer already exists")), first.toString());
    String digest = last.substring("v1: digest: ".length(), last.indexOf(" size: "));
    List<String> again = push(node1, "student/alpine:v1", AUTH);
    assertTrue(
        again.stream().filter(l -> l.contains(": ")).noneMatch(l -> l.endsWith(": Pushed")),
        again.toString());

    Engine node2 = cluster.addNode().engine();
    node2.images().pull("student/alpine@" + digest, null, false, m -> {});
    assertEquals(
        node1.images().inspect("student/alpine:v1").id(),
        node2.images().inspect("student/alpine@" + digest).id());
    assertEquals(
        List.of("student/alpine@" + digest),
        node1.images().inspect("student/alpine:v1").repoDigests().stream()
            .filter(d -> d.startsWith("student/"))
            .toList());
  }

  @Test
  void pushing_a_name_without_a_local_image_fails_in_the_stream() {
    List<String> seen = new ArrayList<>();
    EngineException e =
        assertThrows(
            EngineException.class,
            () -> node1.images().push("student/nothing:v1", AUTH, m -> seen.add(m.status())));
    assertEquals("An image does not exist locally with the tag: student/nothing", e.getMessage());
    assertEquals(List.of("The push refers to repository [docker.io/student/nothing]"), seen);
  }
}
