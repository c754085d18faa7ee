package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateTest {
  @Test
  void the_course_layout_has_three_managers_then_three_workers_on_ten_dot_zero() {
    Template t = Template.of("swarm-3m3w");
    assertEquals(
        List.of("mgr1", "mgr2", "mgr3", "wrk1", "wrk2", "wrk3"),
        t.nodes().stream().map(Template.Node::name).toList());
    assertEquals("10.0.0.4", t.nodes().get(3).address());
  }

  @Test
  void descriptions_fold_each_role_into_a_range_of_names_and_addresses() {
    assertEquals("node1 (192.168.0.11)", Template.SINGLE.description());
    assertEquals(
        "mgr1–3 (10.0.0.1–3), wrk1–2 (10.0.0.4–5)", Template.of("swarm-3m2w").description());
    assertEquals("mgr1 (10.0.0.1), wrk1 (10.0.0.2)", Template.of("swarm-1m1w").description());
    assertEquals(
        "mgr1–3 (10.0.0.1–3), wrk1–97 (10.0.0.4–100)", Template.of("swarm-100").description());
  }

  @Test
  void an_unknown_name_is_refused_and_the_list_is_in_menu_order() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Template.of("swarm-9m"));
    assertEquals("unknown template: swarm-9m", e.getMessage());
    assertEquals(
        List.of(
            "single",
            "swarm-3m3w",
            "swarm-3m2w",
            "swarm-5m",
            "swarm-1m1w",
            "two-networks",
            "swarm-100"),
        Template.names());
  }
}
