package dev.ddlab.web.term;

import dev.ddlab.session.Session;
import dev.ddlab.session.TranscriptEntry;
import java.io.PrintWriter;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * A JLine read-eval-print loop over a {@link Session}: line editing, history, tab completion from
 * {@link Session#complete}, Ctrl-C as {@link Session#interrupt}. Ctrl-D on an empty line is ignored
 * (closing the tab is how a browser terminal ends).
 */
public final class LineReaderProgram implements TerminalProgram {
  @Override
  public void run(Terminal terminal, Session session, String node) {
    LineReader reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .completer(
                (r, line, candidates) -> {
                  String upToCursor = line.line().substring(0, line.cursor());
                  for (String c : session.complete(node, upToCursor)) {
                    candidates.add(new Candidate(c, c, null, null, null, null, !c.endsWith("/")));
                  }
                })
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .build();
    PrintWriter out = terminal.writer();
    while (true) {
      String line;
      try {
        line = reader.readLine(session.prompt(node));
      } catch (UserInterruptException e) {
        print(out, session.interrupt(node));
        continue;
      } catch (EndOfFileException e) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        continue;
      } catch (java.io.IOError e) {
        return; // the terminal was closed
      }
      print(out, session.type(node, line));
    }
  }

  private static void print(PrintWriter out, TranscriptEntry entry) {
    String output = entry.output();
    if (output != null && !output.isEmpty()) {
      out.print(output);
      if (!output.endsWith("\n")) {
        out.println();
      }
      out.flush();
    }
  }
}
