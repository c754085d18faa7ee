package dev.ddlab.session;

import dev.ddlab.engine.Engine;
import dev.ddlab.events.EventBus;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.introspect.Introspection;
import dev.ddlab.sim.host.Cluster;
import dev.ddlab.sim.host.DockerHost;
import dev.ddlab.sim.introspect.SimIntrospection;
import dev.ddlab.sim.runtime.HttpRequest;
import dev.ddlab.sim.runtime.HttpResponse;
import dev.ddlab.sim.runtime.NetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Simulated nodes of one {@link Cluster}, laid out as a {@link Template}. */
final class SimBackend implements SessionBackend {
  private final Cluster cluster;
  private final List<NodeBackend> initial = new ArrayList<>();
  private final Introspection introspection;

  SimBackend(Cluster cluster, Template template) {
    this.cluster = cluster;
    // the swarm agents' templated secrets and configs, on the CLI's Go template engine
    cluster.shared(dev.ddlab.sim.swarm.agent.PayloadTemplates.KEY, SwarmPayloadTemplates::new);
    for (Template.Node node : template.nodes()) {
      initial.add(new SimNode(cluster.addNode(node.name(), node.address())));
    }
    this.introspection = new SimIntrospection(cluster);
  }

  @Override
  public dev.ddlab.sim.runtime.Cgroup memoryBudget() {
    return cluster.memoryBudget();
  }

  Cluster cluster() {
    return cluster;
  }

  @Override
  public List<NodeBackend> nodes() {
    return List.copyOf(initial);
  }

  @Override
  public NodeBackend addNode() {
    return new SimNode(cluster.addNode());
  }

  @Override
  public void removeNode(String name) {
    cluster.removeNode(name);
  }

  @Override
  public EventBus events() {
    return cluster.bus();
  }

  @Override
  public Introspection introspection() {
    return introspection;
  }

  @Override
  public NetworkFaults networkFaults() {
    return faults;
  }

  private final NetworkFaults faults =
      new NetworkFaults() {
        private final Set<String> isolated = new LinkedHashSet<>();

        @Override
        public boolean supported() {
          return true;
        }

        @Override
        public void isolate(String node) {
          cluster.underlay().isolate(cluster.node(node).address());
          isolated.add(node);
        }

        @Override
        public void heal() {
          cluster.underlay().heal();
          isolated.clear();
        }

        @Override
        public void dropNext(String from, String to) {
          cluster.underlay().dropNext(cluster.node(from).address(), cluster.node(to).address());
        }

        @Override
        public void forceElection(String node) {
          dev.ddlab.sim.swarm.SwarmNode target = cluster.node(node).swarm();
          target.cluster().forceElection(target);
        }

        @Override
        public Duration latency() {
          return cluster.underlay().latency();
        }

        @Override
        public void setLatency(Duration oneWay) {
          cluster.underlay().setLatency(oneWay);
        }

        @Override
        public Set<String> isolated() {
          return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(isolated));
        }
      };

  /** A simulated node: its daemon runs on it, its shell reaches the simulated network. */
  static final class SimNode implements NodeBackend {
    final DockerHost host;

    SimNode(DockerHost host) {
      this.host = host;
    }

    @Override
    public String name() {
      return host.name();
    }

    @Override
    public String address() {
      return host.address();
    }

    @Override
    public Engine engine() {
      return host.engine();
    }

    @Override
    public FileSystem hostFs() {
      return host.userFs(); // what the node's user makes is its own (umask 002)
    }

    @Override
    public Optional<DaemonService> daemon() {
      return Optional.of(
          new DaemonService() {
            @Override
            public boolean isActive() {
              return host.isDaemonActive();
            }

            @Override
            public void start() {
              host.startDaemon();
            }

            @Override
            public void stop() {
              host.stopDaemon();
            }

            @Override
            public void restart() {
              host.restartDaemon();
            }
          });
    }

    @Override
    public HttpAnswer get(String h, int port, String target) {
      // localhost is the loopback (docker-proxy answers there); the node's name is its address
      String to = h.equals(host.name()) ? host.address() : h;
      dev.ddlab.sim.runtime.HttpOutcome o =
          host.kernel().net().exchange(host.kernel().host(), to, port, HttpRequest.get(target));
      if (o.failure() != null) {
        NetException e = o.failure();
        throw new PortUnreachable(
            PortUnreachable.Kind.valueOf(e.kind().name()),
            e.host(),
            e.getMessage(),
            o.elapsedNanos());
      }
      HttpResponse r = o.response();
      return new HttpAnswer(
          r.status(),
          r.reason(),
          r.headers(),
          r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8),
          o.elapsedNanos());
    }

    @Override
    public dev.ddlab.sim.network.dataplane.NetStack netStack() {
      return host.network() == null ? null : host.network().stack();
    }

    @Override
    public dev.ddlab.sim.runtime.Cgroup memoryBudget() {
      return host.cluster().memoryBudget();
    }

    @Override
    public int allocatePid() {
      return host.kernel().reserveHostPid();
    }
  }
}
