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

  static final String SWARM_LAB =
      """
      id: s
      title: "Raft"
      section: "Phần 2 §6"
      template: swarm-3m3w
      steps:
        - title: "Một"
          text: "Làm"
          solution: [x]
          checks:
            - swarm: mgr2
              status: active
              leader: any
              managers: 3
              reachable: 2
              unreachable: [mgr1]
              quorum: true
              minTerm: 2
              label: "Leader mới"
              fail: "Chưa có leader mới."
            - swarm: mgr2
              leader: mgr1
              label: "Leader cũ"
              fail: "mgr1 không còn là leader."
            - swarm: wrk1
              status: inactive
              quorum: false
              label: "Worker ngoài swarm"
              fail: "wrk1 đã vào swarm."
      """;

  @Test
  void swarm_predicates_read_leader_quorum_and_term_as_a_manager_sees_them() {
    try (LabRun run = start("s.yaml", SWARM_LAB)) {
      swarm(run, "mgr2", "mgr3");
      run.typeScript("sleep 5");
      // three managers, mgr1 leads: the first check wants a new leader, the second holds
      assertEquals(
          List.of(false, true, true), run.check(0).stream().map(CheckResult::passed).toList());
      assertEquals("3 reachable managers, expected 2", run.check(0).get(0).detail());
      for (String line : List.of("@mgr1", "service docker stop", "@mgr2", "sleep 15")) {
        run.typeScript(line);
      }
      assertEquals(
          List.of(true, false, true),
          run.check(0).stream().map(CheckResult::passed).toList(),
          run.check(0).toString());
      run.typeScript("@mgr3");
      run.typeScript("service docker stop");
      run.typeScript("@mgr2");
      run.typeScript("sleep 15");
      // one manager of three: no leader, no quorum
      assertTrue(run.check(0).get(0).detail().contains("no quorum"), run.check(0).get(0).detail());
    }
  }

  static final String SERVICE_LAB =
      """
      id: sv
      title: "Dịch vụ"
      section: "Phần 2 §6"
      template: swarm-3m3w
      steps:
        - title: "Một"
          text: "Làm"
          solution: [x]
          checks:
            - service: web
              mode: replicated
              replicas: 4
              running: 4
              taskImage: nigelpoulton/ddd-book:web0.2
              env: ["MODE=lab"]
              labels: {tier: front}
              updateParallelism: 2
              updateDelay: 10s
              updateFailureAction: rollback
              updateOrder: start-first
              updateState: completed
              label: "Dịch vụ web"
              fail: "Sai dịch vụ."
            - tasks: web
              count: 4
              onlyOn: [mgr1, wrk2]
              label: "Task của web"
              fail: "Sai task."
            - tasks: web
              notOn: [wrk1]
              label: "Không task nào trên wrk1"
              fail: "Còn task trên wrk1."
            - swarmNode: wrk1
              role: worker
              availability: drain
              status: ready
              label: "wrk1 được drain"
              fail: "wrk1 chưa drain."
            - swarmNode: mgr1
              role: manager
              managerStatus: Leader
              label: "mgr1 là leader"
              fail: "mgr1 không là leader."
            - swarm: mgr1
              autolock: true
              label: "Autolock bật"
              fail: "Chưa bật autolock."
            - service: old
              exists: false
              label: "Không còn old"
              fail: "old vẫn còn."
            - service: web
              node: wrk1
              label: "Hỏi worker"
              fail: "Worker không trả lời."
      """;

  /** A session of the lab's template on seed 7, checked without java: checks. */
  static LabRun start(String file, String yaml) {
    return LabRun.start(
        LabCatalog.parse(file, yaml),
        7,
        Sessions.simulated(),
        new CheckEvaluator(new DockerGrammar(), null));
  }

  /** mgr1 makes a swarm; {@code nodes} join it, mgrN as managers, the others as workers. */
  static void swarm(LabRun run, String... nodes) {
    run.typeScript("@mgr1");
    run.typeScript("docker swarm init --advertise-addr 10.0.0.1");
    for (String n : nodes) {
      String role = n.startsWith("mgr") ? "manager" : "worker";
      run.typeScript("@" + n);
      run.typeScript(
          "docker swarm join --token $(ssh mgr1 docker swarm join-token -q "
              + role
              + ") 10.0.0.1:2377");
    }
  }

  static List<String> details(List<CheckResult> results) {
    return results.stream().map(r -> r.passed() ? "ok" : r.detail()).toList();
  }

  @Test
  void service_task_and_node_predicates_read_what_a_manager_lists_and_say_what_differs() {
    try (LabRun run = start("sv.yaml", SERVICE_LAB)) {
      // no swarm yet: nothing to list, and mgr1 says why
      assertEquals(
          "mgr1 is not a swarm manager (swarm state inactive)", run.check(0).get(0).detail());
      swarm(run, "wrk1", "wrk2");
      for (String line :
          List.of(
              "@mgr1",
              "docker service create --name old --replicas 1 alpine sleep 1d",
              "docker service create --name web --replicas 4 -e MODE=lab --label tier=front"
                  + " --update-parallelism 2 --update-delay 10s --update-failure-action rollback"
                  + " --update-order start-first nigelpoulton/ddd-book:web0.1")) {
        run.typeScript(line);
      }
      List<String> before = details(run.check(0));
      assertEquals(
          List.of(
              "image is nigelpoulton/ddd-book:web0.1, expected nigelpoulton/ddd-book:web0.2;"
                  + " update state is none (never updated), expected completed",
              "tasks run on [wrk1], expected only on [mgr1, wrk2]",
              "tasks are meant to run on [wrk1]",
              "availability is active, expected drain",
              "ok",
              "autolock is off",
              "service old still exists",
              "wrk1 is not a swarm manager (swarm state active)"),
          before);
      for (String line :
          List.of(
              "docker swarm update --autolock=true",
              "docker service rm old",
              "docker node update --availability drain wrk1",
              "sleep 10",
              "docker service update --image nigelpoulton/ddd-book:web0.2 web")) {
        run.typeScript(line);
      }
      // swarmkit waits the update delay after the last batch before it calls the update done
      assertEquals("update state is updating, expected completed", details(run.check(0)).get(0));
      run.typeScript("sleep 12");
      List<String> after = details(run.check(0));
      assertEquals(
          List.of(
              "ok",
              "ok",
              "ok",
              "ok",
              "ok",
              "ok",
              "ok",
              "wrk1 is not a swarm manager (swarm state active)"),
          after);
    }
  }

  static final String WRONG_LAB =
      """
      id: sw
      title: "Sai"
      section: "Phần 2 §6"
      template: swarm-3m3w
      steps:
        - title: "Một"
          text: "Làm"
          solution: [x]
          checks:
            - service: web
              mode: global
              replicas: 3
              running: 3
              env: ["MODE=x"]
              labels: {tier: back}
              updateParallelism: 1
              updateDelay: 5s
              updateFailureAction: pause
              updateOrder: stop-first
              label: "Mọi khoá của service"
              fail: "Sai."
            - tasks: web
              min: 3
              label: "Ít nhất ba task"
              fail: "Thiếu task."
            - tasks: web
              max: 1
              label: "Nhiều nhất một task"
              fail: "Thừa task."
            - tasks: nope
              count: 1
              label: "Task của dịch vụ không có"
              fail: "Không có."
            - swarmNode: wrk1
              role: manager
              availability: pause
              status: down
              managerStatus: Reachable
              label: "Mọi khoá của node"
              fail: "Sai node."
            - swarmNode: wrk9
              label: "Node không có"
              fail: "Không có node."
            - swarm: mgr2
              autolock: false
              label: "Autolock trên node chưa vào swarm"
              fail: "Không biết."
      """;

  @Test
  void every_key_of_the_swarm_predicates_says_what_it_saw_when_it_differs() {
    try (LabRun run = start("sw.yaml", WRONG_LAB)) {
      swarm(run, "wrk1");
      for (String line :
          List.of(
              "@mgr1",
              "docker service create --name web --replicas 2 -e MODE=lab -l tier=front"
                  + " --update-parallelism 2 --update-delay 10s --update-failure-action rollback"
                  + " --update-order start-first alpine sleep 1d")) {
        run.typeScript(line);
      }
      assertEquals(
          List.of(
              "mode is replicated, expected global; replicas is 2, expected 3; running tasks is 2,"
                  + " expected 3; env lacks MODE=x (env [MODE=lab]); label tier is front, expected"
                  + " back; update parallelism is 2, expected 1; update delay is 10s, expected 5s;"
                  + " update failure action is rollback, expected pause; update order is"
                  + " start-first, expected stop-first",
              "2 running tasks, expected at least 3",
              "2 running tasks, expected at most 1",
              "no service nope",
              "role is worker, expected manager; availability is active, expected pause; status"
                  + " is ready, expected down; manager status is none (a worker), expected"
                  + " Reachable",
              "no swarm node wrk9",
              "autolock unknown: no leader answers"),
          details(run.check(0)));
    }
  }
}
