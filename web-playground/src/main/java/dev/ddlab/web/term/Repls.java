package dev.ddlab.web.term;

/** The terminal programs of the playground. */
public final class Repls {
  private Repls() {}

  /**
   * The same JLine REPL as {@code ddlab shell} ({@link ShellRepl}): completion, history, Ctrl-C,
   * Ctrl-P Ctrl-Q detach, Ctrl-D into an attached container. It never ends on Ctrl-D at the host
   * prompt (closing the tab is how a browser terminal ends); it returns when the terminal closes.
   */
  public static TerminalProgram shell() {
    return (terminal, session, node) -> new ShellRepl(session, terminal, node, false).run();
  }
}
