package dev.ddlab.sim.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Malformed catalogue data fails when it is read, naming the file, the entry and the reason; it
 * never builds a different image. Each case is the real data with one mistake in it.
 */
class CatalogueLoaderTest {
  private static String real(String name) {
    try (InputStream in = CatalogueLoader.resource(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads the real data with {@code from} replaced by {@code to} in file {@code name}. */
  private static Catalogue loadWith(String name, String from, String to) {
    String changed = real(name).replace(from, to);
    assertTrue(!changed.equals(real(name)), "the mistake must change " + name);
    return CatalogueLoader.load(
        n ->
            n.equals(name)
                ? new ByteArrayInputStream(changed.getBytes(StandardCharsets.UTF_8))
                : CatalogueLoader.resource(n));
  }

  private static String failure(String name, String from, String to) {
    return assertThrows(IllegalStateException.class, () -> loadWith(name, from, to)).getMessage();
  }

  @Test
  void the_built_in_catalogue_reads_and_serves_the_course_images() {
    Catalogue c = CatalogueLoader.load(CatalogueLoader::resource);
    assertTrue(c.tags("docker.io/library/alpine").containsKey("latest"));
    assertEquals(9, c.tags("docker.io/library/golang").get("1.20").platforms().size());
    assertTrue(c.hasRegistry("quay.io"));
  }

  @Test
  void a_missing_file_is_named() {
    assertEquals(
        "image catalogue, trees.yaml: not found",
        assertThrows(
                IllegalStateException.class,
                () ->
                    CatalogueLoader.load(
                        n -> n.equals("trees.yaml") ? null : CatalogueLoader.resource(n)))
            .getMessage());
  }

  @Test
  void a_yaml_syntax_error_names_the_file_and_line() {
    String m = failure("recipes.yaml", "  - cmd: [/bin/sh]", "  - cmd: [/bin/sh");
    assertTrue(m.startsWith("image catalogue, recipes.yaml, line "), m);
  }

  @Test
  void a_tag_yaml_reads_as_a_number_must_be_quoted() {
    assertEquals(
        "image catalogue, catalogue.yaml: repositories.docker.io/library/golang[0].tags[1]: must be"
            + " a string, not number 1.2 (quote it)",
        failure("catalogue.yaml", "tags: [latest, \"1.20\", ", "tags: [latest, 1.20, "));
  }

  @Test
  void a_file_name_yaml_reads_as_a_boolean_must_be_quoted() {
    assertEquals(
        "image catalogue, trees.yaml: lists.gnu-tools[25]: must be a string, not boolean true"
            + " (quote it)",
        failure("trees.yaml", "touch, \"true\", uname", "touch, true, uname"));
  }

  @Test
  void a_name_given_twice_is_refused_rather_than_the_last_one_winning() {
    String m = failure("recipes.yaml", "\nbusybox-glibc:\n", "\nbusybox:\n");
    assertTrue(m.startsWith("image catalogue, recipes.yaml, line "), m);
    assertTrue(m.contains("Duplicate field 'busybox'"), m);
  }

  @Test
  void an_unknown_step_names_the_recipe_and_the_step() {
    String m = failure("recipes.yaml", "  - workdir: /go\n", "  - wokdir: /go\n");
    assertTrue(m.startsWith("image catalogue, recipes.yaml: go-path[3]: says what to do"), m);
  }

  @Test
  void an_argument_a_step_does_not_take_is_refused() {
    assertEquals(
        "image catalogue, recipes.yaml: busybox[1]: 'add' takes no 'sise' (it takes files, size)",
        failure("recipes.yaml", "    size: 4261550\n", "    sise: 4261550\n"));
  }

  @Test
  void a_missing_argument_is_refused() {
    assertEquals(
        "image catalogue, trees.yaml: trees.go-toolchain[2]: 'file' needs 'text'",
        failure(
            "trees.yaml",
            "{file: /usr/local/go/VERSION, text: \"{{version}}\"}",
            "{file: /usr/local/go/VERSION}"));
  }

  @Test
  void names_of_recipes_trees_lists_and_platforms_must_exist() {
    assertEquals(
        "image catalogue, catalogue.yaml: repositories.docker.io/library/mongo[0].recipe: no"
            + " recipe named mongodb",
        failure("catalogue.yaml", "recipe: mongo\n", "recipe: mongodb\n"));
    assertEquals(
        "image catalogue, recipes.yaml: alpine[1].files[0]: no tree named alpine-rootfs",
        failure("recipes.yaml", "[{tree: alpine-minirootfs}]", "[{tree: alpine-rootfs}]"));
    assertEquals(
        "image catalogue, trees.yaml: trees.busybox[10]: 'names' names no list: busybox-applets",
        failure(
            "trees.yaml",
            "{symlinks: /bin, names: busybox-bin, target: busybox}",
            "{symlinks: /bin, names: busybox-applets, target: busybox}"));
    assertEquals(
        "image catalogue, catalogue.yaml: repositories.docker.io/library/mongo[0].platforms: no"
            + " platform named arm65",
        failure(
            "catalogue.yaml",
            "platforms: [amd64, arm64]\n      recipe: mongo",
            "platforms: [amd64, arm65]\n      recipe: mongo"));
  }

  @Test
  void a_from_image_must_be_in_the_catalogue() {
    assertEquals(
        "image catalogue, recipes.yaml: nginx[0]: debian:bookworm-fat is not in the catalogue",
        failure(
            "recipes.yaml",
            "from: debian:bookworm-slim\n  - at: 1702944000",
            "from: debian:bookworm-fat\n  - at: 1702944000"));
  }

  @Test
  void an_unknown_variable_fails_when_the_image_is_built_naming_where() {
    Catalogue c = loadWith("recipes.yaml", "/usr/local/go/bin:", "/usr/local/{{goroot}}/bin:");
    Platform amd64 = c.platform("amd64");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> c.image("docker.io/library/golang", "1.20", amd64));
    assertEquals(
        "image catalogue, recipes.yaml: golang[3].env: unknown variable {{goroot}}",
        e.getMessage());
  }
}
