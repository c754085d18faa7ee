package dev.ddlab.web.term;

import dev.ddlab.session.Session;
import org.jline.terminal.Terminal;

/**
 * What runs behind one browser terminal: a read-eval-print loop of a node's shell on a JLine {@link
 * Terminal} whose streams are the WebSocket's. It returns when the terminal is closed.
 */
@FunctionalInterface
public interface TerminalProgram {
  void run(Terminal terminal, Session session, String node) throws Exception;
}
