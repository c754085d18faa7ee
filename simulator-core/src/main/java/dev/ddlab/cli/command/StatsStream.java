package dev.ddlab.cli.command;

import dev.ddlab.cli.formatter.Refs;
import dev.ddlab.cli.formatter.StatsRows;
import dev.ddlab.engine.Attachment;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerStats;
import dev.ddlab.engine.dto.EventMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code docker stats} while it streams: a stats subscription per container, and the table redrawn
 * on a cleared screen ({@code ESC[2J ESC[H}, as docker/cli does) whenever new samples came, until
 * Ctrl-C closes it. Without container names it follows the daemon's events as docker/cli does: a
 * container that starts joins the table, one that dies leaves it (unless {@code -a}), one removed
 * leaves it. Samples may come from another thread (a real engine's stream), hence the locking.
 */
final class StatsStream implements Attachment {
  static final String CLEAR_SCREEN = "\033[2J\033[H";

  private final Engine engine;
  private final Function<List<StatsRows.Figures>, String> table;
  private final Map<String, AutoCloseable> subscriptions = new LinkedHashMap<>();
  private final Map<String, StatsRows.Figures> latest = new LinkedHashMap<>();
  private final List<String> errors = new ArrayList<>();
  private AutoCloseable events;
  private boolean dirty;
  private boolean closed;
  private Integer exitCode;

  StatsStream(
      Engine engine,
      List<String> names,
      boolean follow,
      boolean all,
      Function<List<StatsRows.Figures>, String> table) {
    this.engine = engine;
    this.table = table;
    if (follow) {
      events = engine.system().subscribe(Map.of("type", List.of("container")), e -> event(e, all));
    }
    for (String n : names) {
      try {
        add(n);
      } catch (EngineException e) {
        errors.add(DockerCommand.itemError(e));
      }
    }
  }

  /** The daemon's answers to the names given, when they were errors. */
  List<String> errors() {
    return List.copyOf(errors);
  }

  private synchronized void add(String name) {
    if (closed || subscriptions.containsKey(name)) {
      return;
    }
    subscriptions.put(name, null); // the first sample comes before statsStream returns
    try {
      subscriptions.put(name, engine.containers().statsStream(name, s -> sample(name, s)));
    } catch (EngineException e) {
      subscriptions.remove(name);
      throw e;
    }
  }

  private synchronized void sample(String name, ContainerStats s) {
    if (!closed && subscriptions.containsKey(name)) {
      latest.put(name, StatsRows.figures(name, s));
      dirty = true;
    }
  }

  private synchronized void remove(String name) {
    AutoCloseable sub = subscriptions.remove(name);
    quietly(sub);
    if (latest.remove(name) != null) {
      dirty = true;
    }
  }

  private void event(EventMessage e, boolean all) {
    if (e.id() == null) {
      return;
    }
    String name = Refs.truncateId(e.id());
    switch (e.action() == null ? "" : e.action()) {
      case "start" -> {
        try {
          add(name);
        } catch (EngineException gone) {
          // removed again before we asked: nothing to show
        }
      }
      case "die" -> {
        if (!all) {
          remove(name);
        }
      }
      case "destroy" -> remove(name);
      default -> {}
    }
  }

  @Override
  public synchronized String read() {
    if (!dirty || closed) {
      return "";
    }
    dirty = false;
    try {
      return CLEAR_SCREEN + table.apply(new ArrayList<>(latest.values()));
    } catch (CliException e) {
      // a template that fails on a row ends the command, as docker/cli's loop breaks
      String text = e.getMessage() + "\n";
      exitCode = 1;
      close();
      return text;
    }
  }

  @Override
  public synchronized void write(String input) {
    // docker stats reads no input; Ctrl-C (SIGINT from the terminal) ends it at once
    if (input.contains("\u0003")) {
      exitCode = 130;
      close();
    }
  }

  @Override
  public boolean awaitExit(Duration max) {
    return closed;
  }

  @Override
  public synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public Integer exitCode() {
    return exitCode;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    quietly(events);
    subscriptions.values().forEach(StatsStream::quietly);
    subscriptions.clear();
  }

  private static void quietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // the subscription is gone either way
    }
  }
}
