package dev.ddlab.engine;

import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.ServiceCreateResponse;
import dev.ddlab.engine.dto.swarm.ServiceSpec;
import dev.ddlab.engine.dto.swarm.ServiceUpdateOptions;
import dev.ddlab.engine.dto.swarm.ServiceUpdateResponse;
import dev.ddlab.engine.dto.swarm.TaskLogFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Engine API: /services/… (manager only). The default answers as a node in no swarm. */
public interface ServicesApi {
  ServicesApi INACTIVE = new ServicesApi() {};

  /** GET /services?filters=&status=: with status, each service carries its task counts. */
  default List<Service> list(Map<String, List<String>> filters, boolean status) {
    throw SwarmErrors.notManager();
  }

  /** GET /services/{id}?insertDefaults=: by ID, ID prefix or name; 404 "service X not found". */
  default Service inspect(String idOrName, boolean insertDefaults) {
    throw SwarmErrors.notManager();
  }

  /** POST /services/create. 409 "name conflicts with an existing object" for a taken name. */
  default ServiceCreateResponse create(ServiceSpec spec) {
    throw SwarmErrors.notManager();
  }

  /** POST /services/{id}/update?version=&rollback=. */
  default ServiceUpdateResponse update(String id, ServiceSpec spec, ServiceUpdateOptions options) {
    throw SwarmErrors.notManager();
  }

  /** DELETE /services/{id}. */
  default void remove(String idOrName) {
    throw SwarmErrors.notManager();
  }

  /** GET /services/{id}/logs?details=true (not following), every task's lines in time order. */
  default List<TaskLogFrame> logs(String idOrName, LogsOptions options) {
    throw SwarmErrors.notManager();
  }

  /**
   * Lets {@code d} pass between two polls of the CLI's progress display ({@code service create} and
   * {@code update} without {@code --detach}). Each engine says how time passes for it: a real
   * engine's client sleeps (the bridge), a simulated engine lets its virtual clock run. The seam
   * itself never reads or waits on the wall clock; the default answers as a node in no swarm.
   */
  default void waitFor(Duration d) {
    throw SwarmErrors.notManager();
  }

  /**
   * GET /services/{id}/logs?follow=1 from now on: each new line of the service's tasks goes to
   * {@code listener} until the handle is closed.
   */
  default AutoCloseable followLogs(String idOrName, Consumer<TaskLogFrame> listener) {
    throw SwarmErrors.notManager();
  }
}
