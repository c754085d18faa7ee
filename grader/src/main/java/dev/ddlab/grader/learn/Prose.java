package dev.ddlab.grader.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * A lab's Markdown with each paragraph on one line: the line breaks its author typed inside a
 * paragraph are soft (Markdown shows them as spaces), so the terminal tutorial can wrap the text to
 * its own width instead of breaking where the author's editor did and again at the terminal's edge.
 * Paragraphs and where their text starts on each line (after a list's indent or a quote's {@code
 * >}) are found by commonmark's block source spans; code, lists, quotes' first lines and paragraphs
 * with a hard break stay as written.
 */
final class Prose {
  private static final Parser MARKDOWN =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

  private Prose() {}

  static String unwrap(String markdown) {
    List<List<SourceSpan>> runs = new ArrayList<>();
    MARKDOWN
        .parse(markdown)
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(Paragraph paragraph) {
                var spans = paragraph.getSourceSpans();
                if (spans.size() > 1 && !hasHardBreak(paragraph)) {
                  runs.add(spans);
                }
              }
            });
    if (runs.isEmpty()) {
      return markdown;
    }
    String[] lines = markdown.split("\n", -1);
    for (List<SourceSpan> run : runs) {
      int first = run.get(0).getLineIndex();
      StringBuilder joined = new StringBuilder(lines[first].stripTrailing());
      for (SourceSpan span : run.subList(1, run.size())) {
        int i = span.getLineIndex();
        joined.append(' ').append(lines[i].substring(span.getColumnIndex()).strip());
        lines[i] = null;
      }
      lines[first] = joined.toString();
    }
    StringJoiner out = new StringJoiner("\n");
    for (String line : lines) {
      if (line != null) {
        out.add(line);
      }
    }
    return out.toString();
  }

  private static boolean hasHardBreak(Node paragraph) {
    for (Node n = paragraph.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof HardLineBreak) {
        return true;
      }
    }
    return false;
  }
}
