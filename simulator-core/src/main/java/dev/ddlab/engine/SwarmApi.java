package dev.ddlab.engine;

import dev.ddlab.engine.dto.swarm.Swarm;
import dev.ddlab.engine.dto.swarm.SwarmInitRequest;
import dev.ddlab.engine.dto.swarm.SwarmJoinRequest;
import dev.ddlab.engine.dto.swarm.SwarmSpec;
import dev.ddlab.engine.dto.swarm.SwarmUpdateFlags;
import dev.ddlab.engine.dto.swarm.UnlockKeyResponse;

/**
 * Engine API: /swarm/… (moby {@code api/server/router/swarm}, the daemon's {@code daemon/cluster}).
 * The default is a daemon that is in no swarm: every call answers 503 as dockerd does then.
 */
public interface SwarmApi {
  /** The answers of a node that is in no swarm (and of engines without Swarm). */
  SwarmApi INACTIVE = new SwarmApi() {};

  /** GET /swarm. 503 "This node is not a swarm manager. …" on workers and inactive nodes. */
  default Swarm inspect() {
    throw SwarmErrors.notManager();
  }

  /**
   * POST /swarm/init: makes this node the first manager of a new swarm (or, with {@code
   * ForceNewCluster}, of a new swarm that keeps this manager's state) and returns its node ID.
   */
  default String init(SwarmInitRequest request) {
    throw SwarmErrors.notManager();
  }

  /** POST /swarm/join: joins the swarm a manager at one of {@code RemoteAddrs} belongs to. */
  default void join(SwarmJoinRequest request) {
    throw SwarmErrors.notManager();
  }

  /** POST /swarm/leave?force=. 503 "This node is not part of a swarm" when it is in none. */
  default void leave(boolean force) {
    throw SwarmErrors.noSwarm();
  }

  /** POST /swarm/update?version=&rotate…=: a new spec read at {@code version}. */
  default void update(SwarmSpec spec, SwarmUpdateFlags flags) {
    throw SwarmErrors.notManager();
  }

  /** GET /swarm/unlockkey. */
  default UnlockKeyResponse unlockKey() {
    throw SwarmErrors.notManager();
  }

  /** POST /swarm/unlock: unlocks a restarted autolocked manager with its key. */
  default void unlock(String unlockKey) {
    throw SwarmErrors.notManager();
  }
}
