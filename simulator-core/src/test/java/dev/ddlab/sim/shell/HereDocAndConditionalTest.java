package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Here-documents and bash's {@code [[ … ]]}; expected texts are what bash 5.2 and busybox 1.35
 * print for the same input.
 */
class HereDocAndConditionalTest {
  private final TestHost host = new TestHost();

  @Test
  void a_here_document_typed_line_by_line_writes_a_dockerfile() {
    assertEquals("", host.run("cat > Dockerfile <<EOF"));
    assertEquals("> ", host.shell.prompt());
    host.run("FROM alpine");
    host.run("RUN echo $HOME");
    assertEquals("", host.run("EOF"));
    assertEquals("ubuntu@node1:~$ ", host.shell.prompt());
    assertEquals(
        "FROM alpine\nRUN echo /home/ubuntu\n",
        new String(host.fs.read("/home/ubuntu/Dockerfile"), StandardCharsets.UTF_8));
  }

  @Test
  void an_unquoted_here_document_expands_parameters_substitutions_and_arithmetic() {
    assertEquals(
        "hello world sub 3 $x \\ \"q\" 's'\n",
        host.run("x=world\ncat <<EOF\nhello $x $(echo sub) $((1+2)) \\$x \\\\ \"q\" 's'\nEOF"));
  }

  @Test
  void a_here_document_left_open_inside_a_command_substitution_is_empty_not_a_crash() {
    // found by FuzzTest ("docker wait$(<< loaq) -f" threw a NullPointerException)
    assertEquals("[]\n", host.run("echo [$(cat << loaq)]"));
    assertEquals("[]\n", host.run("echo [`cat << loaq`]"));
  }

  @Test
  void a_quoted_delimiter_keeps_the_body_literal() {
    assertEquals("raw $x `x`\n", host.run("cat <<'EOF'\nraw $x `x`\nEOF"));
    assertEquals("raw $x\n", host.run("cat <<\"EOF\"\nraw $x\nEOF"));
    assertEquals("raw $x\n", host.run("cat <<\\EOF\nraw $x\nEOF"));
  }

  @Test
  void dash_delimiter_strips_leading_tabs_and_a_backslash_newline_joins_lines() {
    assertEquals("tabbed\n", host.run("cat <<-EOF\n\t\ttabbed\n\tEOF"));
    assertEquals("line joined\n", host.run("cat <<EOF\nline \\\njoined\nEOF"));
  }

  @Test
  void here_documents_feed_pipes_loops_and_follow_their_command_in_order() {
    assertEquals("PIPED\n", host.run("cat <<EOF | tr a-z A-Z\npiped\nEOF"));
    assertEquals("one\ntwo\n", host.run("cat <<A; cat <<B\none\nA\ntwo\nB"));
  }

  @Test
  void a_script_that_ends_inside_a_here_document_ends_the_document_there() {
    FakeProc.World w = new FakeProc.World(ContainerShellTest.alpine());
    w.init(List.of("sh", "-c", "cat <<EOF\nno end"), false);
    assertEquals("no end", w.read());
  }

  @Test
  void cat_heredoc_into_a_file_works_in_a_busybox_container() {
    FakeProc.World w = new FakeProc.World(ContainerShellTest.alpine());
    FakeProc sh = w.init(List.of("sh"), true);
    sh.type("cat > /tmp/app.txt <<EOF");
    assertEquals("> ", sh.prompt());
    sh.type("name=$HOME");
    sh.type("EOF");
    assertEquals("name=/root\n", sh.type("cat /tmp/app.txt"));
  }

  @Test
  void double_brackets_match_globs_unless_quoted_and_do_not_split_words() {
    assertEquals(
        "glob\nquoted-literal\nnosplit\n",
        host.run(
            "x=abc; [[ $x == a* ]] && echo glob; [[ $x == \"a*\" ]] || echo quoted-literal;"
                + " y='a b'; [[ $y == 'a b' ]] && echo nosplit"));
  }

  @Test
  void double_brackets_combine_with_and_or_not_and_parentheses() {
    assertEquals(
        "and\nor\nnot\nparen\n",
        host.run(
            "x=abc; [[ -n $x && $x != z ]] && echo and; [[ -z $x || 1 -eq 1 ]] && echo or;"
                + " [[ ! -e /nope ]] && echo not; [[ ( a == a ) ]] && echo paren"));
  }

  @Test
  void regex_match_fills_bash_rematch_and_a_bad_regex_is_status_2() {
    assertEquals(
        "re b abc\n",
        host.run("x=abc; [[ $x =~ ^a(b)c$ ]] && echo \"re ${BASH_REMATCH[1]} $BASH_REMATCH\""));
    assertEquals("sub\n", host.run("[[ abc =~ \"b\" ]] && echo sub"));
    assertEquals("2\n", host.run("[[ x =~ [ ]]; echo $?"));
    assertEquals("0\n", host.run("[[ 2024 =~ ^[[:digit:]]+$ ]]; echo $?"));
  }

  @Test
  void integer_comparisons_evaluate_arithmetic() {
    assertEquals("num\n1\n", host.run("[[ 2 -lt 10 ]] && echo num; [[ 1 -eq x ]]; echo $?"));
    assertEquals("0\n", host.run("n=3; [[ n+1 -eq 4 ]]; echo $?"));
    assertEquals(
        "bash: [[: 1a: value too great for base (error token is \"1a\")\n1\n",
        host.run("[[ 1 -eq 1a ]]; echo $?"));
  }

  @Test
  void malformed_double_brackets_are_worded_as_bash_words_them() {
    assertEquals("bash: conditional binary operator expected\n", host.run("[[ a b ]]"));
    assertEquals(
        "bash: unexpected argument `]]' to conditional binary operator\n", host.run("[[ a == ]]"));
    assertEquals("2\n", host.run("echo $?"));
  }
}
