package dev.ddlab.grader.report;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Lab texts (step texts, check labels, failure reasons, hints) are Markdown: rendered with
 * commonmark, raw HTML in them escaped, so {@code `percy`} shows as code and {@code <ngay>} as
 * text. The reports and the playground's lab panel render them here.
 */
public final class Markdown {
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private Markdown() {}

  /** One paragraph's worth of Markdown as inline HTML (no surrounding {@code <p>}). */
  public static String inline(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    String html = RENDERER.render(PARSER.parse(markdown)).strip();
    if (html.startsWith("<p>") && html.endsWith("</p>") && html.indexOf("<p>", 3) < 0) {
      html = html.substring(3, html.length() - 4);
    }
    return html;
  }

  /** Markdown as HTML blocks (paragraphs, lists, code blocks). */
  public static String block(String markdown) {
    return markdown == null ? "" : RENDERER.render(PARSER.parse(markdown));
  }
}
