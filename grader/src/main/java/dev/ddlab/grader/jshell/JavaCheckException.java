package dev.ddlab.grader.jshell;

/** A {@code java:} check that does not compile or is not a single expression. */
public final class JavaCheckException extends Exception {
  public JavaCheckException(String message) {
    super(message);
  }
}
