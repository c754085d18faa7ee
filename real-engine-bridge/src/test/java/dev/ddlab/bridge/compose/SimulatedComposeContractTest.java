package dev.ddlab.bridge.compose;

import dev.ddlab.engine.Engine;
import dev.ddlab.sim.host.Cluster;

/** The compose contract on a simulated node, called directly. */
class SimulatedComposeContractTest extends ComposeContract {
  @Override
  protected Engine open() {
    return Cluster.single(7).node("node1").engine();
  }
}
