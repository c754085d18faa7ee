package dev.ddlab.sim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClusterSharedTest {
  @Test
  void a_shared_object_is_made_once_per_key() {
    Cluster c = Cluster.builder(1).build();
    Object a = c.shared("k", Object::new);
    assertSame(a, c.shared("k", Object::new));
  }

  @Test
  void a_nested_call_that_would_make_another_shared_object_is_refused_naming_both_keys() {
    Cluster c = Cluster.builder(1).build();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> c.shared("outer", () -> c.shared("inner", Object::new)));
    assertEquals(
        "Cluster.shared(\"inner\") called while creating the shared \"outer\": get \"inner\""
            + " before, not inside, the supplier of \"outer\"",
        e.getMessage());
    // nothing half-made: both can be made afterwards, in order
    Object inner = c.shared("inner", Object::new);
    assertSame(inner, c.shared("outer", () -> c.shared("inner", Object::new)));
  }
}
