package dev.ddlab.grader.check;

import dev.ddlab.grader.state.LabState;

/** Evaluates a lab author's {@code java:} expression against the read-only state. */
public interface JavaCheck {
  CheckOutcome evaluate(String expression, LabState state);
}
