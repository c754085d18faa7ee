package dev.ddlab.bridge.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.bridge.real.ApiClient.Query;
import dev.ddlab.engine.EngineException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiClientTest {
  @Test
  void queries_encode_values_repeat_names_and_drop_nulls() {
    String q =
        Query.of()
            .add("fromImage", "alpine")
            .add("tag", null)
            .flag("all", true)
            .flag("size", false)
            .addAll("names", List.of("a:1", "b c"))
            .toString();
    assertEquals("?fromImage=alpine&all=1&names=a%3A1&names=b%20c", q);
  }

  @Test
  void filters_are_sent_as_the_api_json_map() {
    assertEquals(
        "?filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D",
        Query.of().filters(Map.of("label", List.of("a=b"))).toString());
    assertEquals("", Query.of().filters(Map.of()).toString());
  }

  @Test
  void path_segments_keep_slashes_and_colons_of_references() {
    assertEquals("localhost:5000/app:1.0", ApiClient.seg("localhost:5000/app:1.0"));
  }

  @Test
  void daemon_errors_keep_status_and_message_text() {
    EngineException e = ApiClient.errorOf(404, "{\"message\":\"No such container: web\"}\n");
    assertEquals(404, e.status());
    assertEquals("No such container: web", e.getMessage());
    assertEquals("page not found", ApiClient.errorOf(404, "page not found\n").getMessage());
  }

  @Test
  void api_versions_compare_numerically() {
    assertTrue(ApiClient.compareVersions("1.9", "1.41") < 0);
    assertTrue(ApiClient.compareVersions("1.50", "1.41") > 0);
    assertEquals(0, ApiClient.compareVersions("1.41", "1.41"));
  }

  @Test
  void no_daemon_at_the_socket_is_the_clis_cannot_connect_error() {
    try (RealEngine engine = new RealEngine(DockerHost.of("unix:///tmp/ddlab-no-such.sock"))) {
      EngineException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              EngineException.class, () -> engine.containers().list(true, 0, false, Map.of()));
      assertTrue(e.isNotConnected());
      assertEquals(
          "Cannot connect to the Docker daemon at unix:///tmp/ddlab-no-such.sock. Is the docker"
              + " daemon running?",
          e.getMessage());
    }
  }
}
