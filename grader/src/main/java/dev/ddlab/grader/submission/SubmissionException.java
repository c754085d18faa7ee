package dev.ddlab.grader.submission;

/** A submission file that cannot be graded; the message is shown per file in the report. */
public final class SubmissionException extends Exception {
  public SubmissionException(String message) {
    super(message);
  }
}
