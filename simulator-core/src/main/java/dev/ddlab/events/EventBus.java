package dev.ddlab.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Delivers {@link SimEvent}s synchronously, in publish order, to subscribers of a type, and keeps a
 * bounded history for {@code docker events --since}. Subscribers (visualisers, transcripts, lab
 * checks) must not change simulation state from inside a callback.
 */
public final class EventBus {
  private final int historyLimit;
  // A ring: dropping the oldest event is O(1), so publishing stays cheap at the limit.
  private final ArrayDeque<SimEvent> history = new ArrayDeque<>();
  private final List<Subscription<?>> subscriptions = new CopyOnWriteArrayList<>();

  public EventBus() {
    this(10_000);
  }

  public EventBus(int historyLimit) {
    this.historyLimit = historyLimit;
  }

  private long published;

  /** Events kept in the history so far: moves whenever what {@link #newestFirst} walks changes. */
  public long published() {
    return published;
  }

  public void publish(SimEvent event) {
    published++;
    history.addLast(event);
    if (history.size() > historyLimit) {
      history.pollFirst();
    }
    for (Subscription<?> s : subscriptions) {
      s.offer(event);
    }
  }

  /**
   * Delivers {@code event} to subscribers without keeping it in the history: for high-rate events
   * only animations follow (packets on a wire), which would otherwise push out what {@code docker
   * events --since} reads.
   */
  public void publishTransient(SimEvent event) {
    for (Subscription<?> s : subscriptions) {
      s.offer(event);
    }
  }

  /** Subscribes to events of {@code type} (and its subtypes); close the handle to stop. */
  public <T extends SimEvent> AutoCloseable subscribe(Class<T> type, Consumer<? super T> listener) {
    Subscription<T> s = new Subscription<>(type, listener);
    subscriptions.add(s);
    return () -> subscriptions.remove(s);
  }

  /** Events of {@code type} still in the history, oldest first. */
  public <T extends SimEvent> List<T> history(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (SimEvent e : history) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  /**
   * Events of {@code type} still in the history, newest first, read in place: {@code docker events
   * --since} stops after a node's last 256, so it need not copy the whole history (up to 10,000
   * events of every node) first.
   */
  public <T extends SimEvent> Iterable<T> newestFirst(Class<T> type) {
    return () ->
        new java.util.Iterator<T>() {
          private final java.util.Iterator<SimEvent> all = history.descendingIterator();
          private T next = advance();

          private T advance() {
            while (all.hasNext()) {
              SimEvent e = all.next();
              if (type.isInstance(e)) {
                return type.cast(e);
              }
            }
            return null;
          }

          @Override
          public boolean hasNext() {
            return next != null;
          }

          @Override
          public T next() {
            if (next == null) {
              throw new java.util.NoSuchElementException();
            }
            T e = next;
            next = advance();
            return e;
          }
        };
  }

  private record Subscription<T extends SimEvent>(Class<T> type, Consumer<? super T> listener) {
    void offer(SimEvent e) {
      if (type.isInstance(e)) {
        listener.accept(type.cast(e));
      }
    }
  }
}
