package dev.ddlab.sim.container;

import dev.ddlab.engine.Attachment;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.runtime.OutputEnd;
import dev.ddlab.sim.runtime.Signal;
import dev.ddlab.sim.runtime.SimProc;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The hijacked stream of {@code docker attach}/{@code run}/{@code exec}: output the process writes
 * while attached, and lines typed to its stdin. Ctrl-C (\u0003) on a TTY is SIGINT to the process;
 * Ctrl-D (\u0004) closes its stdin. Everything is synchronous: a write runs the program's reaction
 * before returning.
 *
 * <p>The stream holds at most {@link #CAPACITY} and one write for its client: once it is full, the
 * process's next write waits ({@link #whenWritable}, through its stdout's {@link OutputEnd}) until
 * the client has read, as moby's copy to a hijacked connection blocks on a client that does not
 * read and the process then blocks on its full stdout pipe. So {@code docker run alpine yes} holds
 * 64 KiB for its client however long it runs, not everything it printed.
 */
final class ProcAttachment implements Attachment {
  /** What the stream holds before the process's writes wait: a pipe's 64 KiB. */
  static final int CAPACITY = 64 * 1024;

  private final VirtualClock clock;
  private final Supplier<SimProc> target;
  private final boolean stdin;
  private final boolean tty;
  private final Consumer<ProcAttachment> onClose;
  private final StringBuilder pendingInput = new StringBuilder();
  private final StringBuilder early = new StringBuilder();
  private boolean closeEarly;
  private boolean closed;
  private boolean inputClosed;
  private Integer exitCode;

  /** The process's writes that wait until the client has read (null while none has). */
  private List<Runnable> heldWriters;

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
    output(false, text);
  }

  /**
   * What the process wrote to stdout or stderr (apart once a client asked, {@link #splitStderr}).
   */
  void output(boolean stderr, String text) {
    if (closed || text.isEmpty()) {
      return;
    }
    boolean err = stderr && !tty; // a TTY has one stream
    Piece last = pieces.peekLast();
    if (last != null && last.stderr() == err) {
      last.text().append(text);
    } else {
      pieces.add(new Piece(err, new StringBuilder(text)));
    }
    held += text.length();
  }

  /** Text the process wrote to one of its streams. */
  private record Piece(boolean stderr, StringBuilder text) {}

  /**
   * What the stream holds for its client, in the order written, each piece marked with its stream
   * (without a TTY the daemon's stream carries them apart, as moby's stdcopy frames): the process
   * writes before a client can ask for them apart ({@code sh -c 'echo out; echo err >&2'} has
   * finished within its start), so the marks are kept from the first write.
   */
  private final ArrayDeque<Piece> pieces = new ArrayDeque<>();

  /** The characters {@link #pieces} hold. */
  private int held;

  /** Whether the client reads stderr apart ({@link #splitStderr}). */
  private boolean apart;

  /** The characters the stream holds for its client (stdout and stderr). */
  int buffered() {
    return held;
  }

  /** Whether the process's next write must wait for the client to read. */
  boolean full() {
    return !closed && buffered() >= CAPACITY;
  }

  /**
   * Runs {@code next} once the process may write again: at once unless the stream is full, else
   * when the client has read or the stream has closed (a closed stream drops what comes).
   */
  void whenWritable(Runnable next) {
    if (!full()) {
      next.run();
      return;
    }
    if (heldWriters == null) {
      heldWriters = new ArrayList<>(1);
    }
    heldWriters.add(next);
  }

  private void release() {
    if (heldWriters == null || heldWriters.isEmpty() || full()) {
      return;
    }
    List<Runnable> writers = List.copyOf(heldWriters);
    heldWriters.clear();
    writers.forEach(Runnable::run);
  }

  /**
   * The process's stdout as an exec writes it: into this stream, with its back-pressure (the
   * container's own PID 1 writes through {@link Container#stdout}, to every attached client).
   */
  Consumer<String> stdout() {
    ProcAttachment a = this;
    class Stdout implements Consumer<String>, OutputEnd {
      @Override
      public void accept(String text) {
        a.output(false, text);
      }

      @Override
      public void whenWritable(Runnable next) {
        a.whenWritable(next);
      }
    }
    return new Stdout();
  }

  @Override
  public boolean splitStderr() {
    if (tty) {
      return false;
    }
    apart = true;
    return true;
  }

  /** The pieces of one stream taken out of {@link #pieces} (the other's stay, in their order). */
  private String take(boolean stderr) {
    StringBuilder sb = new StringBuilder();
    for (Iterator<Piece> it = pieces.iterator(); it.hasNext(); ) {
      Piece p = it.next();
      if (p.stderr() == stderr) {
        sb.append(p.text());
        held -= p.text().length();
        it.remove();
      }
    }
    release();
    return sb.toString();
  }

  @Override
  public String readStderr() {
    return apart ? take(true) : "";
  }

  @Override
  public int read(Consumer<String> out, Consumer<String> err) {
    if (!apart) {
      String text = read();
      if (!text.isEmpty()) {
        out.accept(text);
      }
      return text.length();
    }
    deliverEarly();
    int n = held;
    List<Piece> all = List.copyOf(pieces);
    pieces.clear();
    held = 0;
    release();
    for (Piece p : all) {
      (p.stderr() ? err : out).accept(p.text().toString());
    }
    return n;
  }

  /** The attached process ended with this status; the stream closes. */
  void exited(int status) {
    if (!closed) {
      exitCode = status;
      closed = true;
      onClose.accept(this);
      release();
    }
  }

  /** The stream ended without an exit status (the container was removed, the daemon stopped). */
  void hangUp() {
    if (!closed) {
      closed = true;
      onClose.accept(this);
      release();
    }
  }

  @Override
  public String read() {
    deliverEarly();
    if (apart) {
      return take(false);
    }
    String s;
    if (pieces.size() <= 1) {
      Piece p = pieces.poll();
      s = p == null ? "" : p.text().toString();
    } else {
      StringBuilder sb = new StringBuilder(held);
      pieces.forEach(p -> sb.append(p.text()));
      pieces.clear();
      s = sb.toString();
    }
    held = 0;
    release();
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

  /**
   * Follows the process for {@code max} of virtual time, handing {@code out} what it prints each
   * time the stream is full or closes, so the process is never held back longer than a read.
   */
  @Override
  public boolean follow(Duration max, Consumer<String> out) {
    return follow(max, out, out);
  }

  /** As {@link #follow(Duration, Consumer)}, stderr to {@code err} once it is apart. */
  @Override
  public boolean follow(Duration max, Consumer<String> out, Consumer<String> err) {
    deliverEarly();
    long end = clock.nowNanos() + max.toNanos();
    while (true) {
      clock.advanceUntil(
          () -> closed || full(), Duration.ofNanos(Math.max(0, end - clock.nowNanos())));
      int n = read(out, err);
      if (closed) {
        return exitCode != null;
      }
      if (n == 0) {
        return false; // the time is up (or the line's budget is spent)
      }
    }
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
