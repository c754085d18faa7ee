package dev.ddlab.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A shell script the build context brings (an entrypoint script, a helper in /usr/local/bin) runs
 * as the kernel runs it: a {@code #!} line names its interpreter, a file without one is an exec
 * format error for runc and a shell script for a shell. Checked against Docker 20.10 with busybox
 * 1.36 on the private dockerd.
 */
class ScriptProgramsTest {
  private static final String SETUP =
      """
      docker pull -q alpine
      mkdir ctx && cd ctx
      printf '#!/bin/sh\\nset -e\\necho "entrypoint: $# args, first=$1"\\nexec "$@"\\n' > docker-entrypoint.sh
      printf 'echo noshebang $0\\n' > plain.sh
      chmod +x docker-entrypoint.sh plain.sh
      printf 'FROM alpine\\nCOPY docker-entrypoint.sh plain.sh /usr/local/bin/\\nENTRYPOINT ["docker-entrypoint.sh"]\\nCMD ["echo", "hello"]\\n' > Dockerfile
      docker build -q -t ep .
      """;

  private static List<TranscriptEntry> run(String script) {
    try (SimSession s = SimSession.open("single", 1)) {
      List<TranscriptEntry> t = new ScriptRunner(s).run(SETUP + script);
      TranscriptEntry build = t.get(t.size() - 1 - script.split("\n").length);
      assertEquals(0, build.exitCode(), build.output());
      return t.subList(t.size() - script.split("\n").length, t.size());
    }
  }

  @Test
  void an_entrypoint_script_from_the_context_runs_its_interpreter_and_execs_the_command() {
    List<TranscriptEntry> t =
        run(
            """
            docker run --rm ep
            docker run --rm ep id -un
            docker run --rm ep nosuchcmd
            """);
    assertEquals("entrypoint: 2 args, first=echo\nhello\n", t.get(0).output());
    assertEquals(0, t.get(0).exitCode());
    assertEquals("entrypoint: 2 args, first=id\nroot\n", t.get(1).output());
    assertEquals(
        "entrypoint: 1 args, first=nosuchcmd\n"
            + "/usr/local/bin/docker-entrypoint.sh: exec: line 4: nosuchcmd: not found\n",
        t.get(2).output());
    assertEquals(127, t.get(2).exitCode());
  }

  @Test
  void a_script_without_a_hash_bang_is_an_exec_format_error_for_runc_and_a_script_for_a_shell() {
    List<TranscriptEntry> t =
        run(
            """
            docker run --rm --entrypoint plain.sh ep
            docker run --rm ep sh -c 'plain.sh x; echo rc=$?'
            docker run --rm --entrypoint sh ep -c 'printf "x=5\\\\n" > /v.sh; chmod +x /v.sh; x=1; /v.sh; echo $x'
            """);
    assertEquals("exec /usr/local/bin/plain.sh: exec format error\n", t.get(0).output());
    assertEquals(1, t.get(0).exitCode());
    assertEquals(
        "entrypoint: 3 args, first=sh\nnoshebang /usr/local/bin/plain.sh\nrc=0\n",
        t.get(1).output());
    assertEquals("1\n", t.get(2).output());
  }
}
