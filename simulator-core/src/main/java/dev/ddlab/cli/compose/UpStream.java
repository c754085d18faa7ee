package dev.ddlab.cli.compose;

import dev.ddlab.cli.command.DockerCommand;
import dev.ddlab.cli.compose.loader.ComposeException;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.SystemApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code docker compose up} while it waits for a {@code depends_on} condition or for {@code
 * --wait}: the terminal's foreground stream. It looks again (lets {@link ComposeStart} go on) only
 * after a container event (a health status, an exit, a start), which is when a condition can
 * change, not at every clock event; without a terminal ({@link #awaitExit}) it waits on the
 * engine's clock in compose's 500 ms ticks. When everything is started the progress display shows
 * its last frame and the command ends (detached) or becomes the log stream of the project's
 * containers. A dependency that failed ends it with compose's error (status 1); Ctrl-C ends it with
 * 130 and leaves what was started running.
 */
final class UpStream implements Attachment {
  private final ComposeStart start;
  private final Progress progress;
  private final Consumer<String> warn;
  private final Function<Consumer<String>, Attachment> then;
  private final StringBuilder pending;
  private final SystemApi system;
  private final AutoCloseable events;
  private volatile boolean changed = true;
  private Attachment next;
  private boolean closed;
  private Integer exitCode;

  /** compose's ticker while it polls a dependency. */
  static final Duration TICK = Duration.ofMillis(500);

  /**
   * @param pending where the progress display writes from now on (this stream's output)
   * @param then what follows a successful start (the log stream, given where to print "Attaching to
   *     …"), or null when detached
   */
  UpStream(
      ComposeStart start,
      Progress progress,
      StringBuilder pending,
      Consumer<String> warn,
      Function<Consumer<String>, Attachment> then) {
    this.start = start;
    this.progress = progress;
    this.pending = pending;
    this.warn = warn;
    this.then = then;
    this.system = start.engine().system();
    // a real engine's events come on another thread: the flag is only a hint to look again
    this.events = system.subscribe(Map.of("type", List.of("container")), e -> changed = true);
  }

  private void step() {
    if (closed || next != null || !(changed || start.overdue())) {
      return;
    }
    changed = false;
    try {
      if (!start.advance()) {
        progress.redraw();
        return;
      }
      progress.finish();
      start.takeWarnings().forEach(warn);
      if (then == null) {
        end(0);
      } else {
        unsubscribe();
        next = then.apply(pending::append);
      }
    } catch (ComposeException | EngineException e) {
      progress.finish();
      start.takeWarnings().forEach(warn);
      String message =
          e instanceof EngineException ee ? DockerCommand.daemonError(ee) : e.getMessage();
      pending.append(message).append('\n');
      end(1);
    }
  }

  private void end(int code) {
    exitCode = code;
    closed = true;
    unsubscribe();
  }

  private void unsubscribe() {
    try {
      events.close();
    } catch (Exception e) {
      // the subscription is gone either way
    }
  }

  @Override
  public String read() {
    step();
    String s = pending.toString();
    pending.setLength(0);
    return next == null ? s : s + next.read();
  }

  @Override
  public void write(String input) {
    if (next != null) {
      next.write(input);
      return;
    }
    if (input.contains("\u0003")) {
      end(130);
    }
  }

  /** SIGINT or SIGTERM to compose (kill %1 of {@code up &}): the same as Ctrl-C. */
  @Override
  public boolean interrupt() {
    write("\u0003");
    return true;
  }

  @Override
  public String prompt() {
    return next == null ? "" : next.prompt();
  }

  /**
   * Without a terminal to pace it (ssh, a command substitution): lets the engine's clock run in
   * compose's ticks until the start is done or {@code max} has passed.
   */
  @Override
  public boolean awaitExit(Duration max) {
    long end = system.nowNanos() + max.toNanos();
    step();
    while (next == null && !closed) {
      long left = end - system.nowNanos();
      Pending<Void> tick = system.after(TICK);
      if (left <= 0 || !tick.await(Duration.ofNanos(left))) {
        tick.cancel();
        return false;
      }
      step();
    }
    return next == null || next.awaitExit(Duration.ofNanos(Math.max(0, end - system.nowNanos())));
  }

  @Override
  public boolean isClosed() {
    step();
    return next == null ? closed : next.isClosed();
  }

  @Override
  public Integer exitCode() {
    return next == null ? exitCode : next.exitCode();
  }

  @Override
  public void close() {
    if (next != null) {
      next.close();
    }
    closed = true;
    unsubscribe();
  }
}
