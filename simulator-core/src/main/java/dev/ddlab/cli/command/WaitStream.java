package dev.ddlab.cli.command;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.ContainersApi;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.Pending;
import dev.ddlab.engine.dto.WaitResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code docker wait A B …} as docker/cli's runWait does it: one container after the other, a wait
 * request each, its exit code printed when it answers; errors are collected and printed at the end
 * (status 1). While a container still runs this is the terminal's foreground stream: it closes when
 * the last answer came, and Ctrl-C closes it without touching the containers.
 */
final class WaitStream implements Attachment {
  private final ContainersApi containers;
  private final Iterator<String> names;
  private final StringBuilder pending = new StringBuilder();
  private final List<String> errors = new ArrayList<>();
  private Pending<WaitResponse> current;
  private boolean finished;
  private boolean errorsShown;
  private boolean closed;

  WaitStream(ContainersApi containers, List<String> names) {
    this.containers = containers;
    this.names = List.copyOf(names).iterator();
  }

  /** Takes every answer already there and sends the next requests; true when all are answered. */
  private boolean step() {
    while (!finished && !closed) {
      if (current == null) {
        if (!names.hasNext()) {
          finished = true;
          break;
        }
        try {
          current = containers.waitAsync(names.next(), "not-running");
        } catch (EngineException e) {
          failed(e);
        }
        continue;
      }
      if (!current.isDone()) {
        return false;
      }
      try {
        pending.append(current.get().statusCode()).append('\n');
      } catch (EngineException e) {
        failed(e);
      }
      current = null;
    }
    return finished;
  }

  private void failed(EngineException e) {
    errors.add(DockerCommand.itemError(e));
  }

  /** The exit codes printed so far (stdout). */
  String output() {
    step();
    String s = pending.toString();
    pending.setLength(0);
    return s;
  }

  /** The collected errors, one per line, once all containers were waited for. */
  List<String> errors() {
    return List.copyOf(errors);
  }

  @Override
  public String read() {
    String s = output();
    if (finished && !errorsShown && !errors.isEmpty()) {
      errorsShown = true;
      s += String.join("\n", errors) + "\n";
    }
    return s;
  }

  @Override
  public void write(String input) {
    // docker wait reads no input
  }

  @Override
  public boolean awaitExit(Duration max) {
    while (!step()) {
      if (closed || !current.await(max)) {
        return finished;
      }
    }
    return true;
  }

  @Override
  public boolean isClosed() {
    return closed || step();
  }

  @Override
  public Integer exitCode() {
    if (!step()) {
      return null;
    }
    return errors.isEmpty() ? 0 : 1;
  }

  @Override
  public void close() {
    if (!closed && !finished && current != null) {
      current.cancel();
    }
    closed = true;
  }
}
