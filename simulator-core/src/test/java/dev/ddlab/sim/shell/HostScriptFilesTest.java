package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A script on the host runs as bash 5.2 and dash 0.5.12 run it here: by its #! line, without one by
 * the shell that ran it, and a path that cannot run fails in each shell's words.
 */
class HostScriptFilesTest {
  private static List<TranscriptEntry> run(String script) {
    try (SimSession s = SimSession.open("single", 1)) {
      String setup =
          """
          printf 'echo noshebang $0 $1\\n' > n.sh; printf '#!/bin/sh\\necho sheb $0 $1\\n' > s.sh
          printf '#!/usr/bin/env bash\\n[[ a == a ]] && echo "bash $0"\\n' > b.sh
          printf '#!/usr/bin/python9\\nprint(1)\\n' > p.sh; printf '#!/bin/sh\\necho nox\\n' > x.sh
          chmod +x n.sh s.sh b.sh p.sh; mkdir dd
          """;
      List<TranscriptEntry> t = new ScriptRunner(s).run(setup + script);
      return t.subList(t.size() - script.split("\n").length, t.size());
    }
  }

  @Test
  void a_script_runs_by_its_hash_bang_line_or_else_by_the_shell_that_ran_it() {
    List<TranscriptEntry> t =
        run(
            """
            ./n.sh a
            ./s.sh b
            ./b.sh
            sh -c './n.sh c'
            /bin/echo hi
            """);
    assertEquals("noshebang ./n.sh a\n", t.get(0).output());
    assertEquals("sheb ./s.sh b\n", t.get(1).output());
    assertEquals("bash ./b.sh\n", t.get(2).output());
    assertEquals("noshebang ./n.sh c\n", t.get(3).output());
    assertEquals("hi\n", t.get(4).output());
  }

  @Test
  void a_path_that_cannot_run_fails_in_each_shell_s_words() {
    List<TranscriptEntry> t =
        run(
            """
            ./x.sh
            ./nosuch
            ./dd
            ./p.sh
            bash -c './x.sh; ./nosuch; ./dd; ./p.sh; nosuch'
            sh -c './x.sh; ./nosuch; ./dd; ./p.sh; nosuch'
            """);
    assertEquals("bash: ./x.sh: Permission denied\n", t.get(0).output());
    assertEquals(126, t.get(0).exitCode());
    assertEquals("bash: ./nosuch: No such file or directory\n", t.get(1).output());
    assertEquals(127, t.get(1).exitCode());
    assertEquals("bash: ./dd: Is a directory\n", t.get(2).output());
    assertEquals(126, t.get(2).exitCode());
    assertEquals("bash: ./p.sh: cannot execute: required file not found\n", t.get(3).output());
    assertEquals(127, t.get(3).exitCode());
    assertEquals(
        """
        bash: line 1: ./x.sh: Permission denied
        bash: line 1: ./nosuch: No such file or directory
        bash: line 1: ./dd: Is a directory
        bash: line 1: ./p.sh: cannot execute: required file not found
        bash: line 1: nosuch: command not found
        """,
        t.get(4).output());
    assertEquals(
        """
        sh: 1: ./x.sh: Permission denied
        sh: 1: ./nosuch: not found
        sh: 1: ./dd: Permission denied
        sh: 1: ./p.sh: not found
        sh: 1: nosuch: not found
        """,
        t.get(5).output());
    assertEquals(127, t.get(5).exitCode());
  }
}
