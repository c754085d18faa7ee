package dev.ddlab.cli.violation;

import dev.ddlab.sim.host.Cluster;

/** A CLI class that reaches into the simulator: the fixture that proves the rule can fail. */
public final class ImportsTheSimulator {
  private ImportsTheSimulator() {}

  public static int nodes(Cluster cluster) {
    return cluster.nodes().size();
  }
}
