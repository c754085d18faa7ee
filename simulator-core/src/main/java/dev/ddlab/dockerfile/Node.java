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
 * @param heredocs the here-documents of a RUN, COPY or ADD (or an ONBUILD of one), with their
 *     bodies, in the order the line opens them
 */
public record Node(
    String instruction,
    List<String> flags,
    List<String> args,
    boolean json,
    String original,
    int startLine,
    int endLine,
    Node sub,
    List<Heredoc> heredocs) {
  public Node {
    flags = List.copyOf(flags);
    args = List.copyOf(args);
    heredocs = List.copyOf(heredocs);
  }

  /** A node without here-documents. */
  public Node(
      String instruction,
      List<String> flags,
      List<String> args,
      boolean json,
      String original,
      int startLine,
      int endLine,
      Node sub) {
    this(instruction, flags, args, json, original, startLine, endLine, sub, List.of());
  }

  /** canContainHeredoc: a RUN, COPY or ADD not in the JSON form, or an ONBUILD of one. */
  boolean canContainHeredoc() {
    Node n = instruction.equals("onbuild") && sub != null ? sub : this;
    return List.of("add", "copy", "run").contains(n.instruction) && !n.json;
  }

  Node withHeredocs(List<Heredoc> docs, int end) {
    return new Node(instruction, flags, args, json, original, startLine, end, sub, docs);
  }
}
