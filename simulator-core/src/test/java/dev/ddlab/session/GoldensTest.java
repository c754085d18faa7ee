package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The golden harness itself: what passes, what fails, what regeneration writes. */
class GoldensTest {
  @TempDir Path dir;

  private Path write(String file, String text) throws IOException {
    Path p = dir.resolve(file);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  @Test
  void a_script_without_its_golden_fails_and_names_the_missing_file() throws IOException {
    write("hello.ddsh", "echo hi\n");
    AssertionFailedError e =
        assertThrows(AssertionFailedError.class, () -> Goldens.check(dir, "hello", false));
    assertTrue(
        e.getMessage().startsWith("missing golden " + dir.resolve("hello.out")), e::getMessage);
  }

  @Test
  void a_golden_without_its_script_fails_even_when_regenerating() throws IOException {
    write("gone.out", "ubuntu@node1:~$ echo hi\nhi\n");
    for (boolean update : new boolean[] {false, true}) {
      AssertionFailedError e =
          assertThrows(AssertionFailedError.class, () -> Goldens.check(dir, "gone", update));
      assertTrue(e.getMessage().startsWith("missing script " + dir.resolve("gone.ddsh")));
    }
  }

  @Test
  void an_empty_golden_is_compared_like_any_other_and_fails() throws IOException {
    write("hello.ddsh", "echo hi\n");
    write("hello.out", "");
    assertThrows(AssertionFailedError.class, () -> Goldens.check(dir, "hello", false));
  }

  @Test
  void regenerating_writes_the_missing_golden_and_the_next_check_passes() throws IOException {
    write("hello.ddsh", "echo hi\n");
    Goldens.check(dir, "hello", true);
    assertEquals("ubuntu@node1:~$ echo hi\nhi\n", Files.readString(dir.resolve("hello.out")));
    assertDoesNotThrow(() -> Goldens.check(dir, "hello", false));
  }

  @Test
  void a_changed_transcript_fails_at_its_first_differing_line() throws IOException {
    write("hello.ddsh", "echo one\necho two\n");
    write("hello.out", "ubuntu@node1:~$ echo one\none\nubuntu@node1:~$ echo two\nthree\n");
    AssertionFailedError e =
        assertThrows(AssertionFailedError.class, () -> Goldens.check(dir, "hello", false));
    assertTrue(e.getMessage().contains("at line 4: expected «three» but was «two»"), e::getMessage);
  }

  /** Runs every test the factory makes for an area; returns name → failure message or "ok". */
  private static Map<String, String> outcomes(List<DynamicTest> tests) {
    return tests.stream()
        .collect(
            Collectors.toMap(
                DynamicTest::getDisplayName,
                t -> {
                  try {
                    t.getExecutable().execute();
                    return "ok";
                  } catch (Throwable e) {
                    return e.getMessage().split(":")[0];
                  }
                }));
  }

  @Test
  void the_area_factory_makes_one_test_per_name_and_fails_orphans_and_strangers()
      throws IOException {
    Path area = dir.resolve("swarm");
    write("swarm/ok.ddsh", "echo ok\n");
    write("swarm/ok.out", "ubuntu@node1:~$ echo ok\nok\n");
    write("swarm/new.ddsh", "echo new\n");
    write("swarm/old.out", "ubuntu@node1:~$ echo old\nold\n");
    write("swarm/legacy.golden", "");
    assertEquals(
        Map.of(
            "swarm/ok",
            "ok",
            "swarm/new",
            "missing golden "
                + area.resolve("new.out")
                + " for the script "
                + area.resolve("new.ddsh"),
            "swarm/old",
            "missing script "
                + area.resolve("old.ddsh")
                + " for the golden "
                + area.resolve("old.out"),
            "legacy.golden",
            area.resolve("legacy.golden").toString()),
        outcomes(Goldens.area(area, false).toList()));
  }

  @Test
  void an_empty_area_or_golden_directory_fails_rather_than_running_nothing() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    assertEquals(
        Map.of("empty", "no golden scripts in " + dir.resolve("empty")),
        outcomes(Goldens.area(dir.resolve("empty"), false).toList()));
    List<DynamicNode> none = Goldens.all(dir.resolve("nowhere"), false).toList();
    assertEquals(1, none.size());
    assertThrows(AssertionFailedError.class, ((DynamicTest) none.get(0)).getExecutable()::execute);
  }

  @Test
  void a_script_outside_an_area_directory_fails() throws IOException {
    write("loose.ddsh", "echo hi\n");
    write("containers/a.ddsh", "echo hi\n");
    List<DynamicNode> nodes = Goldens.all(dir, false).toList();
    assertEquals(
        List.of("containers", "loose.ddsh"),
        nodes.stream().map(DynamicNode::getDisplayName).toList());
    assertThrows(AssertionFailedError.class, ((DynamicTest) nodes.get(1)).getExecutable()::execute);
  }

  @Test
  void the_header_chooses_template_and_seed_in_the_leading_comments_only() {
    assertEquals(new Goldens.Header("single", 1), Goldens.Header.of("docker ps\n"));
    assertEquals(
        new Goldens.Header("swarm-3m3w", 42),
        Goldens.Header.of("# A walk-through\n\n#  template:  swarm-3m3w\n# seed: 42\ndocker ps\n"));
    assertEquals(
        new Goldens.Header("single", 1),
        Goldens.Header.of("docker ps\n# template: swarm-3m3w\n# seed: 42\n"));
    assertThrows(AssertionFailedError.class, () -> Goldens.Header.of("# template: swarm-9m\n"));
    assertThrows(AssertionFailedError.class, () -> Goldens.Header.of("# seed: forty-two\n"));
  }

  @Test
  void the_seed_reaches_the_session() {
    String script = "docker network create n\n";
    assertEquals(Goldens.transcript(script), Goldens.transcript("# seed: 1\n" + script));
    assertNotEquals(Goldens.transcript(script), Goldens.transcript("# seed: 2\n" + script));
  }

  @Test
  void the_golden_text_marks_non_zero_exit_codes_and_moves_between_nodes() {
    assertEquals(
        """
        ubuntu@mgr1:~$ false
        [exit 1]
        @wrk1
        ubuntu@wrk1:~$ hostname
        wrk1
        @mgr1
        ubuntu@mgr1:~$ ^C

        [exit 130]
        """,
        Goldens.transcript(
            """
            # template: swarm-1m1w
            false
            @wrk1
            hostname
            @mgr1
            ^C
            """));
  }
}
