package dev.ddlab.dockerfile;

import java.util.List;

/**
 * One instruction as the parser split it (BuildKit's {@code parser.Node}): the instruction word in
 * lower case, its {@code --flags}, its arguments (already split the way that instruction splits
 * them), whether they were a JSON array, the original text and its lines. ONBUILD carries the
 * instruction it wraps in {@code sub}.
 *
 * @param instruction lower-case instruction word ("run", "copy" …; anything for an unknown one)
 * @param flags the leading {@code --name=value} words
 * @param args the arguments; ENV and LABEL give key, value pairs
 * @param json whether the arguments were written as a JSON array
 * @param original the instruction's text after continuations were joined
 * @param startLine first line (1-based)
 * @param endLine last line
 * @param sub the wrapped instruction of ONBUILD, else null
 */
public record Node(
    String instruction,
    List<String> flags,
    List<String> args,
    boolean json,
    String original,
    int startLine,
    int endLine,
    Node sub) {
  public Node {
    flags = List.copyOf(flags);
    args = List.copyOf(args);
  }
}
