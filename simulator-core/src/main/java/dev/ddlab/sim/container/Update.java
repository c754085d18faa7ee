package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.RestartPolicy;
import dev.ddlab.engine.dto.UpdateRequest;
import java.util.List;

/**
 * moby's daemon/update.go: POST /containers/{id}/update. The restart policy (taking effect at the
 * next exit) and the resource limits are recorded in HostConfig; nothing enforces the limits yet.
 */
final class Update {
  private final Daemon daemon;

  Update(Daemon daemon) {
    this.daemon = daemon;
  }

  List<String> update(String ref, UpdateRequest request) {
    Container c = daemon.get(ref);
    // ContainerUpdate: the request's own values verified first (400), then merged (409)
    HostConfig requested = ContainerResources.requested(request);
    ContainerResources.verify(requested, true);
    HostConfig hc = c.hostConfig;
    RestartPolicy policy = null;
    if (request.restartPolicy() != null && !request.restartPolicy().name().isEmpty()) {
      policy = Containers.validPolicy(request.restartPolicy());
    }
    hc = ContainerResources.update(c.id, hc, requested);
    if (policy != null) {
      if (hc.autoRemove() && !policy.name().equals("no")) {
        throw EngineException.conflict(
            "Cannot update container "
                + c.id
                + ": Restart policy cannot be updated because AutoRemove is enabled for the"
                + " container");
      }
      hc = Containers.withPolicy(hc, policy);
    }
    if (c.status == Container.Status.RUNNING || c.status == Container.Status.PAUSED) {
      // the running task's cgroup is written (runc update): its refusal restores the old config
      String refused = ContainerResources.runtimeRefusal(hc);
      if (refused != null) {
        throw EngineException.serverError(
            "Cannot update container "
                + c.id
                + ": runc did not terminate successfully: exit status 1: "
                + refused
                + "\n: unknown");
      }
    }
    // checked whole before anything changes: a refused update leaves the container as it was
    if (policy != null) {
      c.restartManager.policy(policy);
    }
    c.hostConfig = hc;
    if (c.context != null && request.pidsLimit() != null) {
      c.context.cgroup().pidsMax(request.pidsLimit());
    }
    if (c.context != null && request.memory() != null) {
      c.context.cgroup().memoryMax(request.memory());
    }
    daemon.event(c, "update");
    return List.of();
  }
}
