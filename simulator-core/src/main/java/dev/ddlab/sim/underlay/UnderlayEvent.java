package dev.ddlab.sim.underlay;

import dev.ddlab.events.SimEvent;

/**
 * A packet's life on the underlay, for panels that animate messages between machines: it left a
 * machine (with the time it is due), it arrived, or a fault dropped it. Published to subscribers
 * only (not kept in the bus's history: heartbeats would push out {@code docker events}).
 */
public sealed interface UnderlayEvent extends SimEvent {
  Packet packet();

  /** Left {@code node}; due at {@code dueNanos} unless dropped on the way. */
  record Sent(long timeNanos, String node, Packet packet, String toNode, long dueNanos)
      implements UnderlayEvent {}

  /** Arrived at {@code node}. */
  record Delivered(long timeNanos, String node, Packet packet) implements UnderlayEvent {}

  /** Lost: {@code reason} is "partition", "link down", "loss", "dropped by hand", "port closed". */
  record Dropped(long timeNanos, String node, Packet packet, String reason)
      implements UnderlayEvent {}
}
