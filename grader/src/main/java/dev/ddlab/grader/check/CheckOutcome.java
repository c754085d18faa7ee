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

  /** A pass when nothing differed, else a failure naming every difference. */
  static CheckOutcome of(java.util.List<String> problems) {
    return problems.isEmpty() ? PASS : fail(String.join("; ", problems));
  }

  /**
   * What an existence question decides alone: {@code what} is missing, or must be gone ({@code
   * exists: false}) and is not; empty when it exists and is wanted, so its keys are compared next.
   */
  static java.util.Optional<CheckOutcome> existence(boolean found, Boolean exists, String what) {
    boolean want = exists == null || exists;
    if (!found) {
      return java.util.Optional.of(want ? fail("no " + what) : PASS);
    }
    return want ? java.util.Optional.empty() : java.util.Optional.of(fail(what + " still exists"));
  }
}
