package dev.ddlab.grader.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LabCatalogTest {
  @Test
  void every_shipped_lab_loads_and_validates() {
    List<Lab> labs = LabCatalog.builtIn().all();
    assertTrue(labs.size() >= 8, "at least eight labs, found " + labs.size());
    for (Lab lab : labs) {
      assertTrue(LabValidator.problems(lab).isEmpty(), lab.id());
      assertTrue(lab.maxScore() > 0, lab.id());
    }
  }

  @Test
  void every_yaml_file_in_the_labs_module_is_listed_in_the_index() throws IOException {
    Path dir =
        Path.of(System.getProperty("ddlab.root", "..")).resolve("labs/src/main/resources/labs");
    Set<String> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml"))
              .map(n -> n.substring(0, n.length() - 5))
              .collect(Collectors.toSet());
    }
    Set<String> listed =
        LabCatalog.builtIn().all().stream().map(Lab::id).collect(Collectors.toSet());
    assertEquals(files, listed);
  }

  @Test
  void the_labs_cover_part1_section4_and_part2_sections_1_to_4() {
    Set<String> sections =
        LabCatalog.builtIn().all().stream()
            .map(l -> l.section().replaceAll("^(Phần \\d+) §(\\d+).*", "$1 §$2"))
            .collect(Collectors.toSet());
    assertTrue(
        sections.containsAll(
            Set.of("Phần 1 §4", "Phần 2 §1", "Phần 2 §2", "Phần 2 §3", "Phần 2 §4")),
        sections.toString());
  }

  @Test
  void learner_facing_text_is_vietnamese_with_diacritics() {
    for (Lab lab : LabCatalog.builtIn().all()) {
      assertTrue(hasVietnameseDiacritics(lab.title()), lab.id() + " title");
      for (Step step : lab.steps()) {
        assertTrue(hasVietnameseDiacritics(step.text()), lab.id() + "/" + step.id());
        step.hints().forEach(h -> assertFalse(h.isBlank(), lab.id() + "/" + step.id()));
        step.checks()
            .forEach(
                c ->
                    assertTrue(
                        hasVietnameseDiacritics(c.fail()) && hasVietnameseDiacritics(c.label()),
                        lab.id() + "/" + step.id() + ": " + c.label() + " / " + c.fail()));
      }
    }
  }

  @Test
  void the_validator_refuses_a_check_without_a_label_and_labels_that_collide() {
    Lab lab = LabCatalog.builtIn().find("p2-containers-webserver").orElseThrow();
    assertEquals(List.of(), LabValidator.problems(lab));
    Step first = lab.steps().get(0);
    CheckSpec c = first.checks().get(0);
    Lab colliding =
        withChecks(lab, List.of(c, relabel(first.checks().get(1), " " + c.label().toUpperCase())));
    assertEquals(
        List.of(
            "step 1 check 2: label \" "
                + c.label().toUpperCase()
                + "\" is also the label of step 1 check 1 (a learner could not tell them apart)"),
        LabValidator.problems(colliding));
    Lab unlabelled = withChecks(lab, List.of(relabel(c, null), first.checks().get(1)));
    assertTrue(
        LabValidator.problems(unlabelled)
            .contains(
                "step 1 check 1: 'label' (what the check verifies, in Vietnamese) is missing"),
        LabValidator.problems(unlabelled).toString());
  }

  private static Lab withChecks(Lab lab, List<CheckSpec> checks) {
    List<Step> steps = new java.util.ArrayList<>(lab.steps());
    Step s = steps.get(0);
    steps.set(0, new Step(s.id(), s.title(), s.text(), s.hints(), s.solution(), checks));
    return lab.withSteps(steps);
  }

  /** The same check with another label, through YAML as a lab author would write it. */
  private static CheckSpec relabel(CheckSpec c, String label) {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode tree = json.valueToTree(c);
    if (label == null) {
      tree.remove("label");
    } else {
      tree.put("label", label);
    }
    try {
      return json.treeToValue(tree, CheckSpec.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean hasVietnameseDiacritics(String s) {
    return s.codePoints()
        .anyMatch(
            cp ->
                "ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
                        .indexOf(Character.toLowerCase(cp))
                    >= 0);
  }

  @Test
  void a_check_with_two_kinds_or_foreign_keys_is_rejected_with_a_clear_reason() {
    String yaml =
        """
        id: bad
        title: "Thử"
        section: "Phần 2 §3"
        steps:
          - title: "Một"
            text: "Làm gì đó"
            solution: [docker ps]
            checks:
              - container: web
                image: alpine
                label: "Có web"
                fail: "Sai"
              - container: web
                contains: "x"
                label: "Web có x"
                fail: "Sai"
              - ran: docker ps
                label: "Chạy ps"
        """;
    LabFormatException e =
        assertThrows(LabFormatException.class, () -> LabCatalog.parse("bad.yaml", yaml));
    assertEquals(3, e.problems().size(), e.problems().toString());
    assertTrue(e.problems().get(0).contains("exactly one of"));
    assertTrue(e.problems().get(1).contains("'contains' does not apply to a container check"));
    assertTrue(e.problems().get(2).contains("'fail'"));
  }

  @Test
  void a_template_that_is_not_a_session_template_is_rejected_naming_the_templates() {
    String yaml =
        """
        id: bad
        title: "Thử"
        section: "Phần 2 §3"
        template: swarm-9m
        steps:
          - title: "Một"
            text: "Làm gì đó"
            solution: [docker ps]
            checks:
              - ran: docker ps
                label: "Chạy `docker ps`"
                fail: "Sai"
        """;
    LabFormatException e =
        assertThrows(LabFormatException.class, () -> LabCatalog.parse("bad.yaml", yaml));
    assertEquals(
        List.of(
            "template must be one of single, swarm-3m3w, swarm-3m2w, swarm-5m, swarm-1m1w,"
                + " two-networks, swarm-100: swarm-9m"),
        e.problems());
  }

  @Test
  void an_unknown_key_is_a_parse_error_naming_the_key() {
    String yaml = "id: x\ntitle: t\nsection: s\nstepz: []\n";
    LabFormatException e =
        assertThrows(LabFormatException.class, () -> LabCatalog.parse("x.yaml", yaml));
    assertTrue(e.getMessage().contains("stepz"), e.getMessage());
  }
}
