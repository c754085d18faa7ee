package dev.ddlab.grader.check;

/**
 * The result of one check at one moment.
 *
 * @param detail what was seen, in English, for the instructor's report ("status is exited, expected
 *     running"); empty when the check passed
 */
public record CheckOutcome(boolean passed, String detail) {
  public static final CheckOutcome PASS = new CheckOutcome(true, "");

  public static CheckOutcome fail(String detail) {
    return new CheckOutcome(false, detail);
  }
}
