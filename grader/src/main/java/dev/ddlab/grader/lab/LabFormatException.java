package dev.ddlab.grader.lab;

import java.util.List;

/** A lab file that cannot be used: each problem names the lab, step and check it is about. */
public final class LabFormatException extends RuntimeException {
  private final List<String> problems;

  public LabFormatException(String source, List<String> problems) {
    super(source + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
