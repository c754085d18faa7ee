package dev.ddlab.cli.template;

import java.util.List;

/** A function callable from a template. */
@FunctionalInterface
public interface TemplateFunction {
  Object apply(List<Object> args);

  /** A wrong argument count or type: reported as Go reports it, without "error calling". */
  final class ArgError extends RuntimeException {
    public ArgError(String message) {
      super(message);
    }
  }

  /** An error returned by the function itself: "error calling NAME: message". */
  final class CallError extends RuntimeException {
    public CallError(String message) {
      super(message);
    }
  }
}
