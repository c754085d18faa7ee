package dev.ddlab.grader.submission;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ddlab.session.TranscriptEntry;
import java.util.List;

/**
 * A learner's work on one lab, format {@value #FORMAT}: who, which lab, the session's seed and
 * template, and every line typed with what the learner's simulator answered. The grader trusts only
 * the typed lines; outputs are compared with a replay to detect tampering.
 */
@JsonPropertyOrder({"format", "lab", "student", "seed", "template", "ddlabVersion", "transcript"})
public record Submission(
    @JsonProperty("format") String format,
    @JsonProperty("lab") String lab,
    @JsonProperty("student") String student,
    @JsonProperty("seed") long seed,
    @JsonProperty("template") String template,
    @JsonProperty("ddlabVersion") String ddlabVersion,
    @JsonProperty("transcript") List<TranscriptEntry> transcript) {
  public static final String FORMAT = "ddlab-submission/1";

  public Submission {
    transcript = transcript == null ? List.of() : List.copyOf(transcript);
  }
}
