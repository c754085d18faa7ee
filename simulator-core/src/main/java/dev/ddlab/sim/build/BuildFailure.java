package dev.ddlab.sim.build;

/**
 * A build that stops: BuildKit's message (the CLI prints it after "ERROR: failed to solve: ") and,
 * when the error is about Dockerfile lines, where they are.
 */
final class BuildFailure extends RuntimeException {
  final int startLine;
  final int endLine;

  BuildFailure(String message, int startLine, int endLine) {
    super(message);
    this.startLine = startLine;
    this.endLine = endLine;
  }

  BuildFailure(String message) {
    this(message, 0, 0);
  }
}
