package dev.ddlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LookupTest {
  private record Obj(String id, String name) {}

  private static final Obj WEB = new Obj("abc123", "web");
  private static final Obj DB = new Obj("abd456", "db");
  private static final Obj NAMED_LIKE_AN_ID = new Obj("fff000", "abc123");

  private static Optional<Obj> find(String ref, Obj... objects) {
    return Lookup.find(List.of(objects), Obj::id, o -> List.of(o.name()), ref);
  }

  @Test
  void a_full_id_wins_over_a_name_and_a_name_over_an_id_prefix() {
    assertEquals(WEB, find("abc123", NAMED_LIKE_AN_ID, WEB).orElseThrow());
    assertEquals(DB, find("db", WEB, DB).orElseThrow());
    Obj prefixName = new Obj("777", "ab");
    assertEquals(prefixName, find("ab", WEB, DB, prefixName).orElseThrow());
  }

  @Test
  void a_unique_id_prefix_finds_the_object_and_a_shared_one_is_ambiguous() {
    assertEquals(DB, find("abd", WEB, DB).orElseThrow());
    Lookup.AmbiguousPrefix e =
        assertThrows(Lookup.AmbiguousPrefix.class, () -> find("ab", WEB, DB));
    assertEquals(2, e.matches());
    assertEquals("Multiple IDs found with provided prefix: ab", e.getMessage());
  }

  @Test
  void nothing_and_an_empty_reference_find_nothing() {
    assertTrue(find("zzz", WEB, DB).isEmpty());
    assertTrue(find("", WEB, DB).isEmpty());
    assertTrue(find(null, WEB, DB).isEmpty());
  }
}
