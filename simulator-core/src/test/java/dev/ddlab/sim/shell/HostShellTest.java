package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.client.CliResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostShellTest {
  private final TestHost host = new TestHost();

  @Test
  void prompt_shows_user_host_and_tilde_for_home_and_follows_cd() {
    assertEquals("ubuntu@node1:~$ ", host.shell.prompt());
    host.run("cd /tmp");
    assertEquals("ubuntu@node1:/tmp$ ", host.shell.prompt());
    host.run("cd");
    host.run("mkdir -p work/a && cd work/a");
    assertEquals("ubuntu@node1:~/work/a$ ", host.shell.prompt());
    assertEquals("/home/ubuntu/work/a\n", host.run("pwd"));
  }

  @Test
  void quoting_keeps_blanks_and_single_quotes_stop_expansion() {
    assertEquals("a  b c $HOME /home/ubuntu\n", host.run("echo \"a  b\" 'c $HOME' $HOME"));
    assertEquals("x y\n", host.run("echo x\\ y"));
    assertEquals("it's\n", host.run("echo \"it's\""));
    assertEquals("home=/home/ubuntu/\n", host.run("echo home=${HOME}/"));
  }

  @Test
  void date_formats_nanoseconds_and_gnu_fields_from_the_virtual_clock() {
    long start = host.clock.nowNanos();
    host.clock.advance(Duration.ofMillis(1500));
    long seconds = (start + 1_500_000_000L) / 1_000_000_000L;
    String nanos = String.format("%09d", (start + 1_500_000_000L) % 1_000_000_000L);
    assertEquals(seconds + "." + nanos + "\n", host.run("date +%s.%N"));
    // the clock starts on Monday 2024-01-01, day 1 of the year
    assertEquals(1_704_067_200L, start / 1_000_000_000L);
    assertEquals("001 1 1 12 AM 00:00\n", host.run("date '+%j %u %w %I %p %R'"));
  }

  @Test
  void unknown_command_is_bash_127() {
    assertEquals("bash: foo: command not found\n", host.run("foo bar"));
    assertEquals("127\n", host.run("echo $?"));
  }

  @Test
  void syntax_errors_are_bash_wording_with_status_2() {
    assertEquals("bash: syntax error near unexpected token `|'\n", host.run("| ls"));
    assertEquals("2\n", host.run("echo $?"));
    assertEquals("bash: syntax error near unexpected token `newline'\n", host.run("echo >"));
    assertEquals("bash: syntax error near unexpected token `;;'\n", host.run("ls ;;"));
  }

  @Test
  void open_quote_asks_for_a_continuation_line_and_joins_with_newline() {
    TestHost.Result first = host.type("echo \"Sunderland is the greatest");
    assertEquals("", first.output());
    assertEquals("> ", host.shell.prompt());
    assertEquals(
        "Sunderland is the greatest\nfootball team in the world\n",
        host.run("football team in the world\""));
    assertEquals("ubuntu@node1:~$ ", host.shell.prompt());
  }

  @Test
  void trailing_backslash_continues_the_command() {
    host.type("echo one \\");
    assertEquals("> ", host.shell.prompt());
    assertEquals("one two\n", host.run("two"));
  }

  @Test
  void redirections_write_append_and_read_files() {
    host.run("echo hi > f; echo there >> f");
    assertEquals("hi\nthere\n", host.run("cat f"));
    assertEquals("hi\nthere\n", new String(host.fs.read("/home/ubuntu/f"), StandardCharsets.UTF_8));
    assertEquals("2\n", host.run("wc -l < f"));
    assertEquals("", host.run("cat nope 2> err"));
    assertEquals("cat: nope: No such file or directory\n", host.run("cat err"));
    assertEquals("1\n", host.run("cat nope 2>&1 | wc -l"));
    assertEquals("bash: /nodir/x: No such file or directory\n", host.run("echo x > /nodir/x"));
  }

  @Test
  void and_or_and_semicolon_follow_exit_statuses() {
    assertEquals("yes\n", host.run("true && echo yes || echo no"));
    assertEquals("no\n", host.run("false && echo yes || echo no"));
    assertEquals("a\nb\n", host.run("echo a; false; echo b"));
    assertEquals("1\n", host.run("false; echo $?"));
  }

  @Test
  void docker_output_pipes_into_filters_with_stderr_kept_apart() {
    host.docker =
        (args, io) -> {
          io.out(
              "REPOSITORY   TAG       IMAGE ID\nalpine       latest    05455a08881e\nubuntu       latest    dfd64a3b4296\n");
          io.err("warning on stderr\n");
          return CliResult.exit(0);
        };
    assertEquals(
        "warning on stderr\nalpine       latest    05455a08881e\n",
        host.run("docker images | grep alpine"));
    assertEquals("warning on stderr\n3\n", host.run("docker images | wc -l"));
  }

  @Test
  void command_substitution_splits_ids_into_arguments() {
    host.docker =
        (args, io) -> {
          if (args.get(0).equals("ps")) {
            io.out("3142bd91ecc4\n4f1b431ac729\n");
          }
          return CliResult.exit(0);
        };
    host.run("docker rm $(docker ps -aq) -f");
    assertEquals(List.of("rm", "3142bd91ecc4", "4f1b431ac729", "-f"), host.dockerCalls.get(1));
    host.run("echo \"$(docker ps -aq)\"");
  }

  @Test
  void without_a_docker_cli_the_host_says_command_not_found() {
    assertEquals("bash: docker: command not found\n", host.run("docker ps"));
  }

  @Test
  void sleep_keeps_the_shell_busy_until_virtual_time_passes() {
    TestHost.Result r = host.type("sleep 5 && echo woke");
    assertNull(r.status());
    assertTrue(host.shell.busy());
    assertEquals("", host.shell.prompt());
    host.clock.advance(Duration.ofSeconds(5));
    assertFalse(host.shell.busy());
  }

  @Test
  void sleep_accepts_unit_suffixes_and_rejects_garbage() {
    assertEquals(Duration.ofDays(1), TimedCommands.parseDuration("1d"));
    assertEquals(Duration.ofMinutes(5), TimedCommands.parseDuration("5m"));
    assertEquals(Duration.ofMillis(500), TimedCommands.parseDuration("0.5"));
    assertNull(TimedCommands.parseDuration("x"));
    assertEquals(
        "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n",
        host.run("sleep x"));
  }

  @Test
  void background_job_prints_its_number_and_pid_then_done_notice() {
    String out = host.run("sleep 10 &");
    assertTrue(out.matches("\\[1\\] \\d+\n"), out);
    host.clock.advance(Duration.ofSeconds(10));
    assertEquals("[1]+  Done                    sleep 10\n", host.shell.drainJobNotices());
  }

  @Test
  void kill_with_a_jobspec_ends_a_background_sleep_and_bash_reports_it_terminated() {
    host.run("sleep 100 &");
    // bash reports the job before its next prompt, so right after the kill
    assertEquals("[1]+  Terminated              sleep 100\n", host.run("kill %1"));
    assertEquals("", host.run("jobs"));
  }

  @Test
  void kill_by_the_pid_in_dollar_bang_and_by_signal_name() {
    host.run("sleep 100 &");
    assertEquals("[1]+  Killed                  sleep 100\n", host.run("kill -9 $!"));
    host.run("sleep 100 &");
    assertEquals("[1]+  Interrupt               sleep 100\n", host.run("kill -s INT %sleep"));
  }

  @Test
  void a_killed_job_starts_nothing_more_of_its_loop() {
    host.run("while true; do sleep 1; echo x >> ticks; done &");
    host.clock.advance(Duration.ofMillis(3500));
    assertEquals(
        "[1]+  Terminated              while true; do sleep 1; echo x >> ticks; done\n",
        host.run("kill %1"));
    host.clock.advance(Duration.ofSeconds(10));
    assertEquals("3\n", host.run("wc -l < ticks"));
  }

  @Test
  void kill_of_a_job_that_does_not_exist_says_so_as_bash_does() {
    assertEquals("bash: kill: %3: no such job\n", host.run("kill %3"));
    assertEquals("1\n", host.run("echo $?"));
    assertEquals("bash: kill: (4242) - No such process\n", host.run("kill 4242"));
  }

  @Test
  void wait_returns_when_the_jobs_end_with_the_named_jobs_status() {
    host.run("sleep 5 && false &");
    host.run("sleep 10 &");
    Integer[] status = {null};
    host.shell.type("wait %1", new Io(null, s -> {}, s -> {}), st -> status[0] = st);
    assertNull(status[0]);
    host.clock.advance(Duration.ofSeconds(5));
    assertEquals(1, status[0]);
    status[0] = null;
    host.shell.type("wait", new Io(null, s -> {}, s -> {}), st -> status[0] = st);
    host.clock.advance(Duration.ofSeconds(4));
    assertNull(status[0]);
    host.clock.advance(Duration.ofSeconds(1));
    assertEquals(0, status[0]);
    assertEquals("bash: wait: %7: no such job\n", host.run("wait %7"));
    assertEquals("127\n", host.run("echo $?"));
    assertEquals("bash: wait: pid 99999 is not a child of this shell\n", host.run("wait 99999"));
    assertEquals("wait is a shell builtin\nfg is a shell builtin\n", host.run("type wait fg"));
  }

  @Test
  void jobs_p_prints_the_process_ids_alone_in_job_order() {
    String first = host.run("sleep 100 &").replaceAll("^\\[1\\] (\\d+)\n$", "$1");
    String second = host.run("sleep 200 &").replaceAll("^\\[2\\] (\\d+)\n$", "$1");
    assertEquals(first + "\n" + second + "\n", host.run("jobs -p"));
  }

  @Test
  void gnu_ln_words_its_errors_as_coreutils() {
    host.run("cd /tmp");
    assertEquals("", host.run("ln -s /etc/hostname h"));
    assertEquals(
        "ln: failed to create symbolic link 'h': File exists\n", host.run("ln -s /etc/hostname h"));
    assertEquals(
        "ln: missing file operand\nTry 'ln --help' for more information.\n", host.run("ln"));
    assertEquals(
        "ln: failed to access '/nope': No such file or directory\n", host.run("ln /nope x"));
    assertEquals("ln: target 'nodir': No such file or directory\n", host.run("ln -s /a /b nodir"));
    assertEquals("1\n", host.run("echo $?"));
  }

  @Test
  void ctrl_c_ends_a_wait_but_not_the_job() {
    host.run("sleep 10 &");
    Integer[] status = {null};
    host.shell.type("wait", new Io(null, s -> {}, s -> {}), st -> status[0] = st);
    host.shell.interrupt(new Io(null, s -> {}, s -> {}));
    assertEquals(130, status[0]);
    assertTrue(host.run("jobs").startsWith("[1]+  Running"));
    host.clock.advance(Duration.ofSeconds(10));
    assertEquals("[1]+  Done                    sleep 10\n", host.shell.drainJobNotices());
  }

  @Test
  void fg_prints_the_command_waits_for_it_and_ctrl_c_kills_it_without_a_notice() {
    host.run("sleep 10 &");
    StringBuilder out = new StringBuilder();
    Integer[] status = {null};
    host.shell.type("fg", new Io(null, out::append, out::append), st -> status[0] = st);
    assertEquals("sleep 10\n", out.toString());
    host.clock.advance(Duration.ofSeconds(10));
    assertEquals(0, status[0]);
    assertEquals("", host.shell.drainJobNotices());

    host.run("sleep 100 &");
    status[0] = null;
    host.shell.type("fg %1", new Io(null, s -> {}, s -> {}), st -> status[0] = st);
    host.shell.interrupt(new Io(null, s -> {}, s -> {}));
    assertEquals(130, status[0]);
    assertEquals("", host.run("jobs"));
    assertEquals("", host.shell.drainJobNotices());
    assertEquals("bash: fg: current: no such job\n", host.run("fg"));
  }

  @Test
  void printf_formats_as_c_does_and_reuses_its_format_for_the_remaining_arguments() {
    assertEquals("a=1 b=2\n", host.run("printf 'a=%d b=%d\\n' 1 2"));
    assertEquals("x\ny\nz\n", host.run("printf '%s\\n' x y z"));
    assertEquals(
        "[   ab] [ab   ] [007] [ff] [3.14]\n",
        host.run("printf '[%5s] [%-5s] [%03d] [%x] [%.2f]\\n' ab ab 7 255 3.14159"));
    assertEquals("tab\there\n", host.run("printf '%b\\n' 'tab\\there'"));
    assertEquals("65 100%\n", host.run("printf \"%d %d%%\\n\" \"'A\" 100"));
    assertEquals("bash: printf: abc: invalid number\n0\n", host.run("printf '%d\\n' abc"));
    assertEquals("1\n", host.run("echo $?"));
    assertEquals("printf is a shell builtin\n", host.run("type printf"));
  }

  @Test
  void ulimit_shows_the_logins_limits_and_lowers_them_but_not_above_the_hard_limit() {
    assertEquals("1024\n", host.run("ulimit -n"));
    assertEquals("1048576\n", host.run("ulimit -Hn"));
    assertEquals("", host.run("ulimit -n 512"));
    assertEquals("512\n", host.run("ulimit -n"));
    assertEquals(
        "bash: ulimit: open files: cannot modify limit: Operation not permitted\n",
        host.run("ulimit -n 2000000"));
    assertTrue(host.run("ulimit -a").contains("open files                          (-n) 512\n"));
  }

  @Test
  void interrupt_stops_a_foreground_sleep_with_130() {
    Integer[] status = {null};
    host.shell.type("sleep 100", new Io(null, s -> {}, s -> {}), st -> status[0] = st);
    host.shell.interrupt(new Io(null, s -> {}, s -> {}));
    assertEquals(130, status[0]);
    assertFalse(host.shell.busy());
  }

  @Test
  void a_foreground_loop_left_running_holds_only_its_next_timer_not_every_one_it_had() {
    Integer[] status = {null};
    host.shell.type("while true; do :; done", new Io(null, s -> {}, s -> {}), st -> status[0] = st);
    host.clock.advance(Duration.ofSeconds(10)); // 10,000 yields of the busy loop
    assertTrue(host.shell.foregroundTimers() <= 1, "held " + host.shell.foregroundTimers());
    host.shell.interrupt(new Io(null, s -> {}, s -> {}));
    assertEquals(130, status[0]);
  }

  @Test
  void yes_in_the_foreground_holds_only_its_next_timer_and_stops_with_130() {
    Integer[] status = {null};
    StringBuilder out = new StringBuilder();
    host.shell.type("yes", new Io(null, out::append, out::append), st -> status[0] = st);
    host.clock.advance(Duration.ofSeconds(1));
    assertTrue(host.shell.foregroundTimers() <= 1, "held " + host.shell.foregroundTimers());
    host.shell.interrupt(new Io(null, s -> {}, s -> {}));
    int printed = out.length();
    host.clock.advance(Duration.ofSeconds(1));
    assertEquals(130, status[0]);
    assertEquals(printed, out.length(), "yes stopped printing");
    assertTrue(out.toString().startsWith("y\ny\n"));
  }

  @Test
  void globs_expand_sorted_and_unmatched_patterns_stay_literal() {
    host.run("touch b.txt a.txt c.log");
    assertEquals("a.txt b.txt\n", host.run("echo *.txt"));
    assertEquals("*.md\n", host.run("echo *.md"));
    assertEquals("*.txt\n", host.run("echo '*.txt'"));
  }

  @Test
  void a_bracket_inside_a_glob_set_is_literal_and_a_reversed_range_leaves_the_word_alone() {
    host.run("touch 2 , x");
    assertEquals(", 2\n", host.run("echo [[,2]"));
    assertEquals("[z-a]\n", host.run("echo [z-a]"));
  }

  @Test
  void file_tools_create_copy_move_and_remove() {
    host.run("mkdir -p d/e && echo x > d/e/f");
    assertEquals("mkdir: cannot create directory 'd': File exists\n", host.run("mkdir d"));
    host.run("cp -r d d2 && mv d2/e/f d2/g");
    assertEquals("x\n", host.run("cat d2/g"));
    assertEquals("rm: cannot remove 'd': Is a directory\n", host.run("rm d"));
    host.run("rm -rf d d2");
    assertEquals("ls: cannot access 'd': No such file or directory\n", host.run("ls d"));
    assertEquals(2, host.status("ls d"));
  }

  @Test
  void ls_long_lists_mode_owner_size_and_name() {
    host.run("echo 'Sunderland is the greatest' > newfile");
    String out = host.run("ls -l");
    assertTrue(out.startsWith("total 4\n-rw-r--r-- 1 "), out);
    assertTrue(out.endsWith(" 27 Jan  1 00:00 newfile\n"), out);
  }

  @Test
  void text_filters_work_in_pipelines() {
    host.run("printf_unused=1; echo 'b\na\nb\nc' > l");
    assertEquals("a\nb\nb\nc\n", host.run("echo -e 'b\\na\\nb\\nc' | sort"));
    assertEquals("      2 b\n", host.run("echo -e 'b\\nb\\nc' | uniq -c | head -n 1"));
    assertEquals("c\n", host.run("echo -e 'a\\nb\\nc' | tail -n 1"));
    assertEquals("HELLO\n", host.run("echo hello | tr a-z A-Z"));
    assertEquals("b\n", host.run("echo a:b:c | cut -d: -f2"));
    assertEquals("hello docker\n", host.run("echo hello world | sed 's/world/docker/'"));
    assertEquals("2\n", host.run("echo -e 'Alpine\\nalpine\\nubuntu' | grep -ic alpine"));
    assertEquals("ubuntu\n", host.run("echo -e 'alpine\\nubuntu' | grep -v alpine"));
    assertEquals(1, host.status("echo x | grep y"));
  }

  @Test
  void systemctl_controls_the_docker_daemon() {
    assertEquals("active\n", host.run("systemctl is-active docker"));
    host.run("sudo systemctl stop docker");
    assertEquals("inactive\n", host.run("systemctl is-active docker"));
    assertEquals(3, host.status("systemctl is-active docker"));
    host.run("service docker start");
    assertTrue(host.daemonActive);
    assertEquals(
        "Failed to restart nginx.service: Unit nginx.service not found.\n",
        host.run("systemctl restart nginx"));
  }

  @Test
  void history_lists_typed_lines_and_id_shows_groups() {
    host.run("whoami");
    host.run("hostname");
    assertEquals("    1  whoami\n    2  hostname\n    3  history\n", host.run("history"));
    assertEquals(
        "uid=1000(ubuntu) gid=1000(ubuntu) groups=1000(ubuntu),27(sudo),999(docker)\n",
        host.run("id"));
  }

  @Test
  void exit_closes_the_shell() {
    host.run("exit");
    assertTrue(host.shell.closed());
  }
}
