package dev.ddlab.bridge.guard;

import dev.ddlab.engine.SwarmApi;
import dev.ddlab.engine.dto.swarm.SwarmInitRequest;
import dev.ddlab.engine.dto.swarm.SwarmJoinRequest;

/**
 * Swarm on a shared daemon: refused. A swarm belongs to the whole daemon (its services, nodes,
 * secrets and networks carry no session label and every learner would see and change them), so the
 * guard never passes a Swarm request through: init and join are refused with a message saying why,
 * every other call answers as a daemon in no swarm does (503 "This node is not a swarm manager …"),
 * which is also what the shared daemon really is. The other Swarm parts ({@code nodes()}, {@code
 * services()}, {@code tasks()}, {@code secrets()}, {@code configs()}) are the Engine's defaults for
 * the same reason. A learner who wants a real swarm uses a daemon of their own ({@code
 * --no-guard}).
 */
final class GuardedSwarm implements SwarmApi {
  @Override
  public String init(SwarmInitRequest request) {
    throw refused();
  }

  @Override
  public void join(SwarmJoinRequest request) {
    throw refused();
  }

  private static RuntimeException refused() {
    return GuardSession.refused(
        "Docker daemon thật này dùng chung cho cả lớp, nên không được đưa nó vào swarm (swarm init,"
            + " swarm join). Hãy học Swarm trên các node mô phỏng (mẫu swarm-3m3w).");
  }
}
