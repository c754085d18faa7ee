package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * env's options and PROG, as busybox 1.35 answered them under the private dockerd ({@code docker
 * run --rm alpine env …}; the simulated alpine words options as its busybox 1.36.1 with musl) and
 * coreutils 9 on this machine (the host, ubuntu's images).
 */
class EnvCommandTest {
  private final SimSession s =
      TypedContainers.session(1, "docker pull -q alpine\ndocker pull -q ubuntu\n");

  @AfterEach
  void close() {
    s.close();
  }

  private void typed(String line, String output, int status) {
    TranscriptEntry e = TypedContainers.run(s, line);
    assertEquals(output, e.output(), line);
    assertEquals(status, e.exitCode(), line);
  }

  @Test
  void i_u_and_assignments_change_what_env_prints() {
    typed("docker run --rm alpine env -i", "", 0);
    typed("docker run --rm alpine env -i A=1 B=2", "A=1\nB=2\n", 0);
    typed("docker run --rm alpine env - A=1", "A=1\n", 0);
    typed("docker run --rm alpine env -u PATH -u HOSTNAME", "HOME=/root\n", 0);
    typed("docker run --rm alpine env --unset=PATH --unset=HOSTNAME A=1", "HOME=/root\nA=1\n", 0);
    typed("env -i A=1 B=2", "A=1\nB=2\n", 0);
  }

  @Test
  void a_shell_started_with_an_empty_environment_sets_only_what_busybox_ash_sets() {
    // the private dockerd: ash adds SHLVL, its own PATH (exported) and PWD; never HOME
    typed(
        "docker run --rm alpine env -i sh -c env",
        "SHLVL=1\nPATH=/sbin:/usr/sbin:/bin:/usr/bin\nPWD=/\n",
        0);
    typed(
        "docker run --rm alpine env -i sh -c 'echo \"[$HOME]\"; cd /tmp; env'",
        "[]\nSHLVL=1\nOLDPWD=/\nPATH=/sbin:/usr/sbin:/bin:/usr/bin\nPWD=/tmp\n",
        0);
  }

  @Test
  void ash_lists_its_environment_in_its_variable_tables_order_and_export_p_sorted() {
    typed(
        "docker run --rm -h web01 -e A=1 alpine sh -c 'export B=2; env'",
        "HOSTNAME=web01\nSHLVL=1\nHOME=/root\nA=1\n"
            + "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nB=2\nPWD=/\n",
        0);
    typed(
        "docker run --rm -h web01 -e SHLVL=4 alpine sh -c 'sh -c \"echo \\$SHLVL\"; export -p'",
        "6\nexport HOME='/root'\nexport HOSTNAME='web01'\n"
            + "export PATH='/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'\n"
            + "export PWD='/'\nexport SHLVL='5'\n",
        0);
  }

  @Test
  void bash_and_dash_keep_their_default_path_to_themselves() {
    // bash 5.2 and dash 0.5 on this machine: env -i bash -c 'env; :' → PWD, SHLVL=1 (and _);
    // env -i dash -c env → PWD only
    typed(
        "docker run --rm ubuntu env -i bash -c 'env; echo \"[$HOME]\"'",
        "PWD=/\nSHLVL=1\n_=/usr/bin/env\n[]\n",
        0);
  }

  @Test
  void bash_passes_its_environment_in_its_hash_tables_order_and_the_programs_path_last() {
    // bash 5.2 here: env -i HOSTNAME=h HOME=/root PATH=… bash -c 'export B=2; env | cat'
    typed(
        "docker run --rm -h h1 ubuntu bash -c 'export B=2; env; true'",
        "HOSTNAME=h1\nPWD=/\nB=2\nHOME=/root\nSHLVL=1\n"
            + "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n_=/usr/bin/env\n",
        0);
  }

  @Test
  void prog_runs_with_the_changed_environment_in_the_same_process() {
    typed("docker run --rm alpine env A=1 sh -c 'echo $A $$'", "1 1\n", 0);
    typed("docker run --rm alpine sh -c 'env -i A=1 printenv A'", "1\n", 0);
    typed("docker run --rm alpine sh -c 'echo hi | env cat'", "hi\n", 0);
    typed("env -i A=2 printenv A", "2\n", 0);
    typed("echo x | env -i grep x", "x\n", 0);
    typed("env echo hi", "hi\n", 0);
  }

  @Test
  void a_prog_that_cannot_run_is_reported_in_each_envs_words() {
    typed(
        "docker run --rm alpine env nosuch",
        "env: can't execute 'nosuch': No such file or directory\n",
        127);
    typed(
        "docker run --rm alpine env /etc/hostname",
        "env: can't execute '/etc/hostname': Permission denied\n",
        126);
    typed("docker run --rm ubuntu env nosuch", "env: 'nosuch': No such file or directory\n", 127);
    typed("env nosuch", "env: 'nosuch': No such file or directory\n", 127);
  }

  @Test
  void bad_options_print_each_envs_usage() {
    TranscriptEntry e = TypedContainers.run(s, "docker run --rm alpine env -x");
    assertEquals(1, e.exitCode());
    assertEquals(
        "env: unrecognized option: x\nBusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call"
            + " binary.\n\nUsage: env [-i0] [-u NAME]... [-] [NAME=VALUE]... [PROG ARGS]\n",
        e.output().substring(0, e.output().indexOf("\n\nPrint") + 1));
    e = TypedContainers.run(s, "docker run --rm alpine env -u");
    assertEquals("env: option requires an argument: u", e.output().lines().findFirst().get());
    typed(
        "docker run --rm ubuntu env -x",
        "env: invalid option -- 'x'\nTry 'env --help' for more information.\n",
        125);
    typed(
        "env -u",
        "env: option requires an argument -- 'u'\nTry 'env --help' for more information.\n",
        125);
  }
}
