package dev.ddlab.cli.compose;

import dev.ddlab.cli.formatter.InPlace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Compose v2's progress display ({@code pkg/progress}) on stderr. On a terminal it is the tty
 * writer's last frame: {@code [+] Running 4/4}, then one line per resource, {@code ✔ Network x
 * Created} with the status column aligned and the elapsed time at the right edge, coloured as
 * compose colours them. Elsewhere it is the plain writer: one line per event as it happens ({@code
 * Network x Creating}, {@code Network x Created}). Times are the engine's clock.
 */
final class Progress {
  enum Status {
    WORKING,
    DONE,
    WARNING,
    ERROR
  }

  private static final class Event {
    final String id;
    Status status;
    String text;
    final long start;
    long end;

    Event(String id, Status status, String text, long start) {
      this.id = id;
      this.status = status;
      this.text = text;
      this.start = start;
      this.end = start;
    }
  }

  private final Map<String, Event> events = new LinkedHashMap<>();
  private final Consumer<String> err;
  private final boolean tty;
  private final int width;
  private final LongSupplier clock;
  private final String title;

  /** The frames drawn on the terminal (a redraw moves the cursor back over the last one). */
  private final InPlace screen = new InPlace();

  /** Whether an event changed since the last frame. */
  private boolean changed;

  Progress(Consumer<String> err, boolean tty, int width, LongSupplier clock, String title) {
    this.err = err;
    this.tty = tty;
    this.width = width <= 0 ? 80 : width;
    this.clock = clock;
    this.title = title;
  }

  void working(String id, String text) {
    event(id, Status.WORKING, text);
  }

  void done(String id, String text) {
    event(id, Status.DONE, text);
  }

  void warning(String id, String text) {
    event(id, Status.WARNING, text);
  }

  void error(String id, String text) {
    event(id, Status.ERROR, text);
  }

  void event(String id, Status status, String text) {
    long now = clock.getAsLong();
    Event e = events.get(id);
    if (e == null) {
      events.put(id, new Event(id, status, text, now));
    } else {
      e.status = status;
      e.text = text;
      if (status != Status.WORKING) {
        e.end = now;
      }
    }
    changed = true;
    if (!tty) {
      err.accept(" " + id + "  " + text + "\n");
    }
  }

  /**
   * On a terminal, while the work goes on (compose up waiting for a health check): draws the
   * current frame over the previous one, as compose's tty writer redraws in place; nothing when no
   * event changed since.
   */
  void redraw() {
    if (!tty || events.isEmpty() || !changed) {
      return;
    }
    draw();
  }

  private void draw() {
    err.accept(screen.frame(frame()));
    changed = false;
  }

  /** The tty writer's final frame (nothing for the plain writer, which printed as it went). */
  void finish() {
    if (!tty || events.isEmpty()) {
      return;
    }
    draw();
    events.clear();
    screen.reset();
  }

  private String frame() {
    int done = 0;
    int pad = 0;
    for (Event e : events.values()) {
      if (e.status != Status.WORKING) {
        done++;
      }
      pad = Math.max(pad, e.id.length() + 1);
    }
    StringBuilder b = new StringBuilder();
    String first = "[+] " + title + " " + done + "/" + events.size();
    b.append(done == events.size() ? blue(first) : first).append('\n');
    for (Event e : events.values()) {
      String txt = e.id + " ";
      String mark =
          switch (e.status) {
            case DONE -> "\u001b[32m✔\u001b[0m";
            case ERROR -> "\u001b[31m\u001b[1m✘\u001b[0m";
            case WARNING -> "\u001b[33m\u001b[1m!\u001b[0m";
            case WORKING -> "\u001b[33m⠿\u001b[0m";
          };
      String status =
          switch (e.status) {
            case DONE -> "\u001b[32m" + e.text + "\u001b[0m";
            case ERROR -> "\u001b[31m\u001b[1m" + e.text + "\u001b[0m";
            case WARNING -> "\u001b[33m\u001b[1m" + e.text + "\u001b[0m";
            case WORKING -> e.text;
          };
      String left =
          " " + mark + " " + txt + " ".repeat(Math.max(0, pad - txt.length())) + " " + status;
      long nanos = (e.status == Status.WORKING ? clock.getAsLong() : e.end) - e.start;
      String timer = String.format(java.util.Locale.ROOT, "%.1fs ", nanos / 1e9);
      int gap = width - visible(left) - timer.length();
      b.append(left)
          .append(" ".repeat(Math.max(0, gap)))
          .append("\u001b[34m")
          .append(timer)
          .append("\u001b[0m")
          .append('\n');
    }
    return b.toString();
  }

  private static String blue(String s) {
    return "\u001b[34m" + s + "\u001b[0m";
  }

  /** Characters a terminal shows (ANSI colour sequences take no room). */
  static int visible(String s) {
    int n = 0;
    boolean esc = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\u001b') {
        esc = true;
      } else if (esc) {
        if (c == 'm') {
          esc = false;
        }
      } else {
        n++;
      }
    }
    return n;
  }
}
