package dev.ddlab.grader.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.grader.lab.CheckSpec;
import dev.ddlab.grader.lab.LabCatalog;
import dev.ddlab.grader.state.CommandView;
import dev.ddlab.grader.state.ContainerView;
import dev.ddlab.grader.state.ImageView;
import dev.ddlab.grader.state.LabState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TranscriptChecksTest {
  final CheckEvaluator evaluator = new CheckEvaluator(new DockerGrammar(), null);

  static LabState typed(String... lines) {
    List<CommandView> t =
        java.util.Arrays.stream(lines)
            .map(
                l -> {
                  String[] parts = l.split(" => ", 2);
                  return new CommandView("node1", parts[0], parts.length > 1 ? parts[1] : "", 0);
                })
            .toList();
    return new LabState() {
      public List<String> nodes() {
        return List.of("node1");
      }

      public Optional<ContainerView> container(String n, String c) {
        return Optional.empty();
      }

      public List<ContainerView> containers(String n) {
        return List.of();
      }

      public Optional<ImageView> image(String n, String r) {
        return Optional.empty();
      }

      public List<ImageView> images(String n) {
        return List.of();
      }

      public Optional<String> containerFile(String n, String c, String p) {
        return Optional.empty();
      }

      public Optional<String> hostFile(String n, String p) {
        return Optional.empty();
      }

      public Optional<String> networkDriver(String n, String name) {
        return Optional.empty();
      }

      public boolean volumeExists(String n, String name) {
        return false;
      }

      public dev.ddlab.grader.state.SwarmStatus swarm(String n) {
        return new dev.ddlab.grader.state.SwarmStatus(
            "inactive", false, false, "", List.of(), List.of(), List.of(), -1, false);
      }

      public List<dev.ddlab.grader.state.ServiceView> services(String n) {
        return List.of();
      }

      public List<dev.ddlab.grader.state.TaskView> tasks(String n) {
        return List.of();
      }

      public List<dev.ddlab.grader.state.SwarmNodeView> swarmNodes(String n) {
        return List.of();
      }

      public List<CommandView> transcript() {
        return t;
      }
    };
  }

  static CheckSpec check(String yaml) {
    String lab =
        "id: t\ntitle: t\nsection: s\nsteps:\n  - title: t\n    text: t\n    solution: [x]\n    checks:\n      - "
            + yaml.replace("\n", "\n        ")
            + "\n        label: \"Kiểm tra\"\n        fail: \"Sai\"\n";
    return LabCatalog.parse("t.yaml", lab).steps().get(0).checks().get(0);
  }

  @Test
  void a_command_with_flags_matches_however_the_flags_are_written() {
    CheckSpec c = check("ran: docker run\nflags: {\"-d\": true, \"--name\": web}\nargs: [alpine]");
    assertTrue(evaluator.evaluate(c, typed("docker run --name=web -d alpine sleep 1d")).passed());
    assertTrue(evaluator.evaluate(c, typed("docker container run -d --name web alpine")).passed());
    assertFalse(evaluator.evaluate(c, typed("docker run --name web alpine")).passed());
    assertFalse(evaluator.evaluate(c, typed("docker run -d --name web busybox")).passed());
    assertFalse(evaluator.evaluate(c, typed("echo docker run -d --name web alpine")).passed());
  }

  @Test
  void aliases_match_the_command_the_lab_names() {
    CheckSpec c = check("ran: docker ps\nflags: {\"-a\": true}");
    assertTrue(evaluator.evaluate(c, typed("docker container ls --all")).passed());
    assertTrue(evaluator.evaluate(c, typed("sleep 1 && docker ps -aq | wc -l")).passed());
    assertFalse(evaluator.evaluate(c, typed("docker ps")).passed());
  }

  @Test
  void a_command_inside_a_substitution_counts() {
    CheckSpec c = check("ran: docker images\nflags: {\"-q\": true}");
    assertTrue(evaluator.evaluate(c, typed("docker rmi $(docker images -q)")).passed());
  }

  @Test
  void output_after_a_given_command() {
    CheckSpec c = check("output: \"Exited (137)\"\nafter: docker ps -a");
    assertTrue(
        evaluator.evaluate(c, typed("docker ps --all => x Exited (137) 3 seconds ago")).passed());
    CheckOutcome o = evaluator.evaluate(c, typed("echo Exited (137) => Exited (137)"));
    assertFalse(o.passed());
    assertEquals("no output containing \"Exited (137)\" after docker ps -a", o.detail());
  }

  @Test
  void order_needs_the_commands_in_sequence() {
    CheckSpec c = check("order: [\"docker stop percy\", \"docker rm percy\"]");
    assertTrue(
        evaluator
            .evaluate(c, typed("docker stop percy", "docker ps", "docker container rm percy"))
            .passed());
    assertFalse(evaluator.evaluate(c, typed("docker rm percy", "docker stop percy")).passed());
  }

  @Test
  void other_programs_match_by_their_words() {
    CheckSpec c = check("ran: systemctl restart docker");
    assertTrue(evaluator.evaluate(c, typed("sudo true; systemctl restart docker")).passed());
    assertFalse(evaluator.evaluate(c, typed("systemctl stop docker")).passed());
  }
}
