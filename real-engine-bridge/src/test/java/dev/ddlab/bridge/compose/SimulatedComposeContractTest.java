package dev.ddlab.bridge.compose;

import dev.ddlab.engine.Engine;
import dev.ddlab.sim.host.Cluster;
import java.time.Duration;

/** The compose contract on a simulated node, called directly. */
class SimulatedComposeContractTest extends ComposeContract {
  private Cluster cluster;

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
