package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parameter forms beyond POSIX's: {@code ${X/p/r} ${X//p/r} ${X/#p/r} ${X/%p/r}}, {@code
 * ${X:off} ${X:off:len}}, bash's {@code ${X^} ${X^^} ${X,} ${X,,}} and {@code ${!X}}, and the "bad
 * substitution" each shell gives for a form it has not, as bash 5.2 and dash here and the private
 * dockerd's busybox sh print them (docs/reference/course-fidelity.md).
 */
class ParameterSubstitutionFormsTest {
  private static List<TranscriptEntry> run(String script) {
    try (SimSession s = SimSession.open("single", 1)) {
      return new ScriptRunner(s).run(script);
    }
  }

  @Test
  void bash_replaces_cuts_and_cases_a_value_and_follows_an_indirect_name() {
    List<TranscriptEntry> t =
        run(
            """
            X=hello.tar.gz; echo "${X/l/L}|${X//l/L}|${X/#h/H}|${X/%gz/GZ}|${X/l}|${X//[a-z]/x}|${X/*./}"
            X=abcdef; echo "${X:2}|${X:1:3}|${X: -2}|${X:(-3):2}|${X:1+1:2*1}|${X:10}|${X:2:-1}|${X: -20:2}"
            X=abc; echo "${X/#/pre}|${X/%/suf}|${X//}|${X/b/$X}"
            X="hello world"; echo "${X^}|${X^^}|${X,}|${X,,}|${X^^[lo]}" "${X,,[L]}"
            Y=X; X=val; echo "${!Y}" "${!Y:-d}"; set -- a b; N=2; echo "${!N}"
            X=a/b/c; echo "${X//\\//_}" "${X//"/"/_}"
            X=héllo; echo "${#X}" "${X:1:2}"
            """);
    assertEquals(
        "heLlo.tar.gz|heLLo.tar.gz|Hello.tar.gz|hello.tar.GZ|helo.tar.gz|xxxxx.xxx.xx|gz\n",
        t.get(0).output());
    assertEquals("cdef|bcd|ef|de|cd||cde|\n", t.get(1).output());
    assertEquals("preabc|abcsuf|abc|aabcc\n", t.get(2).output());
    assertEquals(
        "Hello world|HELLO WORLD|hello world|hello world|heLLO wOrLd hello world\n",
        t.get(3).output());
    assertEquals("val val\nb\n", t.get(4).output());
    assertEquals("a_b_c a_b_c\n", t.get(5).output());
    assertEquals("5 él\n", t.get(6).output());
  }

  @Test
  void bash_slices_the_positional_parameters_and_busybox_cuts_their_text() {
    List<TranscriptEntry> t =
        run(
            """
            bash -c 'set -- alpha "b c" d; for w in "${@:2}"; do echo "[$w]"; done; echo ${@:0:2}; echo "${*:2}"; echo ${@: -1}' x0
            docker pull -q alpine
            docker run --rm alpine sh -c 'set -- alpha "b c" d; echo ${@:0:2}; echo "${*:2}"; echo ${@: -1}' x0
            """);
    assertEquals("[b c]\n[d]\nx0 alpha\nb c d\nd\n", t.get(0).output());
    assertEquals("al\npha b c d\nd\n", t.get(2).output());
  }

  @Test
  void bash_says_bad_substitution_and_a_script_ends_with_1() {
    List<TranscriptEntry> t =
        run(
            """
            bash -c 'echo before; echo ${X!}; echo after'; echo "st $?"
            echo ${#X:-1}; echo after
            echo ${}
            bash -c 'X=abcdef; echo ${X:3:-4}; echo after'; echo "st $?"
            bash -c 'unset X; echo ${!X}'; echo "st $?"
            bash -c 'if false; then echo ${X!}; fi; echo fine'
            """);
    assertEquals("before\nbash: line 1: ${X!}: bad substitution\nst 1\n", t.get(0).output());
    assertEquals("bash: ${#X:-1}: bad substitution\n", t.get(1).output());
    assertEquals(1, t.get(1).exitCode());
    assertEquals("bash: ${}: bad substitution\n", t.get(2).output());
    assertEquals("bash: line 1: -4: substring expression < 0\nst 1\n", t.get(3).output());
    assertEquals("bash: line 1: X: invalid indirect expansion\nst 1\n", t.get(4).output());
    assertEquals("fine\n", t.get(5).output());
  }

  @Test
  void bash_names_the_variables_a_prefix_starts_and_says_an_empty_offset_is_bad() {
    List<TranscriptEntry> t =
        run(
            """
            bash -c 'ZZB=1 ZZA=2 ZZAB=3; echo "${!ZZ*}"; for w in "${!ZZ@}"; do echo "[$w]"; done; IFS=:; echo "${!ZZ*}"; set -- "${!NONE@}"; echo $#; set -- "${!NONE*}"; echo $#'
            bash -c 'X=abc; echo before; echo ${X:}; echo after'; echo "st $?"
            """);
    assertEquals("ZZA ZZAB ZZB\n[ZZA]\n[ZZAB]\n[ZZB]\nZZA:ZZAB:ZZB\n0\n1\n", t.get(0).output());
    assertEquals("before\nbash: line 1: ${X:}: bad substitution\nst 1\n", t.get(1).output());
  }

  @Test
  void dash_and_busybox_refuse_an_empty_offset_before_running_anything() {
    List<TranscriptEntry> t =
        run(
            """
            sh -c 'echo before; echo ${X:}'; echo "st $?"
            sh -c 'echo before; echo "${X:}"'; echo "st $?"
            docker pull -q alpine
            docker run --rm alpine sh -c 'echo before; echo ${X:}'
            docker run --rm alpine sh -c 'echo before; echo "${X:}"'
            docker run --rm alpine sh -c 'AB=1; echo before; echo ${!A@}'
            """);
    assertEquals("sh: 1: Syntax error: Missing '}'\nst 2\n", t.get(0).output());
    assertEquals("sh: 1: Syntax error: Unterminated quoted string\nst 2\n", t.get(1).output());
    assertEquals("sh: syntax error: missing '}'\n", t.get(3).output());
    assertEquals(2, t.get(3).exitCode());
    assertEquals("sh: syntax error: unterminated quoted string\n", t.get(4).output());
    assertEquals("before\nsh: syntax error: bad substitution\n", t.get(5).output());
    assertEquals(2, t.get(5).exitCode());
  }

  @Test
  void dash_has_none_of_them_and_says_bad_substitution_with_2() {
    List<TranscriptEntry> t =
        run(
            """
            sh -c 'echo before; echo ${X:2}; echo after'; echo "st $?"
            sh -c 'X=abc; echo ${X/b/c}'; echo "st $?"
            sh -c 'X=héllo; echo ${#X} ${X%lo}'
            """);
    assertEquals("before\nsh: 1: Bad substitution\nst 2\n", t.get(0).output());
    assertEquals("sh: 1: Bad substitution\nst 2\n", t.get(1).output());
    assertEquals("6 hél\n", t.get(2).output());
  }

  @Test
  void busybox_sh_replaces_and_cuts_without_anchors_and_refuses_case_and_indirection() {
    List<TranscriptEntry> t =
        run(
            """
            docker pull -q alpine
            docker run --rm alpine sh -c 'X=hello.tar.gz; echo "${X/l/L} ${X//l/L} ${X/#h/H} ${X: -2} ${X:1:3} ${X:2:-1} ${X/*./} ${X//[a-z]/x}"'
            docker run --rm alpine sh -c 'X=abcdef; echo "${X:3:-4}|${X:3:-3}|${X: -6:2}"; Y=héllo; echo ${Y:1:2} ${#Y}'
            docker run --rm alpine sh -c 'echo before; echo ${X^}; echo after'
            docker run --rm alpine sh -c 'Y=X; echo ${!Y}'
            """);
    assertEquals(
        "heLlo.tar.gz heLLo.tar.gz hello.tar.gz gz ell llo.tar.g gz xxxxx.xxx.xx\n",
        t.get(1).output());
    assertEquals("def||ab\né 6\n", t.get(2).output());
    assertEquals("before\nsh: syntax error: bad substitution\n", t.get(3).output());
    assertEquals(2, t.get(3).exitCode());
    assertEquals("sh: syntax error: bad substitution\n", t.get(4).output());
    assertEquals(2, t.get(4).exitCode());
  }
}
