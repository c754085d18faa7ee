package dev.ddlab.sim.image;

import dev.ddlab.fs.Content;
import dev.ddlab.sim.fs.LayerBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file trees of catalogue layers ({@code trees.yaml}) and the operations that write them into a
 * {@link LayerBuilder}: directories, files, procedural binaries and blobs, symbolic links, named
 * trees. The data says what; this class is the one place that says how.
 */
final class Trees {
  /** Operation kinds and the arguments each takes besides its own key ("?": optional). */
  static final Map<String, Set<String>> KINDS =
      Map.of(
          "dir", Set.of("mode?"),
          "dirs", Set.of(),
          "file", Set.of("text", "mode?", "program?"),
          "binary", Set.of("size", "program?"),
          "blob", Set.of("size"),
          "symlink", Set.of("target"),
          "symlinks", Set.of("names", "target"),
          "tools", Set.of("names", "omit?"),
          "tree", Set.of("with?"));

  private final Map<String, List<Op>> trees;
  private final Map<String, List<String>> lists;

  Trees(Map<String, List<Op>> trees, Map<String, List<String>> lists) {
    this.trees = trees;
    this.lists = lists;
  }

  boolean hasTree(String name) {
    return trees.containsKey(name);
  }

  boolean hasList(String name) {
    return lists.containsKey(name);
  }

  /** Applies {@code ops} in order. */
  void apply(List<Op> ops, LayerBuilder b, Vars vars) {
    for (Op op : ops) {
      apply(op, b, vars);
    }
  }

  private void apply(Op op, LayerBuilder b, Vars vars) {
    switch (op.kind()) {
      case "dir" -> b.dir(op.text("dir", vars), op.mode("mode", vars, 0755));
      case "dirs" -> op.strings("dirs", vars).forEach(b::dir);
      case "file" ->
          b.file(
              op.text("file", vars),
              op.mode("mode", vars, 0644),
              Content.text(op.text("text", vars)),
              op.text("program", vars, null));
      case "binary" ->
          b.binary(op.text("binary", vars), op.size("size", vars), op.text("program", vars, null));
      case "blob" -> b.blob(op.text("blob", vars), op.size("size", vars));
      case "symlink" -> b.symlink(op.text("symlink", vars), op.text("target", vars));
      case "symlinks" -> {
        String dir = op.text("symlinks", vars);
        String target = op.text("target", vars);
        for (String name : op.names("names", vars, lists)) {
          b.symlink(dir + "/" + name, target);
        }
      }
      case "tools" -> tools(op, b, vars);
      case "tree" -> {
        String name = op.text("tree", vars);
        List<Op> tree = trees.get(name);
        if (tree == null) {
          throw op.error("no tree named " + name);
        }
        apply(tree, b, vars.with(op.raw("with"), op.where()));
      }
      default -> throw op.error("unknown operation " + op.kind());
    }
  }

  /**
   * Stand-ins for the GNU tools: DIR/name runs program "name"; the i-th tool written is 1800 + (977
   * i mod 9000) bytes, so the tools differ in size as real ones do.
   */
  private void tools(Op op, LayerBuilder b, Vars vars) {
    String dir = op.text("tools", vars);
    List<String> omit = op.has("omit") ? op.names("omit", vars, lists) : List.of();
    int i = 0;
    for (String tool : op.names("names", vars, lists)) {
      if (!omit.contains(tool)) {
        b.binary(dir + "/" + tool, 1_800 + (i++ * 977) % 9_000, tool);
      }
    }
  }
}
