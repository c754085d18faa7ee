package dev.ddlab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimSessionTest {
  private static List<TranscriptEntry> run(SimSession s, String script) {
    return new ScriptRunner(s).run(script);
  }

  @Test
  void ctrl_c_at_a_continuation_prompt_drops_the_pending_input() {
    try (SimSession s = SimSession.open("single", 7)) {
      s.type("node1", "cd $(( tmp");
      assertEquals("> ", s.prompt("node1"));
      s.interrupt("node1");
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
      assertEquals("hi\n", s.type("node1", "echo hi").output());
    }
  }

  @Test
  void run_it_routes_lines_into_the_container_and_detach_returns_to_the_host_with_zero() {
    try (SimSession s = SimSession.open("single", 7)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker run -it ubuntu:latest /bin/bash
              hostname
              ^P^Q
              docker ps -q
              """);
      assertEquals("ubuntu@node1:~$ ", t.get(0).prompt());
      String id = t.get(1).output().strip();
      assertEquals("root@" + id + ":/# ", t.get(1).prompt());
      assertEquals("^P^Q", t.get(2).command());
      assertEquals("read escape sequence\n", t.get(2).output());
      assertEquals(0, t.get(0).exitCode());
      assertEquals("ubuntu@node1:~$ ", t.get(3).prompt());
      assertEquals(id + "\n", t.get(3).output());
      assertFalse(s.isAttached("node1"));
    }
  }

  @Test
  void exiting_the_container_gives_the_attaching_command_the_containers_exit_code() {
    try (SimSession s = SimSession.open("single", 7)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker run -it alpine sh
              exit 3
              echo $?
              """);
      assertEquals("/ # ", t.get(1).prompt());
      assertEquals(3, t.get(1).exitCode());
      assertEquals(3, t.get(0).exitCode(), "the run entry is updated when the stream ends");
      assertEquals("3\n", t.get(2).output());
    }
  }

  @Test
  void docker_wait_on_a_running_container_keeps_the_terminal_until_ctrl_c_which_gives_130() {
    try (SimSession s = SimSession.open("single", 7)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker run -d --name forever alpine sleep infinity
              docker wait forever
              ^C
              docker inspect -f '{{.State.Running}}' forever
              """);
      assertEquals("", t.get(1).output());
      assertEquals(130, t.get(1).exitCode(), "the wait entry takes Ctrl-C's status");
      assertEquals(130, t.get(2).exitCode());
      assertFalse(s.isAttached("node1"));
      assertEquals("true\n", t.get(3).output(), "Ctrl-C leaves the container alone");
    }
  }

  @Test
  void docker_wait_lets_virtual_time_pass_until_the_container_exits() {
    try (SimSession s = SimSession.open("single", 7)) {
      run(s, "docker run -d --name five alpine sh -c 'sleep 5; exit 4'");
      long t0 = s.clock().nowNanos();
      TranscriptEntry w = run(s, "docker wait five").get(0);
      assertEquals("4\n", w.output());
      assertEquals(0, w.exitCode());
      assertEquals(5_000_000_000L, s.clock().nowNanos() - t0);
    }
  }

  @Test
  void percy_file_survives_stop_and_start() {
    try (SimSession s = SimSession.open("single", 3)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker run --name percy -it ubuntu:latest /bin/bash
              cd tmp
              echo "Sunderland is the greatest
              football team in the world" > newfile
              ^P^Q
              docker stop percy
              docker start percy
              docker exec -it percy bash
              cat /tmp/newfile
              exit
              """);
      TranscriptEntry cat = t.get(t.size() - 2);
      assertEquals("cat /tmp/newfile", cat.command());
      assertEquals("Sunderland is the greatest\nfootball team in the world\n", cat.output());
      assertEquals("ubuntu@node1:~$ ", s.prompt("node1"));
    }
  }

  @Test
  void sleep_moves_virtual_time_and_ctrl_c_stops_a_foreground_command() {
    try (SimSession s = SimSession.open("single", 1)) {
      long t0 = s.clock().nowNanos();
      s.type("node1", "sleep 10");
      assertEquals(10_000_000_000L, s.clock().nowNanos() - t0);
      s.type("node1", "sleep 5 &");
      assertEquals(10_000_000_000L, s.clock().nowNanos() - t0);
      TranscriptEntry c = s.interrupt("node1");
      assertEquals(130, c.exitCode());
    }
  }

  @Test
  void restart_policies_across_a_daemon_restart() {
    try (SimSession s = SimSession.open("single", 5)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker run -d --name always \\
                --restart always \\
                alpine sleep 1d
              docker run -d --name unless-stopped --restart unless-stopped alpine sleep 1d
              docker stop always unless-stopped
              systemctl restart docker
              docker ps --format '{{.Names}} {{.Status}}'
              systemctl is-active docker
              """);
      assertEquals("> ", t.get(1).prompt());
      TranscriptEntry ps = t.get(t.size() - 2);
      assertTrue(ps.output().startsWith("always Up"), ps.output());
      assertFalse(ps.output().contains("unless-stopped"), ps.output());
      assertEquals("active\n", t.get(t.size() - 1).output());
    }
  }

  @Test
  void published_port_answers_curl_on_localhost() {
    try (SimSession s = SimSession.open("single", 9)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker run -d --name webserver -p 80:8080 nigelpoulton/ddd-book:web0.1
              curl localhost
              curl localhost:81
              """);
      assertEquals(0, t.get(1).exitCode(), t.get(1).output());
      assertTrue(t.get(1).output().contains("<html"), t.get(1).output());
      assertEquals(7, t.get(2).exitCode());
    }
  }

  @Test
  void same_seed_and_script_give_identical_json_and_another_seed_other_ids() {
    String script =
        "docker run -d alpine sleep 1d\ndocker run -it busybox sh\nps\n^P^Q\ndocker ps -a\n";
    String a;
    String b;
    String c;
    try (SimSession s = SimSession.open("single", 42)) {
      a = ScriptRunner.json(run(s, script));
    }
    try (SimSession s = SimSession.open("single", 42)) {
      b = ScriptRunner.json(run(s, script));
    }
    try (SimSession s = SimSession.open("single", 43)) {
      c = ScriptRunner.json(run(s, script));
    }
    assertEquals(a, b);
    assertNotEquals(a, c);
    assertTrue(
        a.startsWith("[\n  {\n    \"node\": \"node1\",\n    \"prompt\": \"ubuntu@node1:~$ \","), a);
  }

  @Test
  void at_node_switches_terminals_and_ssh_runs_on_another_node() {
    try (SimSession s = SimSession.open("swarm-3m3w", 1)) {
      assertEquals(List.of("mgr1", "mgr2", "mgr3", "wrk1", "wrk2", "wrk3"), s.nodes());
      assertEquals("10.0.0.4", s.nodeAddress("wrk1"));
      List<TranscriptEntry> t = run(s, "hostname\n@wrk1\nhostname\nssh mgr2 hostname\n");
      assertEquals("mgr1\n", t.get(0).output());
      assertEquals("ubuntu@wrk1:~$ ", t.get(1).prompt());
      assertEquals("wrk1\n", t.get(1).output());
      assertEquals("mgr2\n", t.get(2).output());
    }
  }

  @Test
  void a_swarms_own_ticking_does_not_use_up_a_long_sleep_so_the_terminal_answers_after_it() {
    try (SimSession s = SimSession.open("swarm-3m3w", 1)) {
      run(
          s,
          "docker swarm init --advertise-addr 10.0.0.1\n@wrk1\n"
              + "docker swarm join --token $(ssh mgr1 docker swarm join-token -q worker)"
              + " 10.0.0.1:2377\n@mgr1\n");
      long t0 = s.clock().nowNanos();
      TranscriptEntry slept = s.type("mgr1", "sleep 7200");
      assertEquals(0, slept.exitCode());
      assertEquals(7_200_000_000_000L, s.clock().nowNanos() - t0);
      TranscriptEntry ls = s.type("mgr1", "docker node ls --format '{{.Hostname}} {{.Status}}'");
      assertEquals("mgr1 Ready\nwrk1 Ready\n", ls.output());
    }
  }

  @Test
  void a_loop_that_never_ends_still_leaves_the_terminal_busy_after_its_work_budget() {
    try (SimSession s = SimSession.open("single", 1)) {
      long t0 = s.clock().nowNanos();
      s.type("node1", "while true; do :; done");
      long ran = s.clock().nowNanos() - t0;
      assertTrue(ran > 0 && ran < 3_600_000_000_000L, "stopped settling after " + ran + " ns");
      assertEquals(130, s.interrupt("node1").exitCode());
    }
  }

  @Test
  void bad_input_never_throws() {
    try (SimSession s = SimSession.open("single", 1)) {
      assertEquals("", s.type("node1", "\u0010\u0011").output());
      assertEquals(1, s.type("nosuch", "ls").exitCode());
      assertEquals(127, s.type("node1", "foo").exitCode());
      assertEquals(2, s.type("node1", "ls ;; ls").exitCode());
      assertEquals(125, s.type("node1", "docker run --nosuchflag alpine").exitCode());
      // the remote bash gets the words joined, with a quote left open: its own syntax error
      TranscriptEntry open = s.type("node1", "ssh node1 echo '\"'");
      assertTrue(
          open.output().startsWith("bash: unexpected EOF while looking for matching `\"'\n"),
          open.output());
      assertEquals(2, open.exitCode());
    }
  }

  @Test
  void completion_offers_commands_docker_subcommands_and_paths() {
    try (SimSession s = SimSession.open("single", 1)) {
      assertTrue(s.complete("node1", "dock").contains("docker"));
      assertTrue(
          s.complete("node1", "docker ru").contains("run"),
          s.complete("node1", "docker ru").toString());
      s.type("node1", "mkdir projects");
      assertEquals(List.of("projects/"), s.complete("node1", "cd pro"));
    }
  }

  @Test
  void ping_inside_a_container_resolves_names_on_a_user_network() {
    try (SimSession s = SimSession.open("single", 11)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              docker network create net1
              docker run -d --name web --network net1 nginx
              docker run -it --network net1 alpine sh
              ping -c 2 web
              ping nosuchhost
              ping web
              ^C
              """);
      TranscriptEntry ping = t.get(3);
      assertTrue(ping.output().startsWith("PING web (172."), ping.output());
      assertTrue(
          ping.output().contains("2 packets transmitted, 2 packets received, 0% packet loss"),
          ping.output());
      assertEquals("ping: bad address 'nosuchhost'\n", t.get(4).output());
      assertTrue(
          t.get(5).output().startsWith("PING web"),
          "ping streams a few replies, then waits for ^C");
      assertTrue(t.get(6).output().contains("packets transmitted"), t.get(6).output());
      assertEquals("/ # ", s.prompt("node1"));
    }
  }

  @Test
  void tar_round_trips_a_directory_on_the_host() {
    try (SimSession s = SimSession.open("single", 1)) {
      List<TranscriptEntry> t =
          run(
              s,
              """
              mkdir -p d/e && echo hi > d/e/f
              tar -czvf d.tgz d
              rm -rf d
              tar -xzf d.tgz -C /tmp
              cat /tmp/d/e/f
              tar -tzf d.tgz
              """);
      assertEquals("d/\nd/e/\nd/e/f\n", t.get(1).output());
      assertEquals("hi\n", t.get(4).output());
      assertEquals("d/\nd/e/\nd/e/f\n", t.get(5).output());
      byte[] gz = s.host("node1").hostFs().read("/home/ubuntu/d.tgz");
      assertEquals(0x1f, gz[0] & 0xff);
      assertEquals(0x8b, gz[1] & 0xff);
    }
  }
}
