package dev.ddlab.cli.command;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.SystemApi;
import dev.ddlab.engine.dto.EventMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code docker events} while it follows the daemon: an {@link Attachment} whose output is one line
 * per event as it happens (none for an event {@code format} maps to null: {@code docker compose
 * events} skips some); it ends only when the terminal closes it (Ctrl-C).
 */
public final class EventStream implements Attachment {
  private final StringBuilder pending = new StringBuilder();
  private final AutoCloseable subscription;
  private boolean closed;

  public EventStream(
      SystemApi system, Map<String, List<String>> filters, Function<EventMessage, String> format) {
    this.subscription =
        system.subscribe(
            filters,
            e -> {
              String line = format.apply(e);
              if (line != null) {
                pending.append(line).append('\n');
              }
            });
  }

  @Override
  public String read() {
    String s = pending.toString();
    pending.setLength(0);
    return s;
  }

  @Override
  public void write(String input) {
    // docker events reads no input
  }

  @Override
  public boolean awaitExit(Duration max) {
    return closed;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public Integer exitCode() {
    return null;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      subscription.close();
    } catch (Exception e) {
      // the subscription is gone either way
    }
  }
}
