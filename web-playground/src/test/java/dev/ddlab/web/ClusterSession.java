package dev.ddlab.web;

import dev.ddlab.cli.CliContext;
import dev.ddlab.cli.CommandIo;
import dev.ddlab.cli.DockerCli;
import dev.ddlab.engine.Engine;
import dev.ddlab.session.Session;
import dev.ddlab.session.TranscriptEntry;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.events.EventBus;
import dev.ddlab.sim.host.Cluster;
import dev.ddlab.sim.host.DockerHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A test double of {@link Session} over a real simulated {@link Cluster}: a line starting with
 * {@code docker} runs the real docker CLI against the node's simulated engine; there is no shell
 * (words split on spaces). Lets the server and panels be tested on real simulator state.
 */
final class ClusterSession implements Session {
  private final Cluster cluster;
  private final List<TranscriptEntry> transcript = new ArrayList<>();

  ClusterSession(long seed) {
    this.cluster = Cluster.single(seed);
  }

  @Override
  public String id() {
    return "cluster";
  }

  @Override
  public long seed() {
    return 0;
  }

  @Override
  public String template() {
    return "single";
  }

  @Override
  public List<String> nodes() {
    return cluster.nodes().stream().map(DockerHost::name).toList();
  }

  @Override
  public String nodeAddress(String node) {
    return cluster.node(node).address();
  }

  @Override
  public String prompt(String node) {
    return "ubuntu@" + node + ":~$ ";
  }

  @Override
  public TranscriptEntry type(String node, String line) {
    List<String> words =
        Arrays.stream(line.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    StringBuilder out = new StringBuilder();
    int code = 0;
    if (words.isEmpty()) {
      code = 0;
    } else if (words.get(0).equals("docker")) {
      DockerHost host = cluster.node(node);
      DockerCli cli =
          new DockerCli(host.engine(), CliContext.of(host.hostFs(), () -> "/home/ubuntu"));
      code =
          cli.run(
                  words.subList(1, words.size()),
                  new CommandIo() {
                    @Override
                    public void out(String text) {
                      out.append(text);
                    }

                    @Override
                    public void err(String text) {
                      out.append(text);
                    }
                  })
              .exitCode();
    } else {
      out.append(words.get(0)).append(": command not found\n");
      code = 127;
    }
    TranscriptEntry e =
        new TranscriptEntry(node, prompt(node), line, out.toString(), code, clock().nowNanos());
    transcript.add(e);
    return e;
  }

  @Override
  public TranscriptEntry interrupt(String node) {
    return new TranscriptEntry(node, prompt(node), "^C", "", 130, clock().nowNanos());
  }

  @Override
  public List<String> complete(String node, String line) {
    return List.of();
  }

  @Override
  public List<TranscriptEntry> transcript() {
    return transcript;
  }

  @Override
  public Engine engine(String node) {
    return cluster.node(node).engine();
  }

  @Override
  public Optional<Cluster> cluster() {
    return Optional.of(cluster);
  }

  @Override
  public VirtualClock clock() {
    return cluster.clock();
  }

  @Override
  public EventBus events() {
    return cluster.bus();
  }

  @Override
  public void advance(Duration d) {
    cluster.clock().advance(d);
  }

  @Override
  public String addNode() {
    return cluster.addNode().name();
  }

  @Override
  public void removeNode(String node) {
    cluster.removeNode(node);
  }

  @Override
  public void close() {}
}
