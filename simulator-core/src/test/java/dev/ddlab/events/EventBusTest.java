package dev.ddlab.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBusTest {
  record Tick(long timeNanos, String node) implements SimEvent {}

  @Test
  void history_keeps_the_newest_events_in_publish_order_up_to_its_limit() {
    EventBus bus = new EventBus(3);
    for (int i = 1; i <= 5; i++) {
      bus.publish(new Tick(i, "node1"));
    }
    assertEquals(
        List.of(3L, 4L, 5L), bus.history(Tick.class).stream().map(Tick::timeNanos).toList());
  }

  record Tock(long timeNanos, String node) implements SimEvent {}

  @Test
  void newest_first_walks_the_events_of_a_type_from_the_latest_back() {
    EventBus bus = new EventBus(4);
    bus.publish(new Tick(1, "node1"));
    bus.publish(new Tick(2, "node1"));
    bus.publish(new Tock(3, "node1"));
    bus.publish(new Tick(4, "node1"));
    bus.publish(new Tock(5, "node1"));
    List<Long> seen = new ArrayList<>();
    for (Tick t : bus.newestFirst(Tick.class)) {
      seen.add(t.timeNanos());
    }
    assertEquals(List.of(4L, 2L), seen);
    assertEquals(5L, bus.newestFirst(Tock.class).iterator().next().timeNanos());
  }

  @Test
  void subscribers_get_events_of_their_type_until_they_close_the_handle() throws Exception {
    EventBus bus = new EventBus();
    List<Long> seen = new ArrayList<>();
    AutoCloseable handle = bus.subscribe(Tick.class, t -> seen.add(t.timeNanos()));
    bus.publish(new Tick(1, "node1"));
    handle.close();
    bus.publish(new Tick(2, "node1"));
    assertEquals(List.of(1L), seen);
  }
}
