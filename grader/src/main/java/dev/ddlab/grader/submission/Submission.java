package dev.ddlab.grader.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;

/**
 * A learner's work on one lab, format {@value #FORMAT}: who, which lab, the session's seed and
 * template, and every line typed with what the learner's simulator answered. The grader trusts only
 * the typed lines; outputs are compared with a replay to detect tampering.
 *
 * @param origin {@value #REFERENCE_SOLUTION} for an export of a lab's reference solution ({@code
 *     ddlab labs solution}), which the grader refuses; absent for a learner's work
 * @param signature made by the learner's installation or the playground server (see {@link
 *     Signing}); absent when unsigned
 */
@JsonPropertyOrder({
  "format",
  "lab",
  "student",
  "seed",
  "template",
  "ddlabVersion",
  "origin",
  "transcript",
  "signature"
})
public record Submission(
    @JsonProperty("format") String format,
    @JsonProperty("lab") String lab,
    @JsonProperty("student") String student,
    @JsonProperty("seed") long seed,
    @JsonProperty("template") String template,
    @JsonProperty("ddlabVersion") String ddlabVersion,
    @JsonProperty("transcript") List<TranscriptEntry> transcript,
    @JsonProperty("origin") @JsonInclude(JsonInclude.Include.NON_NULL) String origin,
    @JsonProperty("signature") @JsonInclude(JsonInclude.Include.NON_NULL) Signature signature) {
  public static final String FORMAT = "ddlab-submission/1";
  public static final String REFERENCE_SOLUTION = "reference-solution";

  public Submission {
    transcript = transcript == null ? List.of() : List.copyOf(transcript);
  }

  /** A learner's unsigned submission. */
  public Submission(
      String format,
      String lab,
      String student,
      long seed,
      String template,
      String ddlabVersion,
      List<TranscriptEntry> transcript) {
    this(format, lab, student, seed, template, ddlabVersion, transcript, null, null);
  }

  public Submission withSignature(Signature s) {
    return new Submission(
        format, lab, student, seed, template, ddlabVersion, transcript, origin, s);
  }

  public Submission withOrigin(String o) {
    return new Submission(
        format, lab, student, seed, template, ddlabVersion, transcript, o, signature);
  }
}
