package dev.ddlab.grader.submission;

/**
 * What a submission's signature says about who made it, and the grader's judgement of it.
 *
 * @param kind what the file carries
 * @param keyId the signing key's fingerprint ({@code ed25519:…}), null when unsigned
 * @param owner the student an installation key belongs to once judged (null for a server key, an
 *     unsigned or a broken signature)
 * @param suspect whether the submission is flagged for the instructor
 * @param note one English sentence for the reports
 */
public record Authorship(Kind kind, String keyId, String owner, boolean suspect, String note) {
  /** What the file carries. */
  public enum Kind {
    /** The grader did not look (results made in memory, not read from a file). */
    UNCHECKED,
    /** No signature. */
    UNSIGNED,
    /** A signature that does not verify: the content was edited after signing, or it is made up. */
    FORGED,
    /** A signature that verifies. */
    SIGNED,
    /** A reference-solution export ({@code ddlab labs solution}), never a learner's work. */
    SOLUTION
  }

  public static final Authorship UNCHECKED = new Authorship(Kind.UNCHECKED, null, null, false, "");

  /** The learner's sentence (Vietnamese) when suspect, else "". */
  public String warning() {
    if (!suspect) {
      return "";
    }
    return switch (kind) {
      case UNSIGNED ->
          "Bài nộp không có chữ ký: nó không do `ddlab learn` (lệnh `submit`) hay playground xuất ra.";
      case FORGED -> "Chữ ký của bài nộp không khớp với nội dung: bài đã bị sửa sau khi ký.";
      case SIGNED -> "Bài nộp được ký bằng khoá của một bản cài đặt không phải của bạn.";
      case SOLUTION -> "Đây là lời giải mẫu xuất bằng `ddlab labs solution`, không phải bài làm.";
      case UNCHECKED -> "";
    };
  }

  public Authorship judged(String owner, boolean suspect, String note) {
    return new Authorship(kind, keyId, owner, suspect, note);
  }
}
