package dev.ddlab.cli.compose;

import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.dto.ContainerState;
import dev.ddlab.engine.dto.ContainerSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal side of a foreground {@code docker compose up} or {@code logs -f}: every container's
 * output, interleaved as it comes, each line prefixed by the container's name. A container that
 * exits prints {@code name exited with code N}; when all have exited the command ends. Ctrl-C
 * during {@code up} stops the project's containers ({@code Gracefully stopping...}) and ends with
 * 130; during {@code logs -f} it just ends.
 */
final class ComposeAttachment implements Attachment {
  private final Engine engine;
  private final List<String> ids = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final List<Attachment> streams = new ArrayList<>();
  private final boolean[] reported;
  private final LogPrinter printer;
  private final boolean stopOnInterrupt;
  private final java.util.function.Function<java.util.function.Consumer<String>, Progress> progress;
  private final Integer timeout;
  private final StringBuilder pending = new StringBuilder();
  private boolean closed;
  private Integer exitCode;

  ComposeAttachment(
      Engine engine,
      List<ContainerSummary> containers,
      LogPrinter printer,
      boolean stopOnInterrupt,
      java.util.function.Function<java.util.function.Consumer<String>, Progress> progress,
      Integer timeout) {
    this.engine = engine;
    this.printer = printer;
    this.stopOnInterrupt = stopOnInterrupt;
    this.progress = progress;
    this.timeout = timeout;
    for (ContainerSummary c : containers) {
      ids.add(c.id());
      names.add(ComposeService.name(c));
      ContainerState state = engine.containers().inspect(c.id()).state();
      // A container that already exited (before the command could attach) reports its exit.
      streams.add(
          state.running()
              ? engine.containers().attach(c.id(), false)
              : new Exited(state.exitCode()));
    }
    this.reported = new boolean[streams.size()];
    poll();
  }

  /** Collects what the containers printed, and the exits. */
  private void poll() {
    boolean all = true;
    for (int i = 0; i < streams.size(); i++) {
      Attachment a = streams.get(i);
      String text = a.read();
      if (!text.isEmpty()) {
        pending.append(printer.lines(names.get(i), text));
      }
      if (a.isClosed()) {
        if (!reported[i]) {
          reported[i] = true;
          Integer code = a.exitCode();
          if (stopOnInterrupt) {
            pending
                .append(names.get(i))
                .append(" exited with code ")
                .append(code == null ? 0 : code)
                .append('\n');
          }
        }
      } else {
        all = false;
      }
    }
    if (all && !closed) {
      closed = true;
      if (exitCode == null) {
        exitCode = 0;
      }
    }
  }

  @Override
  public String read() {
    poll();
    String s = pending.toString();
    pending.setLength(0);
    return s;
  }

  /** SIGINT or SIGTERM to compose (kill %1 of {@code up &}): the same as Ctrl-C. */
  @Override
  public boolean interrupt() {
    write("\u0003");
    return true;
  }

  @Override
  public void write(String input) {
    if (closed || !input.contains("\u0003")) {
      return;
    }
    if (!stopOnInterrupt) {
      close();
      exitCode = 130;
      return;
    }
    pending.append("Gracefully stopping... (press Ctrl+C again to force)\n");
    Progress stopping = progress.apply(pending::append);
    List<dev.ddlab.engine.Pending<Void>> stops = new ArrayList<>();
    for (int i = ids.size() - 1; i >= 0; i--) {
      if (!streams.get(i).isClosed()) {
        stopping.working("Container " + names.get(i), "Stopping");
        stops.add(engine.containers().stopAsync(ids.get(i), null, timeout));
      }
    }
    for (dev.ddlab.engine.Pending<Void> p : stops) {
      p.await(Duration.ofMinutes(5));
    }
    for (int i = ids.size() - 1; i >= 0; i--) {
      stopping.done("Container " + names.get(i), "Stopped");
    }
    poll();
    stopping.finish();
    for (Attachment a : streams) {
      a.close();
    }
    closed = true;
    exitCode = 130;
  }

  @Override
  public boolean awaitExit(Duration max) {
    if (closed) {
      return true;
    }
    for (int i = 0; i < streams.size(); i++) {
      Attachment a = streams.get(i);
      String name = names.get(i);
      if (!a.isClosed()) {
        // read while waiting: a stream holds a bounded buffer and its process waits while it is
        // full
        a.follow(max, text -> pending.append(printer.lines(name, text)));
      }
    }
    poll();
    return closed;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public Integer exitCode() {
    return closed ? exitCode : null;
  }

  @Override
  public void close() {
    for (Attachment a : streams) {
      a.close();
    }
    closed = true;
  }

  /** The stream of a container that had exited before compose attached: closed, with its code. */
  private record Exited(int code) implements Attachment {
    @Override
    public String read() {
      return "";
    }

    @Override
    public void write(String input) {}

    @Override
    public boolean awaitExit(Duration max) {
      return true;
    }

    @Override
    public boolean isClosed() {
      return true;
    }

    @Override
    public Integer exitCode() {
      return code;
    }

    @Override
    public void close() {}
  }
}
