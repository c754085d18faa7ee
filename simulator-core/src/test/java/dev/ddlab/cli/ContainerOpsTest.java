package dev.ddlab.cli;

import dev.ddlab.sim.host.Cluster;
import dev.ddlab.sim.host.DockerHost;
import dev.ddlab.sim.shell.ShellPrograms;
import org.junit.jupiter.api.Test;

/** The container commands beyond the course's walk-through, through a simulated node. */
class ContainerOpsTest {
  @Test
  void container_operations_transcript_matches_golden() {
    Cluster cluster = Cluster.builder(42).programs(ShellPrograms::install).build();
    DockerHost node = cluster.addNode();
    node.hostFs().mkdir("/home/ubuntu", true);
    GoldenTranscripts.check(
        "container-ops",
        node.engine(),
        CliContext.of(node.hostFs(), () -> "/home/ubuntu"),
        d -> cluster.clock().advance(d));
  }
}
