package dev.ddlab.engine;

import dev.ddlab.engine.dto.LogsOptions;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.engine.dto.swarm.TaskLogFrame;
import java.util.List;
import java.util.Map;

/** Engine API: /tasks/… (manager only). The default answers as a node in no swarm. */
public interface TasksApi {
  TasksApi INACTIVE = new TasksApi() {};

  /** GET /tasks?filters= (id, name, service, node, label, desired-state). */
  default List<Task> list(Map<String, List<String>> filters) {
    throw SwarmErrors.notManager();
  }

  /** GET /tasks/{id}; 404 "task X not found". */
  default Task inspect(String id) {
    throw SwarmErrors.notManager();
  }

  /** GET /tasks/{id}/logs?details=true (not following). */
  default List<TaskLogFrame> logs(String id, LogsOptions options) {
    throw SwarmErrors.notManager();
  }
}
