package dev.ddlab.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellLexTest {
  private final ShellLex lex = new ShellLex('\\');
  private final Map<String, String> env = Map.of("NAME", "web", "EMPTY", "", "DIR", "/src");

  @Test
  void variables_substitute_with_and_without_braces() {
    assertEquals("web-app", lex.word("$NAME-app", env));
    assertEquals("/src/app", lex.word("${DIR}/app", env));
    assertEquals("", lex.word("$NOPE", env));
    assertEquals("$", lex.word("$", env));
    assertEquals("a$ b", lex.word("a$ b", env));
  }

  @Test
  void defaults_and_alternatives_follow_the_colon_rules() {
    assertEquals("latest", lex.word("${TAG:-latest}", env));
    assertEquals("latest", lex.word("${EMPTY:-latest}", env));
    assertEquals("", lex.word("${EMPTY-latest}", env));
    assertEquals("web", lex.word("${NAME:-latest}", env));
    assertEquals("set", lex.word("${NAME:+set}", env));
    assertEquals("", lex.word("${NOPE:+set}", env));
    assertEquals("", lex.word("${EMPTY:+set}", env));
    assertEquals("set", lex.word("${EMPTY+set}", env));
    assertEquals("/src/x", lex.word("${NOPE:-$DIR/x}", env));
    DockerfileException e =
        assertThrows(DockerfileException.class, () -> lex.word("${NOPE:?must be set}", env));
    assertEquals("NOPE: must be set", e.getMessage());
  }

  @Test
  void quotes_are_removed_single_quotes_do_not_substitute_and_escapes_escape() {
    assertEquals("two words", lex.word("\"two words\"", env));
    assertEquals("$NAME", lex.word("'$NAME'", env));
    assertEquals("web and $", lex.word("\"$NAME and \\$\"", env));
    assertEquals("$NAME", lex.word("\\$NAME", env));
    assertEquals(List.of("80/tcp", "web x"), lex.words("80/tcp  \"$NAME x\"", env));
    assertEquals("a`b", new ShellLex('`').word("a``b", env));
  }
}
