package dev.ddlab.sim.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ddlab.sim.shell.Ast.CommandList;
import dev.ddlab.sim.shell.Ast.CommandSub;
import dev.ddlab.sim.shell.Ast.Connector;
import dev.ddlab.sim.shell.Ast.RedirOp;
import dev.ddlab.sim.shell.Ast.SimpleCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {
  private static SimpleCommand first(String input) {
    return (SimpleCommand)
        Parser.parse(input).items().get(0).command().pipelines().get(0).commands().get(0);
  }

  @Test
  void a_file_descriptor_too_large_for_an_int_is_a_redirection_not_a_crash() {
    SimpleCommand c = first("echo hi 99999999999>out");
    assertEquals(Integer.MAX_VALUE, c.redirects().get(0).fd());
  }

  @Test
  void words_split_on_blanks_and_operators() {
    CommandList l = Parser.parse("docker ps -a|grep x&&echo ok;ls &");
    assertEquals(2, l.items().size());
    assertEquals(List.of(Connector.AND), l.items().get(0).command().connectors());
    assertEquals(2, l.items().get(0).command().pipelines().get(0).commands().size());
    assertTrue(l.items().get(1).background());
  }

  @Test
  void comments_run_to_the_end_of_the_line_but_not_inside_words() {
    assertTrue(Parser.parse("   # just a comment").isEmpty());
    assertEquals(2, first("echo a#b # c").words().size());
  }

  @Test
  void command_substitution_nests_and_keeps_its_own_quotes() {
    SimpleCommand c = first("docker rm $(docker ps -aq --filter \"name=a b\") -f");
    assertEquals(4, c.words().size());
    assertInstanceOf(CommandSub.class, c.words().get(2).parts().get(0));
    CommandSub s = (CommandSub) first("echo $(echo $(hostname))").words().get(1).parts().get(0);
    assertEquals(1, s.body().items().size());
    assertInstanceOf(CommandSub.class, first("echo `hostname`").words().get(1).parts().get(0));
  }

  @Test
  void redirections_take_an_optional_fd_and_a_target() {
    SimpleCommand c = first("cmd > out 2>&1 < in 2>>log");
    assertEquals(4, c.redirects().size());
    assertEquals(RedirOp.OUT, c.redirects().get(0).op());
    assertEquals(1, c.redirects().get(0).fd());
    assertEquals(RedirOp.DUP_OUT, c.redirects().get(1).op());
    assertEquals(2, c.redirects().get(1).fd());
    assertEquals(RedirOp.IN, c.redirects().get(2).op());
    assertEquals(RedirOp.APPEND, c.redirects().get(3).op());
  }

  @Test
  void leading_name_equals_words_are_assignments() {
    SimpleCommand c = first("A=1 B=\"x y\" env");
    assertEquals(2, c.assignments().size());
    assertEquals("B", c.assignments().get(1).name());
    assertEquals(1, c.words().size());
    assertTrue(first("echo A=1").assignments().isEmpty());
  }

  @Test
  void open_quotes_and_trailing_operators_are_incomplete_not_errors() {
    for (String s : List.of("echo \"abc", "echo 'abc", "ls |", "ls &&", "echo $(ls", "echo \\")) {
      ShellSyntaxException e = assertThrows(ShellSyntaxException.class, () -> Parser.parse(s), s);
      assertTrue(e.incomplete(), s);
    }
    assertEquals(
        "\"", assertThrows(ShellSyntaxException.class, () -> Parser.parse("echo \"a")).missing());
    assertNull(assertThrows(ShellSyntaxException.class, () -> Parser.parse("ls |")).missing());
  }

  @Test
  void misplaced_operators_are_syntax_errors_naming_the_token() {
    assertEquals("|", assertThrows(ShellSyntaxException.class, () -> Parser.parse("| ls")).token());
    assertEquals(";", assertThrows(ShellSyntaxException.class, () -> Parser.parse(";")).token());
    assertEquals(
        "newline", assertThrows(ShellSyntaxException.class, () -> Parser.parse("ls >")).token());
    assertEquals(
        "&&", assertThrows(ShellSyntaxException.class, () -> Parser.parse("ls && && ls")).token());
    assertFalse(assertThrows(ShellSyntaxException.class, () -> Parser.parse("ls )")).incomplete());
  }

  @Test
  void dialects_word_errors_their_own_way() {
    ShellSyntaxException e = ShellSyntaxException.unexpected("|");
    assertEquals(
        "bash: syntax error near unexpected token `|'", Dialect.BASH.syntaxError("bash", e));
    assertEquals("sh: syntax error: unexpected \"|\"", Dialect.ASH.syntaxError("sh", e));
    assertEquals("sh: 1: Syntax error: \"|\" unexpected", Dialect.DASH.syntaxError("sh", e));
    assertEquals("sh: 1: foo: not found", Dialect.DASH.notFound("sh", "foo"));
  }

  @Test
  void a_word_is_one_literal_per_run_of_same_quoting() {
    Ast.Word w = first("echo ab\\ c'd e'f\"g\"h$HOME/x*").words().get(1);
    assertEquals(
        List.of(
            new Ast.Literal("ab", false),
            new Ast.Literal(" ", true),
            new Ast.Literal("c", false),
            new Ast.Literal("d e", true),
            new Ast.Literal("f", false),
            new Ast.Literal("g", true),
            new Ast.Literal("h", false)),
        w.parts().subList(0, 7));
    assertEquals(new Ast.Literal("/x*", false), w.parts().get(8));
  }

  private static Ast.Command command(String input) {
    return Parser.parse(input).items().get(0).command().pipelines().get(0).commands().get(0);
  }

  @Test
  void compound_commands_parse_with_their_bodies_and_redirections() {
    Ast.If i = (Ast.If) command("if a; then b; elif c; then d; else e; fi > log");
    assertEquals(2, i.branches().size());
    assertEquals(1, i.otherwise().items().size());
    assertEquals(1, i.redirects().size());
    Ast.Loop w = (Ast.Loop) command("while true\ndo echo x\ndone");
    assertFalse(w.until());
    assertTrue(((Ast.Loop) command("until false; do :; done")).until());
    Ast.For f = (Ast.For) command("for c in $(docker ps -q) x; do docker rm $c; done");
    assertEquals("c", f.name());
    assertEquals(2, f.words().size());
    assertNull(((Ast.For) command("for c; do echo; done")).words());
    assertTrue(((Ast.Group) command("( cd /tmp )")).subshell());
    assertFalse(((Ast.Group) command("{ echo a; echo b; }")).subshell());
  }

  @Test
  void an_open_compound_command_asks_for_more_input_and_a_misplaced_keyword_is_an_error() {
    for (String open :
        List.of(
            "while true",
            "while true; do echo",
            "if a; then b",
            "for i in 1 2",
            "{ echo a",
            "( echo a",
            "echo $((1 +")) {
      ShellSyntaxException e = assertThrows(ShellSyntaxException.class, () -> Parser.parse(open));
      assertTrue(e.incomplete(), open);
    }
    for (String bad : List.of("done", "if then", "while; do x; done", "fi", "{ }")) {
      ShellSyntaxException e = assertThrows(ShellSyntaxException.class, () -> Parser.parse(bad));
      assertFalse(e.incomplete(), bad);
    }
    // reserved words are only reserved in command position and unquoted
    assertEquals(4, first("echo done fi then").words().size());
    assertEquals(2, first("echo 'if'").words().size());
  }

  @Test
  void case_arms_take_alternative_patterns_and_the_last_may_omit_its_terminator() {
    Ast.Case c = (Ast.Case) command("case $x in a|b) echo ab;; (c) ;; *) echo other\nesac");
    assertEquals(3, c.items().size());
    assertEquals(2, c.items().get(0).patterns().size());
    assertTrue(c.items().get(1).body().isEmpty());
    assertEquals(1, c.items().get(2).body().items().size());
    assertTrue(((Ast.Case) command("case a in a) x;& b) y;; esac")).items().get(0).fallThrough());
  }

  @Test
  void a_word_followed_by_parentheses_defines_a_function_and_bash_wants_a_compound_body() {
    Ast.FunctionDef f = (Ast.FunctionDef) command("greet () { echo hi; }");
    assertEquals("greet", f.name());
    assertInstanceOf(Ast.Group.class, f.body());
    assertEquals("g", ((Ast.FunctionDef) command("function g { :; }")).name());
    assertEquals(":", ((Ast.FunctionDef) command(":(){ :|:& }")).name());
    assertEquals(
        "echo",
        assertThrows(ShellSyntaxException.class, () -> Parser.parse("f() echo hi")).token());
    assertInstanceOf(
        Ast.FunctionDef.class,
        Parser.parse("f() echo hi", Dialect.ASH, false)
            .items()
            .get(0)
            .command()
            .pipelines()
            .get(0)
            .commands()
            .get(0));
  }

  @Test
  void ash_and_dash_name_what_they_expected() {
    ShellSyntaxException e =
        assertThrows(
            ShellSyntaxException.class, () -> Parser.parse("if true; fi", Dialect.ASH, true));
    assertEquals(
        "sh: syntax error: unexpected \"fi\" (expecting \"then\")",
        Dialect.ASH.syntaxError("sh", e));
    e =
        assertThrows(
            ShellSyntaxException.class,
            () -> Parser.parse("case x a) ;; esac", Dialect.DASH, true));
    assertEquals(
        "sh: 1: Syntax error: word unexpected (expecting \"in\")",
        Dialect.DASH.syntaxError("sh", e));
    e =
        assertThrows(
            ShellSyntaxException.class, () -> Parser.parse("while :; do", Dialect.ASH, true));
    assertEquals(
        "sh: syntax error: unexpected end of file (expecting \"done\")",
        Dialect.ASH.syntaxError("sh", e));
  }
}
