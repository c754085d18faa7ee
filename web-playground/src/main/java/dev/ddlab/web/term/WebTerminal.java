package dev.ddlab.web.term;

import dev.ddlab.session.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.LineDisciplineTerminal;

/**
 * One node's terminal in the browser: a JLine {@link LineDisciplineTerminal} fed with the bytes the
 * browser sends (keys, pastes) and printing into a {@link Scrollback} and to the connected
 * browsers. A {@link TerminalProgram} (the same REPL as {@code ddlab shell}) runs on its own thread
 * against it; the line discipline turns Ctrl-C into SIGINT as a real tty does.
 */
public final class WebTerminal implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WebTerminal.class.getName());

  private final String node;
  private final Session session;
  private final Scrollback scrollback;
  private final OutputBudget budget;
  private final Consumer<String> sink;
  private final Tty terminal;
  private final Thread thread;
  private long droppedNoticeNanos;
  private volatile boolean closed;

  /** A {@link ShellRepl#PUSH} was sent that the REPL has not acted on yet. */
  private final java.util.concurrent.atomic.AtomicBoolean pushSent =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * The session's prompt for this terminal when the ticker last looked; null before its first look,
   * which is no change: the REPL draws its first prompt itself, and a push then drew it a second
   * time on the same line (WebBenchTest's clients took "[node1] $ \r\e[K[node1] $ " for the prompt
   * and never saw it again).
   */
  private volatile String promptSeen;

  /**
   * @param sink receives every chunk printed (already in the scrollback), for live browsers
   */
  public WebTerminal(
      String node,
      Session session,
      TerminalProgram program,
      Scrollback scrollback,
      OutputBudget budget,
      Consumer<String> sink) {
    this.node = node;
    this.session = session;
    this.scrollback = scrollback;
    this.budget = budget;
    this.sink = sink;
    try {
      this.terminal =
          new Tty("ddlab-" + node, "xterm-256color", new Printer(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a terminal for " + node, e);
    }
    terminal.setSize(new Size(80, 24));
    this.thread =
        new Thread(
            () -> {
              try {
                program.run(terminal, session, node);
              } catch (Exception e) {
                if (!closed) {
                  LOG.log(System.Logger.Level.WARNING, "terminal program of " + node + " ended", e);
                }
              }
            },
            "ddlab-term-" + node);
    thread.setDaemon(true);
  }

  public WebTerminal start() {
    thread.start();
    return this;
  }

  public String node() {
    return node;
  }

  /**
   * Taken around every write into the line discipline: the browser's keys (a WebSocket thread) and
   * the ticker's {@link ShellRepl#PUSH} keys would otherwise interleave byte by byte, and a typed
   * character or Enter could land inside the other's escape sequence and be lost (WebBenchTest's
   * typist whose line never got its prompt back).
   */
  private final java.util.concurrent.locks.ReentrantLock inputLock =
      new java.util.concurrent.locks.ReentrantLock();

  /** Bytes the browser sent: keystrokes, escape sequences, pasted text. */
  public void input(String data) {
    inputLock.lock();
    try {
      write(data, false);
    } finally {
      inputLock.unlock();
    }
  }

  /**
   * Keys only the REPL sends itself ({@link ShellRepl#PUSH}, {@link ShellRepl#REPROMPT}) go
   * straight to its input, past the line discipline, which would echo them to the screen whenever
   * the REPL is not in its line editor (starting, or running a typed line): the screen showed
   * {@code ESC[9998~} and WebBenchTest's typist learned it as part of its prompt.
   */
  private void write(String data, boolean control) {
    if (closed) {
      return;
    }
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    try {
      if (control) {
        terminal.control(bytes);
      } else {
        terminal.processInputBytes(bytes);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "input after close on " + node, e);
    }
  }

  /**
   * The browser's terminal was resized: the line editor redraws for the new width (WINCH), and the
   * session's terminal takes the size ({@link Session#resize}: stty, tput, $COLUMNS, ConsoleSize,
   * SIGWINCH to an attached container's process), as a real pty's would.
   */
  public void resize(int columns, int rows) {
    if (columns < 2 || rows < 2 || columns > 1000 || rows > 500) {
      return;
    }
    Size size = new Size(columns, rows);
    if (!size.equals(terminal.getSize())) {
      terminal.setSize(size);
      terminal.raise(Terminal.Signal.WINCH);
      session.resize(node, columns, rows);
    }
  }

  Thread thread() {
    return thread;
  }

  public Size size() {
    return terminal.getSize();
  }

  public String scrollback() {
    return scrollback.text();
  }

  @Override
  public void close() {
    closed = true;
    try {
      terminal.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing terminal " + node, e);
    }
    thread.interrupt();
  }

  /**
   * Hands the scrollback to a newly connected browser and registers it for what follows, atomically
   * with respect to output, so the browser sees every character exactly once.
   */
  public synchronized void attach(Consumer<String> replay, Runnable register) {
    replay.accept(scrollback.text());
    register.run();
  }

  /**
   * After the ticker moved time: while the command runs (no prompt), when the prompt changed, or
   * when the terminal printed something at its prompt ({@code outputPending}: a background job),
   * the REPL shows what the terminal printed since and the prompt ({@link ShellRepl#PUSH}); one
   * push waits at a time, so a REPL busy with a long line is not flooded.
   */
  public void afterTick(String prompt, boolean outputPending) {
    boolean changed = promptSeen != null && !prompt.equals(promptSeen);
    promptSeen = prompt;
    if ((prompt.isEmpty() || changed || outputPending) && pushSent.compareAndSet(false, true)) {
      // never wait for a client's keys here (the session's lock is held): push at the next beat
      if (inputLock.tryLock()) {
        try {
          write(ShellRepl.PUSH, true);
        } finally {
          inputLock.unlock();
        }
      } else {
        pushSent.set(false);
      }
    }
  }

  /** The REPL took the pushed output ({@link dev.ddlab.session.Session#unshownOutput}). */
  public void pushTaken() {
    pushSent.set(false);
  }

  /** Makes the REPL show the session's present prompt again ({@link ShellRepl#REPROMPT}). */
  public void reprompt() {
    inputLock.lock();
    try {
      write(ShellRepl.REPROMPT, true);
    } finally {
      inputLock.unlock();
    }
  }

  /**
   * Replaces the screen with {@code text} (after a rewind: what the terminal showed then) and hands
   * it to the connected browsers as a replay, atomically with respect to output.
   */
  public synchronized void replaceScreen(String text, Consumer<String> replay) {
    scrollback.replace(text);
    replay.accept(scrollback.text());
  }

  private synchronized void emit(String text) {
    if (text.isEmpty()) {
      return;
    }
    if (!budget.take(text.length())) {
      long now = System.nanoTime();
      if (now - droppedNoticeNanos > 1_000_000_000L) {
        droppedNoticeNanos = now;
        String notice =
            "\r\n\u001b[33m[ddlab] Đầu ra quá nhanh: đã bỏ bớt (giới hạn "
                + budget.bytesPerSecond() / 1024
                + " KB/giây mỗi phiên).\u001b[0m\r\n";
        scrollback.append(notice);
        sink.accept(notice);
      }
      return;
    }
    scrollback.append(text);
    sink.accept(text);
  }

  /**
   * Collects the terminal's output and hands it on at each flush, decoded (a UTF-8 character may
   * span two flushes): one chunk, so one WebSocket frame, per flush rather than per byte. JLine's
   * line discipline writes a byte at a time and flushes after each write and each echo, so nothing
   * waits here longer than the write that produced it.
   */
  private final class Printer extends OutputStream {
    private final CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      held.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      held.write(b, off, len);
    }

    @Override
    public synchronized void flush() {
      if (held.size() == 0) {
        return;
      }
      ByteBuffer in = ByteBuffer.allocate(pending.remaining() + held.size());
      in.put(pending).put(held.toByteArray()).flip();
      held.reset();
      CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
      decoder.decode(in, out, false);
      pending = in.slice();
      out.flip();
      emit(out.toString());
    }

    @Override
    public void close() {
      flush();
    }
  }

  /** The line discipline, with a way in for the REPL's own keys that it does not process. */
  private static final class Tty extends LineDisciplineTerminal {
    Tty(String name, String type, OutputStream out, java.nio.charset.Charset cs)
        throws IOException {
      super(name, type, out, cs);
    }

    void control(byte[] keys) throws IOException {
      slaveInputPipe.write(keys);
      slaveInputPipe.flush();
    }
  }
}
