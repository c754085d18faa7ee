package dev.ddlab.grader.lab;

import dev.ddlab.session.Template;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structural checks of a lab: what a YAML parser cannot say. Each check has exactly one kind and
 * only the keys that kind understands, a Vietnamese label unique within the lab, a Vietnamese
 * failure reason and positive points; every step has an instruction, a solution and at least one
 * check.
 */
public final class LabValidator {
  private static final Set<String> COMMON = Set.of("fail", "node", "label", "points");

  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry(
              "container",
              Set.of(
                  "exists",
                  "status",
                  "exitCode",
                  "restartPolicy",
                  "restartCount",
                  "ancestor",
                  "publishes",
                  "env",
                  "mounts",
                  "cmd",
                  "entrypoint")),
          Map.entry(
              "image",
              Set.of(
                  "exists",
                  "tags",
                  "sameAs",
                  "layers",
                  "labels",
                  "digest",
                  "cmd",
                  "entrypoint",
                  "minSize",
                  "maxSize")),
          Map.entry("file", Set.of("exists", "in", "contains")),
          Map.entry("network", Set.of("exists", "driver")),
          Map.entry("volume", Set.of("exists")),
          Map.entry(
              "swarm",
              Set.of(
                  "status",
                  "leader",
                  "managers",
                  "reachable",
                  "unreachable",
                  "quorum",
                  "minTerm",
                  "autolock")),
          Map.entry(
              "service",
              Set.of(
                  "exists",
                  "mode",
                  "replicas",
                  "running",
                  "taskImage",
                  "env",
                  "labels",
                  "updateParallelism",
                  "updateDelay",
                  "updateFailureAction",
                  "updateOrder",
                  "updateState")),
          Map.entry("tasks", Set.of("count", "min", "max", "onlyOn", "notOn")),
          Map.entry(
              "swarmNode", Set.of("exists", "role", "availability", "status", "managerStatus")),
          Map.entry("containers", Set.of("count", "min", "max")),
          Map.entry("images", Set.of("count", "min", "max")),
          Map.entry("ran", Set.of("flags", "args", "exitCode")),
          Map.entry("output", Set.of("after")),
          Map.entry("order", Set.of()),
          Map.entry("java", Set.of()));

  private LabValidator() {}

  /** The problems found, empty when the lab is usable. */
  public static List<String> problems(Lab lab) {
    List<String> problems = new ArrayList<>();
    if (blank(lab.id()) || !lab.id().matches("[a-z0-9][a-z0-9-]*")) {
      problems.add("id must be lower-case letters, digits and dashes: " + lab.id());
    }
    if (blank(lab.title())) {
      problems.add("title is missing");
    }
    if (blank(lab.section())) {
      problems.add("section is missing");
    }
    if (Template.named(lab.template()).isEmpty()) {
      problems.add(
          "template must be one of " + String.join(", ", Template.names()) + ": " + lab.template());
    }
    if (lab.steps().isEmpty()) {
      problems.add("a lab needs at least one step");
    }
    Set<String> stepIds = new HashSet<>();
    Map<String, String> labels = new java.util.HashMap<>();
    for (int i = 0; i < lab.steps().size(); i++) {
      Step step = lab.steps().get(i);
      String where = "step " + (i + 1);
      if (step.id() != null && !stepIds.add(step.id())) {
        problems.add(where + ": duplicate step id " + step.id());
      }
      if (blank(step.title())) {
        problems.add(where + ": title is missing");
      }
      if (blank(step.text())) {
        problems.add(where + ": text is missing");
      }
      if (step.solution().isEmpty()) {
        problems.add(where + ": solution is missing");
      }
      if (step.checks().isEmpty()) {
        problems.add(where + ": a step needs at least one check");
      }
      for (int j = 0; j < step.checks().size(); j++) {
        CheckSpec check = step.checks().get(j);
        String at = where + " check " + (j + 1);
        checkProblems(check, at, problems);
        if (check.hasLabel()) {
          String key = check.label().strip().toLowerCase(java.util.Locale.ROOT);
          String earlier = labels.putIfAbsent(key, at);
          if (earlier != null) {
            problems.add(
                at
                    + ": label \""
                    + check.label()
                    + "\" is also the label of "
                    + earlier
                    + " (a learner could not tell them apart)");
          }
        }
      }
    }
    return problems;
  }

  private static void checkProblems(CheckSpec check, String where, List<String> problems) {
    List<String> kinds = check.kinds();
    if (kinds.size() != 1) {
      problems.add(
          where
              + ": needs exactly one of "
              + String.join(", ", CheckSpec.KINDS)
              + (kinds.isEmpty() ? "" : ", found " + String.join(", ", kinds)));
      return;
    }
    String kind = kinds.get(0);
    Set<String> allowed = ALLOWED.get(kind);
    for (RecordComponent rc : CheckSpec.class.getRecordComponents()) {
      String key = rc.getName();
      if (key.equals(kind) || COMMON.contains(key) || allowed.contains(key)) {
        continue;
      }
      if (CheckSpec.KINDS.contains(key)) {
        continue; // already reported above when present
      }
      try {
        if (rc.getAccessor().invoke(check) != null) {
          problems.add(where + ": key '" + key + "' does not apply to a " + kind + " check");
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    if (!check.hasLabel()) {
      problems.add(where + ": 'label' (what the check verifies, in Vietnamese) is missing");
    }
    if (blank(check.fail())) {
      problems.add(where + ": 'fail' (the reason shown to the learner) is missing");
    }
    if (check.points() <= 0) {
      problems.add(where + ": points must be positive");
    }
    if (kind.equals("order") && check.order().size() < 2) {
      problems.add(where + ": order needs at least two commands");
    }
    if (check.updateDelay() != null
        && dev.ddlab.go.GoTime.parseDuration(check.updateDelay()) == null) {
      problems.add(
          where + ": updateDelay is not a duration (\"20s\", \"1m30s\"): " + check.updateDelay());
    }
    if ((kind.equals("containers") || kind.equals("images"))
        && check.count() == null
        && check.min() == null
        && check.max() == null) {
      problems.add(where + ": a count check needs count, min or max");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
