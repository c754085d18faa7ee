package dev.ddlab.sim.container;

import dev.ddlab.engine.Attachment;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.runtime.Signal;
import dev.ddlab.sim.runtime.SimProc;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The hijacked stream of {@code docker attach}/{@code run}/{@code exec}: output the process writes
 * while attached, and lines typed to its stdin. Ctrl-C (\u0003) on a TTY is SIGINT to the process;
 * Ctrl-D (\u0004) closes its stdin. Everything is synchronous: a write runs the program's reaction
 * before returning.
 */
final class ProcAttachment implements Attachment {
  private final VirtualClock clock;
  private final Supplier<SimProc> target;
  private final boolean stdin;
  private final boolean tty;
  private final Consumer<ProcAttachment> onClose;
  private final StringBuilder buffer = new StringBuilder();
  private final StringBuilder pendingInput = new StringBuilder();
  private final StringBuilder early = new StringBuilder();
  private boolean closeEarly;
  private boolean closed;
  private boolean inputClosed;
  private Integer exitCode;

  ProcAttachment(
      VirtualClock clock,
      Supplier<SimProc> target,
      boolean stdin,
      boolean tty,
      Consumer<ProcAttachment> onClose) {
    this.clock = clock;
    this.target = target;
    this.stdin = stdin;
    this.tty = tty;
    this.onClose = onClose;
  }

  void output(String text) {
    if (!closed) {
      buffer.append(text);
    }
  }

  /**
   * What the process wrote to stdout or stderr (apart once a client asked, {@link #splitStderr}).
   */
  void output(boolean stderr, String text) {
    if (!closed) {
      (stderr && errors != null ? errors : buffer).append(text);
    }
  }

  /** Stderr kept apart for a client that is not a terminal; null while merged. */
  private StringBuilder errors;

  @Override
  public boolean splitStderr() {
    if (tty) {
      return false;
    }
    if (errors == null) {
      errors = new StringBuilder();
    }
    return true;
  }

  @Override
  public String readStderr() {
    if (errors == null) {
      return "";
    }
    String s = errors.toString();
    errors.setLength(0);
    return s;
  }

  /** The attached process ended with this status; the stream closes. */
  void exited(int status) {
    if (!closed) {
      exitCode = status;
      closed = true;
      onClose.accept(this);
    }
  }

  /** The stream ended without an exit status (the container was removed, the daemon stopped). */
  void hangUp() {
    if (!closed) {
      closed = true;
      onClose.accept(this);
    }
  }

  @Override
  public String read() {
    deliverEarly();
    String s = buffer.toString();
    buffer.setLength(0);
    return s;
  }

  @Override
  public void write(String input) {
    if (closed || !stdin || inputClosed) {
      return;
    }
    if (target.get() == null) {
      early.append(input); // attached before start: the daemon's stdin pipe holds it
      return;
    }
    deliverEarly();
    type(input);
  }

  /**
   * Input sent before the process existed (a client that attaches, sends its piped stdin and closes
   * it before {@code start}, as docker run -i may): handed to the process once it runs, as the
   * container's stdin pipe would, so neither the bytes nor their end are lost.
   */
  private void deliverEarly() {
    if ((early.length() == 0 && !closeEarly) || target.get() == null) {
      return;
    }
    String s = early.toString();
    early.setLength(0);
    boolean close = closeEarly;
    closeEarly = false;
    type(s);
    if (close) {
      endInput();
    }
  }

  private void type(String input) {
    for (int i = 0; i < input.length(); i++) {
      char ch = input.charAt(i);
      SimProc p = target.get();
      if (p == null) {
        return;
      }
      if (ch == '\n') {
        String line = pendingInput.toString();
        pendingInput.setLength(0);
        p.input(line);
      } else if (ch == '\u0004') {
        if (pendingInput.length() > 0) {
          String line = pendingInput.toString();
          pendingInput.setLength(0);
          p.input(line);
        } else {
          p.closeInput();
        }
      } else if (ch == '\u0003' && tty) {
        pendingInput.setLength(0);
        p.signal(Signal.SIGINT);
      } else if (ch != '\r') {
        pendingInput.append(ch);
      }
    }
  }

  @Override
  public void closeInput() {
    if (closed || !stdin || inputClosed) {
      return;
    }
    inputClosed = true;
    if (target.get() == null) {
      closeEarly = true;
      return;
    }
    deliverEarly();
    endInput();
  }

  private void endInput() {
    SimProc p = target.get();
    if (pendingInput.length() > 0) {
      String line = pendingInput.toString(); // a last line without its newline, as it is
      pendingInput.setLength(0);
      p.feed(line);
    }
    p.closeInput();
  }

  @Override
  public String prompt() {
    SimProc p = target.get();
    return closed || p == null ? "" : p.prompt();
  }

  /** The input is a pipe the CLI pumps ({@link #pipedInput}), not the terminal. */
  private boolean piped;

  @Override
  public void pipedInput() {
    piped = true;
  }

  /**
   * Whether the process waits for a line the learner types: its stdin is attached and is the
   * terminal, not a pipe that delivers as time passes.
   */
  @Override
  public boolean readingInput() {
    SimProc p = target.get();
    return stdin && !piped && !closed && p != null && p.readingInput();
  }

  /** Only a TTY's echo is the process's to turn off: without one the client's terminal echoes. */
  @Override
  public boolean echoes() {
    SimProc p = target.get();
    return !tty || closed || p == null || (p.pty() == null || p.pty().echo()) && p.echoes();
  }

  /**
   * The client's terminal resized: the process's tty does, and it gets SIGWINCH when the size
   * changed (the kernel signals only a change). The first size of a tty that had none (an exec's,
   * which the CLI sizes right after the start) is the one its process starts with: no signal.
   */
  @Override
  public void resize(int columns, int rows) {
    SimProc p = target.get();
    if (tty && !closed && p != null) {
      dev.ddlab.sim.runtime.Pty pty = p.pty();
      boolean sized = pty == null || pty.rows() != 0 || pty.columns() != 0;
      if ((pty == null || pty.resize(rows, columns)) && sized) {
        p.signal(Signal.SIGWINCH);
      }
    }
  }

  @Override
  public boolean awaitExit(Duration max) {
    deliverEarly();
    return clock.advanceUntil(() -> closed, max) && exitCode != null;
  }

  @Override
  public boolean inSessionTime() {
    return true;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public Integer exitCode() {
    return exitCode;
  }

  /** The client hangs up: the same end of the stream as the daemon's {@link #hangUp}. */
  @Override
  public void close() {
    hangUp();
  }
}
