package dev.ddlab.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docker top CONTAINER [ps OPTIONS]: the daemon runs the host's ps with the options and keeps the
 * container's rows, the CLI aligns them (recorded in
 * docs/reference/real-docker-ping-network-top.md). The container is {@code sh -c 'sleep 1d & sleep
 * 2d'}: sh and two sleeps.
 */
class TopCommandTest {
  private static final String SETUP =
      """
      docker run -d --name tp alpine sh -c 'sleep 1d & sleep 2d'
      docker inspect -f '{{.State.Pid}}' tp
      """;

  private final SimSession session = SimSession.open("single", 3);
  private final int shPid;

  TopCommandTest() {
    List<TranscriptEntry> t = new ScriptRunner(session).run(SETUP);
    shPid = Integer.parseInt(t.get(1).output().strip());
  }

  @AfterEach
  void close() {
    session.close();
  }

  private TranscriptEntry top(String args) {
    return new ScriptRunner(session).run("docker top tp " + args + "\n").get(0);
  }

  /** Docker's table: every column 20 wide but the last (the CLI's tabwriter, padding 1). */
  private static String table(List<List<String>> rows) {
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        String v = row.get(i);
        sb.append(i == row.size() - 1 ? v : String.format("%-19s ", v));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private String pid(int n) {
    return Integer.toString(n);
  }

  @Test
  void without_options_it_is_ps_ef_with_host_pids() {
    TranscriptEntry e = top("");
    String[] lines = e.output().split("\n");
    assertEquals(
        table(List.of(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"))),
        lines[0] + "\n");
    assertEquals(4, lines.length, e.output());
    assertTrue(
        lines[1].matches(
            "root {16}" + shPid + " +\\d+ +0 +00:00 +\\? +00:00:00 +sh -c sleep 1d & sleep 2d"),
        lines[1]);
    assertTrue(
        lines[2].matches("root {16}\\d+ +" + shPid + " +0 +00:00 +\\? +00:00:00 +sleep 1d"),
        lines[2]);
    assertEquals(e.output(), top("-ef").output());
  }

  @Test
  void o_picks_the_columns_and_the_last_one_keeps_its_blanks() {
    String out = top("-o pid,comm").output();
    String[] l = out.split("\n");
    assertEquals(4, l.length);
    assertEquals(
        table(List.of(List.of("PID", "COMMAND"), List.of(pid(shPid), "sh"))),
        l[0] + "\n" + l[1] + "\n");
    assertTrue(l[2].endsWith(" sleep") && l[3].endsWith(" sleep"), out);
    String args = top("-eo pid,args").output();
    assertTrue(
        args.startsWith(
            table(
                List.of(
                    List.of("PID", "COMMAND"), List.of(pid(shPid), "sh -c sleep 1d & sleep 2d")))),
        args);
    assertEquals(
        table(List.of(List.of("USER", "PID", "STAT"), List.of("root", pid(shPid), "Ss"))),
        top("-o user,pid -o stat")
            .output()
            .lines()
            .limit(2)
            .map(s -> s + "\n")
            .reduce("", String::concat));
  }

  @Test
  void aux_is_the_bsd_user_format() {
    String[] l = top("aux").output().split("\n");
    assertEquals(
        table(
            List.of(
                List.of(
                    "USER", "PID", "%CPU", "%MEM", "VSZ", "RSS", "TTY", "STAT", "START", "TIME",
                    "COMMAND"))),
        l[0] + "\n");
    assertTrue(
        l[1].matches(
            "root +"
                + shPid
                + " +0\\.0 +0\\.0 +\\d+ +\\d+ +\\? +Ss +00:00 +0:00 +sh -c sleep 1d & sleep 2d"),
        l[1]);
  }

  @Test
  void a_column_after_args_is_split_the_way_docker_splits_ps_output() {
    String[] l = top("-eo pid,args,etime").output().split("\n");
    // Docker splits each ps line on blanks and gives the rest to the last title.
    assertEquals(
        table(
            List.of(
                List.of("PID", "COMMAND", "ELAPSED"),
                List.of(pid(shPid), "sh", "-c sleep 1d & sleep 2d 00:00"))),
        l[0] + "\n" + l[1] + "\n");
  }

  @Test
  void times_follow_the_virtual_clock() {
    session.advance(Duration.ofHours(30));
    String[] l = top("-o pid,etime,stime,bsdstart").output().split("\n");
    assertEquals(
        table(
            List.of(
                List.of("PID", "ELAPSED", "STIME", "START"),
                List.of(pid(shPid), "1-06:00:00", "Jan01", "Jan 01"))),
        l[0] + "\n" + l[1] + "\n");
    assertEquals(3, l.length, "sleep 1d has ended");
  }

  @Test
  void a_pid_list_falls_back_to_ps_without_q_and_keeps_only_the_containers_rows() {
    assertEquals(table(List.of(List.of("PID", "TTY", "TIME", "CMD"))), top("-p 1").output());
  }

  @Test
  void forest_and_sort_options_work_without_q() {
    String[] forest = top("-ef --forest").output().split("\n");
    assertTrue(forest[1].endsWith("\\_ sh -c sleep 1d & sleep 2d"), forest[1]);
    assertTrue(forest[2].endsWith("\\_ sleep 1d"), forest[2]);
    String[] sorted = top("-eo pid --sort=-pid").output().split("\n");
    assertEquals(pid(shPid), sorted[3]);
  }

  @Test
  void ps_errors_come_back_from_the_daemon_with_their_first_line() {
    assertError(
        "Error response from daemon: ps: error: unknown user-defined format specifier \"nosuchcol\"\n",
        top("-o nosuchcol"));
    assertError("Error response from daemon: ps: error: unsupported SysV option\n", top("-Q"));
    assertError(
        "Error response from daemon: ps: error: unsupported option (BSD syntax)\n", top("Q"));
    assertError(
        "Error response from daemon: ps: error: unknown gnu long option\n", top("--nosuch"));
  }

  @Test
  void output_without_a_pid_column_cannot_be_read() {
    String msg = "Error response from daemon: Couldn't find PID field in ps output\n";
    assertError(msg, top("-o comm"));
    assertError(msg, top("-o pid=,comm="));
    assertError(msg, top("--no-headers"));
    assertError(
        "Error response from daemon: specifying \"comm=PID\" is not allowed\n", top("-o comm=PID"));
  }

  @Test
  void a_stopped_container_has_no_processes_to_show() {
    List<TranscriptEntry> t =
        new ScriptRunner(session).run("docker create --name idle alpine true\ndocker top idle\n");
    assertTrue(
        t.get(1)
            .output()
            .matches("Error response from daemon: Container [0-9a-f]{64} is not running\n"),
        t.get(1).output());
    assertEquals(1, t.get(1).exitCode());
  }

  private static void assertError(String expected, TranscriptEntry e) {
    assertEquals(expected, e.output());
    assertEquals(1, e.exitCode());
  }
}
