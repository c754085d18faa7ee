package dev.ddlab.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.grader.check.CheckEvaluator;
import dev.ddlab.grader.check.DockerGrammar;
import dev.ddlab.grader.cli.Sessions;
import dev.ddlab.grader.lab.Lab;
import dev.ddlab.grader.lab.LabCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** State predicates against a real simulated node. */
class StateChecksTest {
  static final String LAB =
      """
      id: t
      title: "Thử"
      section: "Phần 2 §3"
      steps:
        - title: "Một"
          text: "Làm"
          solution: [x]
          checks:
            - file: /home/ubuntu/ghi-chu.txt
              contains: "xin chào"
              label: "Kiểm tra 1"
              fail: "Chưa có tệp trên host."
            - container: web
              status: running
              publishes: ["8080:80"]
              env: ["MODE=lab"]
              restartPolicy: on-failure
              ancestor: nginx
              label: "Kiểm tra 2"
              fail: "Sai container."
            - image: nginx
              tags: [nginx]
              digest: true
              label: "Kiểm tra 3"
              fail: "Sai image."
            - containers: "status=running,ancestor=nginx"
              count: 1
              label: "Kiểm tra 4"
              fail: "Sai số container."
            - images: "reference=ngin*"
              min: 1
              label: "Kiểm tra 5"
              fail: "Sai số image."
            - file: /etc/mode
              in: web
              contains: "lab"
              label: "Kiểm tra 6"
              fail: "Chưa có tệp trong container."
      """;

  @Test
  void state_predicates_read_the_node_through_the_engine_and_the_hosts_filesystem() {
    Lab lab = LabCatalog.parse("t.yaml", LAB);
    try (LabRun run =
        LabRun.start(lab, 5, Sessions.simulated(), new CheckEvaluator(new DockerGrammar(), null))) {
      assertTrue(run.check(0).stream().noneMatch(CheckResult::passed));
      for (String line :
          List.of(
              "echo \"xin chào\" > ghi-chu.txt",
              "docker run -d --name web -p 8080:80 -e MODE=lab --restart on-failure nginx",
              "docker exec web sh -c 'echo lab > /etc/mode'")) {
        run.typeScript(line);
      }
      List<CheckResult> results = run.check(0);
      assertEquals(
          List.of(),
          results.stream()
              .filter(r -> !r.passed())
              .map(r -> r.label() + ": " + r.detail())
              .toList());
    }
  }

  @Test
  void image_size_bounds_hold_between_min_and_max_and_name_the_size_when_they_do_not() {
    Lab lab =
        LabCatalog.parse(
            "t.yaml",
            """
            id: t
            title: "Thử"
            section: "Phần 2 §4"
            steps:
              - title: "Một"
                text: "Làm"
                solution: [x]
                checks:
                  - label: "Ảnh alpine nặng từ 7 đến 8 MB"
                    image: alpine
                    minSize: 7000000
                    maxSize: 8000000
                    fail: "Kích thước sai."
                  - label: "Ảnh alpine nhẹ hơn 1 MB"
                    image: alpine
                    maxSize: 1000000
                    fail: "Quá lớn."
            """);
    try (LabRun run =
        LabRun.start(lab, 5, Sessions.simulated(), new CheckEvaluator(new DockerGrammar(), null))) {
      run.typeScript("docker pull alpine");
      List<CheckResult> results = run.check(0);
      assertTrue(results.get(0).passed(), results.get(0).detail());
      assertEquals(false, results.get(1).passed());
      assertTrue(
          results.get(1).detail().contains("expected at most 1000000"), results.get(1).detail());
    }
  }
}
