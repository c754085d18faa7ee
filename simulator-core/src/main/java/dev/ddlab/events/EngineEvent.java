package dev.ddlab.events;

import dev.ddlab.engine.dto.EventMessage;

/** An event as {@code docker events} shows it. */
public record EngineEvent(long timeNanos, String node, EventMessage message) implements SimEvent {}
