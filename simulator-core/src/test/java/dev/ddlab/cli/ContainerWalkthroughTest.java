package dev.ddlab.cli;

import dev.ddlab.sim.host.Cluster;
import dev.ddlab.sim.host.DockerHost;
import dev.ddlab.sim.shell.ShellPrograms;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The course's Part 2 §3 (Containers) walk-through through the CLI on a simulated node. */
class ContainerWalkthroughTest {
  @Test
  void containers_chapter_transcript_matches_golden() {
    Cluster cluster = Cluster.builder(42).programs(ShellPrograms::install).build();
    DockerHost node = cluster.addNode();
    GoldenTranscripts.check(
        "containers-walkthrough",
        node.engine(),
        CliContext.of(node.hostFs(), () -> "/home/ubuntu"),
        d -> cluster.clock().advance(d),
        Map.of("systemctl restart docker", node::restartDaemon));
  }
}
