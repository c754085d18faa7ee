package dev.ddlab.sim.container;

import dev.ddlab.engine.dto.ExecConfig;
import dev.ddlab.sim.runtime.SimProc;

/** One {@code docker exec} instance: created, then started once. */
final class ExecInstance {
  final String id;
  final String containerId;
  final ExecConfig config;
  boolean started;
  boolean running;
  Integer exitCode;
  SimProc proc;

  /** Seen ended by one garbage-collection pass; the next pass forgets it. */
  boolean canRemove;

  ExecInstance(String id, String containerId, ExecConfig config) {
    this.id = id;
    this.containerId = containerId;
    this.config = config;
  }
}
