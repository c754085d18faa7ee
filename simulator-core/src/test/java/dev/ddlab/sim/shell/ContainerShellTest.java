package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.fs.MemoryFs;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.LayerBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerShellTest {
  static MemoryFs alpine() {
    LayerBuilder b = Layer.builder(VirtualClock.DEFAULT_START_NANOS);
    b.dir("/root", 0700).dir("/tmp", 01777).dir("/etc").dir("/usr/bin");
    b.binary("/bin/busybox", 800_000, "busybox");
    for (String a :
        List.of(
            "sh",
            "ash",
            "ls",
            "cat",
            "echo",
            "mkdir",
            "rm",
            "ps",
            "hostname",
            "sleep",
            "grep",
            "wc",
            "ping",
            "kill",
            "top",
            "id",
            "uname",
            "cp",
            "ln",
            "cat")) {
      b.symlink("/bin/" + a, "/bin/busybox");
    }
    b.file("/etc/hostname", "localhost\n");
    b.file("/etc/passwd", "root:x:0:0:root:/root:/bin/ash\n");
    b.file("/etc/group", "root:x:0:root\n");
    return new MemoryFs(() -> VirtualClock.DEFAULT_START_NANOS, b.build().entries());
  }

  static MemoryFs ubuntu() {
    LayerBuilder b = Layer.builder(VirtualClock.DEFAULT_START_NANOS);
    b.dir("/root", 0700).dir("/tmp", 01777).dir("/etc").dir("/usr/bin").symlink("/bin", "usr/bin");
    b.binary("/usr/bin/bash", 1_000_000, "bash");
    b.binary("/usr/bin/dash", 125_000, "dash");
    b.symlink("/usr/bin/sh", "dash");
    for (String t : List.of("ls", "cat", "echo", "mkdir", "rm", "ps", "hostname", "sleep")) {
      b.binary("/usr/bin/" + t, 20_000, t);
    }
    b.file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
    return new MemoryFs(() -> VirtualClock.DEFAULT_START_NANOS, b.build().entries());
  }

  @Test
  void busybox_sh_prompt_follows_cwd_and_unknown_commands_are_not_found() {
    FakeProc.World w = new FakeProc.World(alpine());
    FakeProc sh = w.init(List.of("sh"), true);
    assertEquals("/ # ", sh.prompt());
    assertEquals("", sh.type("cd tmp"));
    assertEquals("/tmp # ", sh.prompt());
    assertEquals("sh: nosuch: not found\n", sh.type("nosuch"));
    assertEquals("127\n", sh.type("echo $?"));
    assertEquals("~ # ", after(sh, "cd", "~ # "));
  }

  private static String after(FakeProc sh, String line, String expected) {
    sh.type(line);
    return sh.prompt();
  }

  @Test
  void cd_to_a_missing_directory_fails_in_each_shells_words_and_status() {
    FakeProc sh = new FakeProc.World(alpine()).init(List.of("sh"), true);
    assertEquals("sh: cd: can't cd to /nosuch: No such file or directory\n", sh.type("cd /nosuch"));
    assertEquals("2\n", sh.type("echo $?"));
    FakeProc dash = new FakeProc.World(ubuntu()).init(List.of("sh"), true);
    assertEquals("sh: 1: cd: can't cd to /nosuch\n", dash.type("cd /nosuch"));
    assertEquals("2\n", dash.type("echo $?"));
    FakeProc bash = new FakeProc.World(ubuntu()).init(List.of("/bin/bash"), true);
    assertEquals("bash: cd: /etc/passwd: Not a directory\n", bash.type("cd /etc/passwd"));
    assertEquals("1\n", bash.type("echo $?"));
  }

  @Test
  void ubuntu_bash_prompt_and_missing_ping() {
    FakeProc.World w = new FakeProc.World(ubuntu());
    FakeProc bash = w.init(List.of("/bin/bash"), true);
    assertEquals("root@6cd20d508db0:/# ", bash.prompt());
    assertEquals("bash: ping: command not found\n", bash.type("ping nigelpoulton.com"));
  }

  @Test
  void percy_file_written_with_echo_survives_in_the_filesystem() {
    MemoryFs fs = ubuntu();
    FakeProc.World w = new FakeProc.World(fs);
    FakeProc bash = w.init(List.of("/bin/bash"), true);
    bash.type("cd tmp");
    assertEquals("total 0\n", bash.type("ls -l"));
    assertEquals("", bash.type("echo \"Sunderland is the greatest"));
    assertEquals("> ", bash.prompt());
    assertEquals("", bash.type("football team in the world\" > newfile"));
    String ls = bash.type("ls -l");
    assertTrue(ls.startsWith("total 4\n-rw-r--r-- 1 root root 54 "), ls);
    assertEquals(
        "Sunderland is the greatest\nfootball team in the world\n", bash.type("cat newfile"));
    assertTrue(fs.exists("/tmp/newfile"));
  }

  @Test
  void ps_elf_in_ubuntu_shows_bash_as_pid_1_and_ps_itself() {
    FakeProc.World w = new FakeProc.World(ubuntu());
    FakeProc bash = w.init(List.of("/bin/bash"), true);
    String out = bash.type("ps -elf");
    String[] lines = out.split("\n");
    assertEquals(
        "F S UID          PID    PPID  C PRI  NI ADDR SZ WCHAN  STIME TTY          TIME CMD",
        lines[0]);
    assertTrue(
        lines[1].matches(
            "4 S root           1       0  0  80   0 -  \\d+ do_wai 00:00 pts/0    00:00:00 /bin/bash"),
        lines[1]);
    assertTrue(
        lines[2].matches(
            "0 R root           2       1  0  80   0 -  \\d+ -      00:00 pts/0    00:00:00 ps -elf"),
        lines[2]);
  }

  @Test
  void procps_ps_in_ubuntu_takes_formats_and_reports_bad_options() {
    FakeProc.World w = new FakeProc.World(ubuntu());
    FakeProc bash = w.init(List.of("/bin/bash"), true);
    assertEquals(
        "    PID COMMAND             ELAPSED\n      1 bash                  00:00\n"
            + "      2 ps                    00:00\n",
        bash.type("ps -o pid,comm,etime"));
    String aux = bash.type("ps aux");
    assertEquals(
        "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND",
        aux.lines().findFirst().orElseThrow());
    assertTrue(aux.contains(" pts/0    Ss   00:00   0:00 /bin/bash\n"), aux);
    assertTrue(aux.contains(" pts/0    R+   00:00   0:00 ps aux\n"), aux);
    assertTrue(bash.type("ps -Q").startsWith("error: unsupported SysV option\n\nUsage:\n"));
    assertEquals("1\n", bash.type("echo $?"));
  }

  @Test
  void busybox_ps_uses_its_own_columns() {
    FakeProc.World w = new FakeProc.World(alpine());
    FakeProc sh = w.init(List.of("sh"), true);
    assertEquals(
        "PID   USER     TIME  COMMAND\n    1 root      0:00 sh\n    2 root      0:00 ps\n",
        sh.type("ps"));
  }

  @Test
  void pipes_inside_the_container_feed_child_stdin() {
    FakeProc.World w = new FakeProc.World(alpine());
    FakeProc sh = w.init(List.of("sh"), true);
    sh.type("echo one > /tmp/a; echo two >> /tmp/a");
    assertEquals("2\n", sh.type("cat /tmp/a | wc -l"));
    assertEquals("two\n", sh.type("cat /tmp/a | grep tw"));
    assertEquals("a\n", sh.type("ls /tmp | cat"));
  }

  @Test
  void foreground_sleep_holds_the_prompt_until_it_ends() {
    FakeProc.World w = new FakeProc.World(alpine());
    FakeProc sh = w.init(List.of("sh"), true);
    sh.type("sleep 5");
    assertEquals("", sh.prompt());
    w.clock.advance(Duration.ofSeconds(5));
    assertEquals("/ # ", sh.prompt());
  }

  @Test
  void ctrl_c_interrupts_the_foreground_child() {
    FakeProc.World w = new FakeProc.World(alpine());
    FakeProc sh = w.init(List.of("sh"), true);
    sh.type("sleep 100");
    sh.kill(1, dev.ddlab.sim.runtime.Signal.SIGINT);
    assertEquals("/ # ", sh.prompt());
    assertEquals("130\n", sh.type("echo $?"));
  }

  @Test
  void kill_of_a_jobspec_ends_a_whole_loop_job_and_wait_returns_its_status() {
    FakeProc.World w = new FakeProc.World(alpine());
    FakeProc sh =
        w.init(
            List.of(
                "sh",
                "-c",
                "while true; do sleep 1; done & kill %1; echo k=$?; wait %1; echo w=$?;"
                    + " kill %3; echo n=$?; wait; echo all=$?"),
            false);
    w.clock.advance(Duration.ofSeconds(3));
    assertEquals("k=0\nw=143\nsh: kill: %3: no such job\nn=2\nall=0\n", w.read());
    assertTrue(sh.exited);
  }

  @Test
  void wait_holds_a_container_script_until_its_background_job_ends() {
    FakeProc.World w = new FakeProc.World(alpine());
    FakeProc sh = w.init(List.of("sh", "-c", "sleep 5 & wait $!; echo done=$?"), false);
    w.clock.advance(Duration.ofSeconds(4));
    assertEquals("", w.read());
    w.clock.advance(Duration.ofSeconds(1));
    assertEquals("done=0\n", w.read());
    assertTrue(sh.exited);
  }

  @Test
  void ash_jobs_p_prints_the_process_ids_alone_the_most_recent_first() {
    FakeProc.World w = new FakeProc.World(alpine());
    w.init(List.of("sh", "-c", "sleep 5 & a=$!; sleep 6 & b=$!; jobs -p; echo \"$b $a\""), false);
    String[] lines = w.read().split("\n");
    assertEquals(3, lines.length);
    assertEquals(lines[0] + " " + lines[1], lines[2]);
  }

  @Test
  void a_copied_busybox_binary_still_runs_busybox_which_picks_the_applet_by_its_name() {
    FakeProc.World w = new FakeProc.World(alpine());
    w.init(List.of("sh", "-c", "cp /bin/busybox /tmp/echo; /tmp/echo copied"), false);
    assertEquals("copied\n", w.read());
  }

  @Test
  void busybox_ln_makes_symlinks_replaces_with_f_and_words_its_errors_as_busybox() {
    FakeProc.World w = new FakeProc.World(alpine());
    w.init(
        List.of(
            "sh",
            "-c",
            "cd /tmp; ln -s /etc/hostname h; echo $?; cat h; ln -s /etc/passwd h; echo $?;"
                + " ln -sf /etc/passwd h; cat h; ln /nope x; echo $?; mkdir d;"
                + " ln -sv /etc/hostname d; cat d/hostname; ln -s a; ls -l a"),
        false);
    assertEquals(
        "0\nlocalhost\nln: h: File exists\n1\nroot:x:0:0:root:/root:/bin/ash\n"
            + "ln: /nope: No such file or directory\n1\n'd/hostname' -> '/etc/hostname'\n"
            + "localhost\n",
        w.read().replaceAll("(?s)lrwx.*", ""));
  }

  @Test
  void busybox_ln_without_operands_prints_its_usage() {
    FakeProc.World w = new FakeProc.World(alpine());
    w.init(List.of("sh", "-c", "ln; echo $?"), false);
    String out = w.read();
    assertTrue(out.contains("\nUsage: ln [-sfnbtv] [-S SUF] TARGET... LINK|DIR\n"), out);
    assertTrue(out.endsWith("\t-v\tVerbose\n1\n"), out);
  }

  @Test
  void dash_words_its_job_errors_as_dash() {
    FakeProc.World w = new FakeProc.World(ubuntu());
    FakeProc sh =
        w.init(
            List.of("sh", "-c", "kill %2; echo $?; wait abc; echo $?; wait 4242; echo $?"), false);
    assertEquals(
        "sh: 1: kill: No such job: %2\n2\nsh: 1: wait: Illegal number: abc\n2\n127\n", w.read());
  }

  @Test
  void exit_with_a_code_ends_pid_1() {
    FakeProc.World w = new FakeProc.World(alpine());
    FakeProc sh = w.init(List.of("sh"), true);
    sh.type("exit 3");
    assertTrue(sh.exited);
    assertEquals(3, sh.status);
  }

  @Test
  void ctrl_d_ends_bash_with_exit_and_the_last_status() {
    FakeProc.World w = new FakeProc.World(ubuntu());
    FakeProc bash = w.init(List.of("bash"), true);
    bash.type("false");
    bash.closeInput();
    assertEquals("exit\n", w.read());
    assertEquals(1, bash.status);
  }

  @Test
  void sh_dash_c_runs_a_command_and_exits_with_its_status() {
    FakeProc.World w = new FakeProc.World(alpine());
    FakeProc sh = w.init(List.of("sh", "-c", "echo hi && hostname; exit 4"), false);
    assertEquals("hi\n6cd20d508db0\n", w.read());
    assertEquals(4, sh.status);
  }

  @Test
  void non_tty_shell_reads_commands_without_prompt() {
    FakeProc.World w = new FakeProc.World(alpine());
    FakeProc sh = w.init(List.of("sh"), false);
    assertEquals("", sh.prompt());
    assertEquals("x\n", sh.type("echo x"));
    sh.closeInput();
    assertTrue(sh.exited);
  }

  @Test
  void kill_builtin_reports_missing_pids_in_busybox_wording() {
    FakeProc.World w = new FakeProc.World(alpine());
    FakeProc sh = w.init(List.of("sh"), true);
    assertEquals("sh: can't kill pid 99: No such process\n", sh.type("kill 99"));
  }
}
