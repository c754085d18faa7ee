package dev.ddlab.bridge.contract;

import dev.ddlab.engine.Engine;
import dev.ddlab.sim.host.Cluster;
import java.time.Duration;
import java.util.Map;

/** The contract on the simulated node, called directly. */
class SimulatedEngineContractTest extends EngineContract {
  private Cluster cluster;

  /** Where the simulator still differs from Docker (reported to the simulator's owners). */
  static final Map<String, String> SIMULATOR_GAPS = Map.of();

  @Override
  protected Map<String, String> knownGaps() {
    return SIMULATOR_GAPS;
  }

  @Override
  protected Engine open() {
    cluster = Cluster.single(7);
    return cluster.node("node1").engine();
  }

  @Override
  protected void letTimePass(Duration d) {
    cluster.clock().advance(d);
  }
}
