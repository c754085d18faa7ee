package dev.ddlab.web;

import dev.ddlab.web.session.SessionTemplate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The server-rendered pages: start, "Hết chỗ" and problems. Vietnamese, no script needed. */
final class Pages {
  private Pages() {}

  static String start(List<SessionTemplate> templates, String engineKind, int live, int max) {
    StringBuilder options = new StringBuilder();
    boolean first = true;
    for (SessionTemplate t : templates) {
      options
          .append("<label class=\"template")
          .append(t.available() ? "" : " disabled")
          .append("\"><input type=\"radio\" name=\"template\" value=\"")
          .append(esc(t.name()))
          .append('"')
          .append(t.available() ? "" : " disabled")
          .append(t.available() && first ? " checked" : "")
          .append("><span class=\"t-label\">")
          .append(esc(t.label()))
          .append("</span><span class=\"t-desc\">")
          .append(esc(t.description()))
          .append("</span>");
      if (!t.available()) {
        options.append("<span class=\"t-note\">").append(esc(t.note())).append("</span>");
      }
      options.append("</label>\n");
      first &= !t.available();
    }
    String engine =
        "real".equals(engineKind)
            ? "Các node chạy trên <b>Docker Engine thật</b> của máy chủ (qua lớp bảo vệ của ddlab)."
            : "Các node được <b>mô phỏng</b> ngay trong máy chủ: không cần Docker, chạy tức thì.";
    return page(
        "ddlab — Sân chơi Docker",
        """
        <main class="card">
          <h1>Sân chơi Docker</h1>
          <p class="lead">Mở một phiên để có các node Docker, mỗi node một terminal, cùng các bảng
          trực quan: sơ đồ mạng, lớp image, namespace.</p>
          <p>%s</p>
          <form method="post" action="/session">
            <fieldset><legend>Chọn mẫu phiên</legend>
            %s
            </fieldset>
            <button type="submit" class="primary">Bắt đầu phiên</button>
          </form>
          <p class="fine">Đang có %d/%d phiên. Phiên được giữ trong bộ nhớ máy chủ: khởi động lại máy
          chủ là mất toàn bộ phiên mô phỏng.</p>
        </main>
        """
            .formatted(engine, options, live, max));
  }

  static String full(Duration retryAfter, Instant now) {
    long minutes = Math.max(1, (retryAfter.toSeconds() + 59) / 60);
    String at =
        DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC).format(now.plus(retryAfter));
    return page(
        "Hết chỗ — ddlab",
        """
        <main class="card">
          <h1>Hết chỗ</h1>
          <p class="lead">Máy chủ đang có đủ số phiên tối đa, nên chưa mở thêm phiên mới được.</p>
          <p>Một chỗ sẽ trống chậm nhất sau khoảng <b>%d phút</b> (lúc %s UTC), khi một phiên hết
          hạn hoặc bị giải phóng vì không dùng. Bạn có thể thử lại lúc đó, hoặc nhờ người quản trị
          tăng <code>--max-sessions</code>.</p>
          <p><a class="button primary" href="/">Thử lại</a></p>
        </main>
        """
            .formatted(minutes, at));
  }

  static String problem(String title, String message) {
    return page(
        title + " — ddlab",
        """
        <main class="card">
          <h1>%s</h1>
          <p class="lead">%s</p>
          <p><a class="button primary" href="/">Về trang đầu</a></p>
        </main>
        """
            .formatted(esc(title), esc(message)));
  }

  private static String page(String title, String body) {
    return """
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s</title><link rel="stylesheet" href="/static/app.css">
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml"></head>
        <body class="plain">%s</body></html>
        """
        .formatted(esc(title), body);
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
