package dev.ddlab.dockerfile;

/**
 * A Dockerfile that cannot be built as written: the message is BuildKit's text (without the CLI's
 * "ERROR: failed to solve: " prefix), and the lines, when known, are where the CLI points in its
 * excerpt of the Dockerfile (1-based, inclusive; 0 when the error has no place).
 */
public final class DockerfileException extends RuntimeException {
  private final int startLine;
  private final int endLine;

  public DockerfileException(String message, int startLine, int endLine) {
    super(message);
    this.startLine = startLine;
    this.endLine = endLine;
  }

  public DockerfileException(String message) {
    this(message, 0, 0);
  }

  /** The first line the error is about, or 0. */
  public int startLine() {
    return startLine;
  }

  /** The last line the error is about, or 0. */
  public int endLine() {
    return endLine;
  }

  /** BuildKit's parseError: "dockerfile parse error on line N: …", at the instruction's lines. */
  static DockerfileException parseError(Node node, String inner) {
    return new DockerfileException(
        "dockerfile parse error on line " + node.startLine() + ": " + inner,
        node.startLine(),
        node.endLine());
  }

  /** An error at an instruction's lines without the parse-error prefix. */
  static DockerfileException at(Node node, String message) {
    return new DockerfileException(message, node.startLine(), node.endLine());
  }
}
