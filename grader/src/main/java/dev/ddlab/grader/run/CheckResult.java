package dev.ddlab.grader.run;

/**
 * One check of one step, as graded.
 *
 * @param reason the lab's Vietnamese failure reason (empty when passed)
 * @param detail what the grader saw, in English (empty when passed)
 */
public record CheckResult(
    String label, int points, int maxPoints, boolean passed, String reason, String detail) {}
