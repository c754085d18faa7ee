package dev.ddlab.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Here-documents as BuildKit v0.11.6's parser collects them (parser.go's Parse and
 * heredocsFromLine, instructions' parseSourcesAndDest; cases after parser_heredoc_test.go).
 */
class HeredocParseTest {
  private static List<Instruction> commands(String text) {
    return Dockerfile.parse(text).stages().get(0).commands();
  }

  private static DockerfileException error(String text) {
    return assertThrows(DockerfileException.class, () -> Dockerfile.parse(text));
  }

  @Test
  void a_run_heredoc_takes_the_lines_up_to_its_delimiter_as_its_body() {
    List<Instruction> c = commands("FROM alpine\nRUN <<EOF\necho a\n# kept\necho b\nEOF\nCMD x\n");
    Instruction.Run run = (Instruction.Run) c.get(0);
    assertEquals(List.of("<<EOF"), run.command());
    assertEquals(1, run.heredocs().size());
    Heredoc h = run.heredocs().get(0);
    assertEquals("EOF", h.name());
    assertEquals("echo a\n# kept\necho b\n", h.content());
    assertEquals(2, run.node().startLine());
    assertEquals(6, run.node().endLine());
    assertEquals(7, c.get(1).node().startLine());
  }

  @Test
  void a_quoted_delimiter_is_not_expanded_and_a_dash_strips_leading_tabs() {
    assertTrue(Heredoc.parse("<<EOF").expand());
    assertFalse(Heredoc.parse("<<\"EOF\"").expand());
    assertFalse(Heredoc.parse("<<'EOF'").expand());
    assertEquals("EOF", Heredoc.parse("<<'EOF'").name());
    assertTrue(Heredoc.parse("<<-EOF").chomp());
    assertNull(Heredoc.parse("<<"));
    assertNull(Heredoc.parse("<<EOF bash"));
    assertNull(Heredoc.parse("cat<<EOF"));
    Instruction.Run run =
        (Instruction.Run) commands("FROM alpine\nRUN <<-EOF\n\techo a\n\t\tEOF\n").get(0);
    assertEquals("\techo a\n", run.heredocs().get(0).content());
    assertEquals("echo a\n", run.heredocs().get(0).data());
  }

  @Test
  void several_heredocs_on_one_line_take_their_bodies_in_order() {
    Instruction.Run run =
        (Instruction.Run) commands("FROM alpine\nRUN <<A cat > x <<'B'\n1\nA\n2\nB\n").get(0);
    assertEquals(List.of("A", "B"), run.heredocs().stream().map(Heredoc::name).toList());
    assertEquals("1\n", run.heredocs().get(0).content());
    assertEquals("2\n", run.heredocs().get(1).content());
  }

  @Test
  void copy_heredocs_are_inline_sources_named_by_their_delimiters() {
    Instruction.Copy copy =
        (Instruction.Copy)
            commands(
                    "FROM alpine\nCOPY --chmod=755 app.js <<a.txt <<b.txt /dir/\nA\na.txt\nB\nb.txt\n")
                .get(0);
    assertEquals(List.of("app.js"), copy.sources());
    assertEquals("/dir/", copy.dest());
    assertEquals(List.of("a.txt", "b.txt"), copy.inline().stream().map(Heredoc::name).toList());
    assertEquals("A\n", copy.inline().get(0).content());
    assertEquals("755", copy.chmod());
    Instruction.Add add = (Instruction.Add) commands("FROM alpine\nADD <<EOF /x\nhi\nEOF\n").get(0);
    assertEquals(List.of(), add.sources());
    assertEquals("hi\n", add.inline().get(0).content());
  }

  @Test
  void a_heredoc_as_destination_and_an_unterminated_heredoc_fail_as_buildkit_says() {
    DockerfileException dest = error("FROM alpine\nCOPY a <<EOF\nx\nEOF\n");
    assertEquals(
        "dockerfile parse error on line 2: COPY cannot accept a heredoc as a destination",
        dest.getMessage());
    DockerfileException open = error("FROM alpine\nRUN <<EOF\necho hi\n");
    assertEquals("unterminated heredoc", open.getMessage());
    assertEquals(2, open.startLine());
    assertEquals(3, open.endLine());
  }

  @Test
  void instructions_that_take_no_heredoc_and_a_space_after_the_arrows_leave_the_body_as_lines() {
    assertEquals(
        "dockerfile parse error on line 3: unknown instruction: echo",
        error("FROM alpine\nCMD <<EOF\necho hi\nEOF\n").getMessage());
    assertEquals(
        "dockerfile parse error on line 3: unknown instruction: hi",
        error("FROM alpine\nRUN cat << EOF\nhi\nEOF\n").getMessage());
    assertEquals(
        "dockerfile parse error on line 3: unknown instruction: hi",
        error("FROM alpine\nRUN [\"cat\", \"<<EOF\"]\nhi\nEOF\n").getMessage());
  }

  @Test
  void without_heredocs_the_classic_parser_reads_the_body_as_instructions() {
    DockerfileException e =
        assertThrows(
            DockerfileException.class,
            () -> Dockerfile.parse("FROM alpine\nRUN <<EOF\necho hi\nEOF\n", false));
    assertEquals("dockerfile parse error on line 3: unknown instruction: echo", e.getMessage());
  }

  @Test
  void onbuild_keeps_the_heredoc_in_its_trigger() {
    Instruction.Onbuild o =
        (Instruction.Onbuild) commands("FROM alpine\nONBUILD RUN <<EOF\necho hi\nEOF\n").get(0);
    assertEquals("RUN <<EOF\necho hi\nEOF", o.expression());
  }
}
