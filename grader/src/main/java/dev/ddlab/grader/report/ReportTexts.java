package dev.ddlab.grader.report;

import dev.ddlab.grader.run.GradeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Vietnamese sentences of the HTML reports for what the grader says in English (errors and flag
 * reasons stay English in the CSV, JSON and console output, which are for tools).
 */
final class ReportTexts {
  private ReportTexts() {}

  private record Rule(Pattern pattern, Function<Matcher, String> text) {}

  private static final List<Rule> ERRORS = new ArrayList<>();

  private static void rule(String regex, Function<Matcher, String> text) {
    ERRORS.add(new Rule(Pattern.compile(regex, Pattern.DOTALL), text));
  }

  static {
    rule("file too large.*", m -> "Tệp quá lớn (một bài nộp tối đa 4 MB).");
    rule("empty file", m -> "Tệp rỗng.");
    rule(
        "truncated JSON: the file ends in the middle \\(line (\\d+).*",
        m -> "Tệp JSON bị cắt cụt: tệp dừng giữa chừng (dòng " + m.group(1) + ").");
    rule("malformed JSON at line (\\d+).*", m -> "JSON sai cú pháp ở dòng " + m.group(1) + ".");
    rule("malformed JSON.*", m -> "JSON sai cú pháp.");
    rule("not a (ddlab )?submission.*", m -> "Đây không phải là bài nộp của ddlab.");
    rule(
        "unsupported format \"(.*)\"",
        m -> "Định dạng \"" + m.group(1) + "\" không được hỗ trợ (cần ddlab-submission/1).");
    rule("missing field \"(.*)\"", m -> "Thiếu trường \"" + m.group(1) + "\".");
    rule("\"transcript\" must be an array", m -> "Trường \"transcript\" phải là một mảng.");
    rule("transcript too long.*", m -> "Bản ghi quá dài (tối đa 5.000 dòng lệnh).");
    rule("invalid field.*", m -> "Một trường của bài nộp có giá trị không hợp lệ.");
    rule(
        "invalid student id \"(.*?)\".*",
        m ->
            "Mã học viên \""
                + m.group(1)
                + "\" không hợp lệ (chỉ chữ, số và . _ @ + -; tối đa 64 ký tự).");
    rule(
        "transcript entry (\\d+) lacks node or command",
        m -> "Dòng lệnh thứ " + m.group(1) + " của bản ghi thiếu node hoặc lệnh.");
    rule(
        "transcript entry (\\d+) goes back in time.*",
        m -> "Dòng lệnh thứ " + m.group(1) + " có thời điểm lùi về trước (đồng hồ ảo).");
    rule(
        "transcript entry (\\d+) is on node \"(.*?)\".*",
        m ->
            "Dòng lệnh thứ "
                + m.group(1)
                + " chạy trên node \""
                + m.group(2)
                + "\", mẫu phiên của bài lab không có node này.");
    rule("cannot read the file.*", m -> "Không đọc được tệp.");
    rule("unknown lab \"(.*)\"", m -> "Không có bài lab \"" + m.group(1) + "\".");
    rule(
        "template \"(.*?)\" is not the lab's template \"(.*?)\"",
        m ->
            "Bài nộp dùng mẫu phiên \""
                + m.group(1)
                + "\", không phải mẫu \""
                + m.group(2)
                + "\" của bài lab.");
    rule(
        "duplicate submission for student (\\S+) and lab (\\S+).*",
        m ->
            "Bài nộp trùng: học viên "
                + m.group(1)
                + " đã có một bài cho lab "
                + m.group(2)
                + " (chỉ tệp đầu tiên được chấm).");
    rule(
        "a reference-solution export.*",
        m -> "Đây là lời giải mẫu xuất bằng `ddlab labs solution`, không phải bài làm.");
    rule("the replay failed.*", m -> "Chạy lại bài nộp bị lỗi (lỗi của ddlab, hãy báo lại).");
  }

  /** Why a file could not be graded, in Vietnamese (Markdown). */
  static String error(String english) {
    if (english == null) {
      return "";
    }
    for (Rule r : ERRORS) {
      Matcher m = r.pattern().matcher(english);
      if (m.matches()) {
        return r.text().apply(m);
      }
    }
    return "Không chấm được tệp này.";
  }

  /** Why a submission is flagged, in Vietnamese (Markdown), "" when it is not. */
  static String flagReasons(GradeResult r) {
    List<String> why = new ArrayList<>();
    if (!r.divergences().isEmpty()) {
      why.add(r.divergences().size() + " lệnh có kết quả ghi trong bài nộp khác với khi chạy lại.");
    }
    if (r.authorship().suspect()) {
      why.add(r.authorship().warning());
    }
    return String.join(" ", why);
  }
}
