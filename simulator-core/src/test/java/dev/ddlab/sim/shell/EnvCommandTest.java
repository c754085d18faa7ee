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
