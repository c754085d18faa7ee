package dev.ddlab.grader.report;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Lab texts (failure reasons, check labels) are Markdown: rendered with commonmark, raw HTML in
 * them escaped, so {@code `percy`} shows as code and {@code <ngay>} as text.
 */
final class Markdown {
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private Markdown() {}

  /** One paragraph's worth of Markdown as inline HTML (no surrounding {@code <p>}). */
  static String inline(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    String html = RENDERER.render(PARSER.parse(markdown)).strip();
    if (html.startsWith("<p>") && html.endsWith("</p>") && html.indexOf("<p>", 3) < 0) {
      html = html.substring(3, html.length() - 4);
    }
    return html;
  }
}
