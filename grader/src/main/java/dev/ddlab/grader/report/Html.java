package dev.ddlab.grader.report;

/** Escaping and the page frame of the HTML reports (one style sheet, inline: no CDN, no script). */
final class Html {
  private Html() {}

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  static String page(String title, String body) {
    return "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
        + esc(title)
        + "</title>\n<style>"
        + "body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.4}"
        + "h2{margin-top:2.5rem;border-bottom:1px solid #ddd}h2 small{font-weight:normal;font-size:.7em;color:#555}"
        + ".ok{color:#17702e}.ko{color:#b3261e}.warn{background:#fff4ce;padding:.5rem 1rem;border-left:4px solid #c79100}"
        + "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}"
        + "thead th{background:#f0f0f0;font-size:.9em}.step{font-weight:normal;font-size:.85em;color:#444}"
        + ".grid td{text-align:center;white-space:nowrap}.grid td.flag{text-align:left;white-space:normal;min-width:14rem;font-size:.9em;color:#8a4b00}"
        + ".full{background:#c8e6c9}.part{background:#fff3b0}.none{background:#f8c4c0}.total{font-weight:bold}"
        + ".legend span{padding:.1rem .5rem;margin-right:.5rem}.num{text-align:right;white-space:nowrap}"
        + ".charts{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0}figcaption{text-align:center;color:#555;font-size:.9em}"
        + "code{background:#f2f2f2;padding:0 .2em;border-radius:3px}"
        + "pre{background:#f5f5f5;padding:.5rem;overflow:auto;margin:0}"
        + ".diff{width:100%;table-layout:fixed}.diff td{font-family:ui-monospace,monospace;font-size:.85em;white-space:pre-wrap;word-break:break-all}"
        + ".diff td.changed{background:#fff3b0}.diff td.gone{background:#fde0dc}.diff td.added{background:#e0f2e9}"
        + "del{background:#f8c4c0;text-decoration:line-through}ins{background:#b9e4c9;text-decoration:none}"
        + "</style>\n</head>\n<body>\n"
        + body
        + "</body>\n</html>\n";
  }
}
