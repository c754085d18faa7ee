package dev.ddlab.sim.shell;

import dev.ddlab.sim.shell.Ast.CommandList;
import dev.ddlab.sim.shell.Ast.FunctionDef;
import dev.ddlab.sim.shell.Ast.Group;

/**
 * A function as bash's {@code type} prints it: {@code NAME () }, the body's braces on lines of
 * their own and each command of the body on its own line, indented by four spaces. bash re-indents
 * nested compound commands too; here they keep the text they were typed with.
 */
final class FunctionText {
  private FunctionText() {}

  static String of(FunctionDef fn) {
    StringBuilder sb = new StringBuilder(fn.name()).append(" () \n");
    if (fn.body() instanceof Group g && !g.subshell()) {
      sb.append("{ \n");
      body(g.body(), sb);
      sb.append("}\n");
    } else {
      sb.append(fn.body().source()).append('\n');
    }
    return sb.toString();
  }

  private static void body(CommandList list, StringBuilder sb) {
    for (int i = 0; i < list.items().size(); i++) {
      var item = list.items().get(i);
      sb.append("    ").append(item.command().source());
      if (item.background()) {
        sb.append(" &");
      } else if (i < list.items().size() - 1) {
        sb.append(';');
      }
      sb.append('\n');
    }
  }
}
