package dev.ddlab.web.term;

import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.Session;
import dev.ddlab.session.TranscriptEntry;
import java.io.IOError;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jline.keymap.KeyMap;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.MaskingCallback;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;

/**
 * The read-eval-print loop of a session's terminal on a JLine {@link Terminal}: the system console
 * for {@code ddlab shell}, or a terminal built on a WebSocket's streams in the playground. Prompts
 * come from the session; Tab completes from {@link Session#complete}; Ctrl-C is {@link
 * Session#interrupt}; Ctrl-P Ctrl-Q detaches from a container; Ctrl-D ends the container's shell
 * when attached, else the loop (when {@code endOnEof}). {@code @NAME} switches to another node.
 */
public final class ShellRepl {
  static final String DETACH_WIDGET = "ddlab-detach";

  /**
   * Keys no terminal sends, bound to a widget that shows the session's prompt again on a cleared
   * line (the line being edited kept): after a rewind the session's prompt may not be the one the
   * REPL is showing (a container's shell then, the host's now).
   */
  public static final String REPROMPT = "\u001b[9999~";

  static final String REPROMPT_WIDGET = "ddlab-reprompt";

  /**
   * Keys no terminal sends, bound to a widget that shows what a busy terminal printed since (a
   * loop's lines, {@code docker logs -f}, an attached container as virtual time moves) above the
   * line being edited, and the session's prompt once the command has ended: the playground's ticker
   * sends them after it moved time ({@link Session#unshownOutput}), so output reaches the page as
   * it is produced rather than at the next key.
   */
  public static final String PUSH = "\u001b[9998~";

  static final String PUSH_WIDGET = "ddlab-push";

  private final Session session;
  private final Terminal terminal;
  private final boolean endOnEof;
  private String node;

  /** The prompt the line reader shows now. */
  private String shownPrompt = "";

  /**
   * The start of an output line pushed but not ended yet, shown before the edited line ({@link
   * #editorPrompt}): JLine prints above the edited line only whole lines.
   */
  private final StringBuilder partial = new StringBuilder();

  /**
   * The terminal does not echo now (a password, {@code read -s}): read when a line starts and at
   * each push, as a {@code read -s} may start while the line is edited (after a {@code sleep} the
   * ticker moved).
   */
  private volatile boolean masked;

  /** Shows nothing of the edited line while {@link #masked}, and keeps it out of the history. */
  private final MaskingCallback mask =
      new MaskingCallback() {
        @Override
        public String display(String line) {
          return masked ? "" : line;
        }

        @Override
        public String history(String line) {
          return masked ? null : line;
        }
      };

  private boolean followWallTime;
  private long lastWallNanos;

  /**
   * Whether a wall-clock beat shows a background job's output at an idle prompt ({@link #beat}).
   */
  private boolean beat;

  /** The wall-clock beat's period: the playground's ticker's. */
  static final long BEAT_MILLIS = 250;

  /** Whether the session's terminals take this terminal's size ({@link #followTerminalSize}). */
  private boolean followSize;

  /** The size each node's terminal in the session was last given. */
  private final java.util.Map<String, Size> sizeTold = new java.util.HashMap<>();

  public ShellRepl(Session session, Terminal terminal) {
    this(session, terminal, session.nodes().get(0), true);
  }

  public ShellRepl(Session session, Terminal terminal, String node, boolean endOnEof) {
    this.session = session;
    this.terminal = terminal;
    this.node = node;
    this.endOnEof = endOnEof;
  }

  /**
   * Lets the session's virtual time follow the wall clock between lines (at most an hour per line),
   * so {@code docker ps} says "Up 2 minutes" after two minutes at the prompt. For a terminal whose
   * session nobody else advances ({@code ddlab shell}); the playground maps time itself.
   */
  public ShellRepl followWallTime() {
    this.followWallTime = true;
    this.lastWallNanos = System.nanoTime();
    return this;
  }

  /**
   * While the line reader waits for keys, a beat of the wall clock ({@link #BEAT_MILLIS}, on a
   * daemon thread of this REPL) moves the session's virtual time to the wall clock ({@link
   * #followWallTime}) and prints what the terminal printed since above the line being edited (a
   * background job's {@code (sleep 3; echo done) &} shows {@code done} after three seconds at the
   * prompt, as the playground's ticker shows it). For {@code ddlab shell} on the user's terminal
   * only: a script or piped input has no beat, so its transcript stays a function of its lines.
   */
  public ShellRepl beatWhileIdle() {
    this.beat = true;
    return this;
  }

  /**
   * Gives the session this terminal's size, and each later size JLine's WINCH reports (the user's
   * terminal resized: the line editor redraws, then the session takes the size, as the playground's
   * {@link WebTerminal#resize} does): {@code stty size}, {@code tput cols}, {@code $COLUMNS}, the
   * ConsoleSize of new containers, SIGWINCH to an attached container. For {@code ddlab shell} on
   * the user's own terminal; the session learns a size before the next line, key or advance it is
   * given (it runs only then), and only a size JLine knows (a dumb terminal's 0 × 0 is not one).
   */
  public ShellRepl followTerminalSize() {
    this.followSize = true;
    return this;
  }

  /** Tells the session the terminal's size if it is not the one the node's terminal has. */
  private void syncSize() {
    if (!followSize) {
      return;
    }
    Size size = terminal.getSize();
    if (size.getColumns() < 2 || size.getRows() < 2 || size.equals(sizeTold.get(node))) {
      return;
    }
    sizeTold.put(node, new Size(size.getColumns(), size.getRows()));
    session.resize(node, size.getColumns(), size.getRows());
  }

  private void catchUp() {
    syncSize();
    if (!followWallTime) {
      return;
    }
    long now = System.nanoTime();
    long elapsed = Math.min(now - lastWallNanos, java.time.Duration.ofHours(1).toNanos());
    lastWallNanos = now;
    if (elapsed > 0) {
      session.advance(java.time.Duration.ofNanos(elapsed));
    }
  }

  /** Runs until Ctrl-D at the host prompt (or the terminal closes). */
  public void run() {
    Reader reader = new Reader(terminal);
    reader.setCompleter(
        (r, line, candidates) -> {
          String upToCursor = line.line().substring(0, line.cursor());
          for (String c : session.complete(node, upToCursor)) {
            candidates.add(new Candidate(c, c, null, null, null, null, !c.endsWith("/")));
          }
        });
    reader.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
    // Ctrl-P Ctrl-Q: Docker's detach keys. Ctrl-P alone keeps its readline meaning after a pause.
    reader
        .getWidgets()
        .put(
            DETACH_WIDGET,
            () -> {
              reader.getBuffer().clear();
              reader.getBuffer().write(ScriptRunner.DETACH);
              reader.callWidget(LineReader.ACCEPT_LINE);
              return true;
            });
    reader
        .getKeyMaps()
        .get(LineReader.MAIN)
        .bind(new Reference(DETACH_WIDGET), KeyMap.ctrl('P') + KeyMap.ctrl('Q'));
    reader
        .getWidgets()
        .put(
            REPROMPT_WIDGET,
            () -> {
              reader.setPrompt(session.prompt(node));
              terminal.writer().print("\r\u001b[K");
              terminal.writer().flush();
              reader.redrawLine();
              return true;
            });
    reader.getKeyMaps().get(LineReader.MAIN).bind(new Reference(REPROMPT_WIDGET), REPROMPT);
    reader.getWidgets().put(PUSH_WIDGET, () -> push(reader));
    reader.getKeyMaps().get(LineReader.MAIN).bind(new Reference(PUSH_WIDGET), PUSH);
    PrintWriter out = terminal.writer();
    Thread beating = beat ? startBeat(reader) : null;
    // the session is the REPL thread's while it is not waiting for keys (the line reader's lock:
    // the completer and the widgets run under it too), so a beat finds it idle or not at all
    reader.lock().lock();
    try {
      loop(reader, out);
    } finally {
      reader.lock().unlock();
      if (beating != null) {
        beating.interrupt();
      }
    }
  }

  private void loop(Reader reader, PrintWriter out) {
    while (true) {
      String line;
      try {
        shownPrompt = session.prompt(node);
        // a password, a key, read -s: the line editor shows nothing of what is typed
        masked = !session.echoes(node);
        line = readLine(reader);
      } catch (UserInterruptException e) {
        catchUp();
        print(out, session.interrupt(node));
        continue;
      } catch (EndOfFileException e) {
        if (session.isAttached(node)) {
          catchUp();
          print(out, session.type(node, ScriptRunner.EOF));
          continue;
        }
        if (endOnEof) {
          out.println("exit");
          out.flush();
          return;
        }
        if (Thread.currentThread().isInterrupted()) {
          // the terminal was closed (its web session ended): JLine reads end-of-file from now on,
          // and looping would keep this thread alive and busy for ever (found by bench --soak)
          return;
        }
        continue;
      } catch (IOError e) {
        return; // the terminal went away
      }
      String trimmed = line.strip();
      if (trimmed.startsWith("@") && session.nodes().contains(trimmed.substring(1))) {
        node = trimmed.substring(1);
        partial.setLength(0);
        continue;
      }
      boolean atHost = !session.isAttached(node);
      catchUp();
      TranscriptEntry entry = session.type(node, line);
      print(out, entry);
      if (endOnEof && atHost && isExit(line) && entry.output().startsWith("exit")) {
        return; // bash's "exit": the login shell ended
      }
    }
  }

  /**
   * The next line, read with the session let go while the reader waits for keys (the reader takes
   * its lock itself and lets it go only while waiting, once: held twice here, no beat would run).
   */
  private String readLine(Reader reader) {
    reader.lock().unlock();
    try {
      return reader.readLine(editorPrompt(), null, mask, null);
    } finally {
      reader.lock().lock();
    }
  }

  /** The line reader, whose lock the REPL and its beat share. */
  static final class Reader extends LineReaderImpl {
    Reader(Terminal terminal) {
      super(terminal, "ddlab", new java.util.HashMap<>(Map.of(LineReader.HISTORY_SIZE, 2000)));
      setHistory(new DefaultHistory());
    }

    ReentrantLock lock() {
      return lock;
    }
  }

  private Thread startBeat(Reader reader) {
    Thread t =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  Thread.sleep(BEAT_MILLIS);
                  beat(reader);
                }
              } catch (InterruptedException ended) {
                // the REPL ended
              }
            },
            "ddlab-shell-beat");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * One beat of the wall clock: when the REPL waits for keys (its lock free), virtual time catches
   * up with the wall clock and what the terminal printed since is shown above the edited line; the
   * next entry's output then leaves it out ({@link Session#shownOutput}), as after a push.
   */
  void beat(Reader reader) {
    if (!reader.lock().tryLock()) {
      return; // a line runs, or a key is being handled: the next beat
    }
    try {
      catchUp();
      // an unfinished output line shown in the editor's prompt waits for the next line or push,
      // which continue it where the cursor is
      if (partial.length() == 0 && session.outputPending(node)) {
        String text = session.unshownOutput(node);
        if (!text.isEmpty()) {
          reader.printAbove(text); // a last line without newline gets one, as print()
        }
      }
    } finally {
      reader.lock().unlock();
    }
  }

  /**
   * Shows what the terminal printed since (a busy line's output, a background job's at an idle
   * prompt) as a real terminal does, at once: whole lines above the edited line, and a line's start
   * not ended yet ({@code printf 'a'}, a progress bar) where the cursor is, before what is being
   * typed (as the prompt of the line editor, which prints above it only whole lines); once the
   * command ended, the rest and the session's new prompt.
   */
  private boolean push(LineReader reader) {
    String text = partial + session.unshownOutput(node);
    String prompt = session.prompt(node);
    boolean ended = !prompt.equals(shownPrompt);
    masked = !session.echoes(node);
    int cut = ended ? text.length() : text.lastIndexOf('\n') + 1;
    partial.setLength(0);
    partial.append(text, cut, text.length());
    if (!(reader instanceof LineReaderImpl impl)) {
      return true;
    }
    shownPrompt = prompt;
    impl.setPrompt(editorPrompt());
    if (cut > 0) {
      reader.printAbove(text.substring(0, cut)); // a last line without newline gets one, as print()
    } else {
      terminal.writer().print("\r\u001b[K");
      terminal.writer().flush();
      impl.redrawLine();
    }
    return true;
  }

  /**
   * The line editor's prompt: the session's, then the unfinished output line as the screen shows it
   * (a carriage return writes over the line's start, as a progress bar's updates do).
   */
  private String editorPrompt() {
    if (partial.length() == 0) {
      return shownPrompt;
    }
    StringBuilder line = new StringBuilder();
    int col = 0;
    for (int i = 0; i < partial.length(); i++) {
      char c = partial.charAt(i);
      if (c == '\r') {
        col = 0;
      } else if (col < line.length()) {
        line.setCharAt(col++, c);
      } else {
        line.append(c);
        col++;
      }
    }
    // the line editor expands %-sequences in a prompt; %% is a plain %
    return shownPrompt + line.toString().replace("%", "%%");
  }

  private static boolean isExit(String line) {
    String t = line.strip();
    return t.equals("exit") || t.startsWith("exit ") || t.equals("logout");
  }

  /**
   * Prints what an entry {@link Session#type} or {@link Session#interrupt} just returned, but for
   * what {@link #push} showed of it already.
   */
  private void print(PrintWriter out, TranscriptEntry entry) {
    String output = entry.output();
    int shown = session.shownOutput(node);
    if (output != null && shown > 0) {
      output = output.substring(Math.min(shown, output.length()));
    }
    partial.setLength(0); // on the screen already, before the line the reader just ended
    if (output != null && !output.endsWith("\n") && session.prompt(node).isEmpty()) {
      // still running: its unfinished line ({@code printf a}, {@code read -p}'s question) stays
      // where the cursor is, and what follows (output, typed keys) goes on after it
      int cut = output.lastIndexOf('\n') + 1;
      partial.append(output, cut, output.length());
      output = output.substring(0, cut);
    }
    if (output != null && !output.isEmpty()) {
      out.print(output);
      if (!output.endsWith("\n")) {
        out.println();
      }
    }
    out.flush();
  }
}
