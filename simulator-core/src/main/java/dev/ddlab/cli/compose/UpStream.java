package dev.ddlab.cli.compose;

import dev.ddlab.cli.command.DockerCommand;
import dev.ddlab.cli.compose.loader.ComposeException;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.EngineException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code docker compose up} while it waits for a {@code depends_on} condition or for {@code
 * --wait}: the terminal's foreground stream. Each look (after an engine event) lets {@link
 * ComposeStart} go on; when everything is started the progress display shows its last frame and the
 * command ends (detached) or becomes the log stream of the project's containers. A dependency that
 * failed ends it with compose's error (status 1); Ctrl-C ends it with 130 and leaves what was
 * started running.
 */
final class UpStream implements Attachment {
  private final ComposeStart start;
  private final Progress progress;
  private final Consumer<String> warn;
  private final Function<Consumer<String>, Attachment> then;
  private final StringBuilder pending;
  private Attachment next;
  private boolean closed;
  private Integer exitCode;

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
  }

  private void step() {
    if (closed || next != null) {
      return;
    }
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

  @Override
  public String prompt() {
    return next == null ? "" : next.prompt();
  }

  @Override
  public boolean awaitExit(Duration max) {
    step();
    return next == null ? closed : next.awaitExit(max);
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
  }
}
