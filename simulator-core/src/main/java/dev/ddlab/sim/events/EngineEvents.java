package dev.ddlab.sim.events;

import dev.ddlab.engine.dto.EventActor;
import dev.ddlab.engine.dto.EventMessage;
import dev.ddlab.events.EngineEvent;
import dev.ddlab.events.EventBus;
import dev.ddlab.sim.clock.VirtualClock;
import java.util.Map;

/**
 * Publishes one node's Engine API events ({@code docker events}) on the bus, stamped with virtual
 * time. Container events also carry the legacy {@code status}, {@code id} and {@code from} fields
 * the API still sends.
 */
public final class EngineEvents {
  private final EventBus bus;
  private final VirtualClock clock;
  private final String node;

  public EngineEvents(EventBus bus, VirtualClock clock, String node) {
    this.bus = bus;
    this.clock = clock;
    this.node = node;
  }

  /** The bus the events go on (the node's other simulation events are published there too). */
  public EventBus bus() {
    return bus;
  }

  public String node() {
    return node;
  }

  public void container(String action, String id, String image, Map<String, String> attributes) {
    publish(
        new EventMessage(
            action, id, image, "container", action, new EventActor(id, attributes), "local", 0, 0));
  }

  /** Events of other types: network, volume, image, daemon. */
  public void emit(String type, String action, String actorId, Map<String, String> attributes) {
    publish(
        new EventMessage(
            null, null, null, type, action, new EventActor(actorId, attributes), "local", 0, 0));
  }

  private long published;

  /** How many events this node has published (a listing's version counts them, {@code Daemon}). */
  public long published() {
    return published;
  }

  private void publish(EventMessage m) {
    published++;
    long now = clock.nowNanos();
    EventMessage stamped =
        new EventMessage(
            m.status(),
            m.id(),
            m.from(),
            m.type(),
            m.action(),
            m.actor(),
            m.scope(),
            now / 1_000_000_000L,
            now);
    bus.publish(new EngineEvent(now, node, stamped));
  }
}
