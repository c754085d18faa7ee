package dev.ddlab.sim.introspect;

import dev.ddlab.fs.FileSystem;
import dev.ddlab.introspect.BuildsView;
import dev.ddlab.introspect.ContainersView;
import dev.ddlab.introspect.ImagesView;
import dev.ddlab.introspect.Introspection;
import dev.ddlab.introspect.NodesView;
import dev.ddlab.introspect.ReadOnlyFs;
import dev.ddlab.introspect.SwarmView;
import dev.ddlab.sim.build.Builder;
import dev.ddlab.sim.fs.ContainerRootFs;
import dev.ddlab.sim.host.Cluster;
import dev.ddlab.sim.host.ContainerView;
import dev.ddlab.sim.host.DockerHost;
import dev.ddlab.sim.image.Image;
import dev.ddlab.sim.image.ImageConfig;
import dev.ddlab.sim.image.ImageLayer;
import dev.ddlab.sim.image.SimImagesApi;
import dev.ddlab.sim.runtime.Kernel;
import dev.ddlab.sim.swarm.SwarmCluster;
import dev.ddlab.sim.swarm.SwarmNode;
import dev.ddlab.sim.swarm.raft.RaftStatus;
import dev.ddlab.sim.swarm.store.ClusterStore;
import dev.ddlab.sim.underlay.Packet;
import dev.ddlab.sim.underlay.UnderlayEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The introspection views of a simulated {@link Cluster}: its nodes and their host files, images as
 * layer stacks, containers from the inside. Each call reads the cluster as it is now and hands out
 * copies or read-only views, never the simulator's own objects. The views of subsystems still to
 * come keep {@link Introspection}'s empty defaults.
 */
public final class SimIntrospection implements Introspection {
  private final Cluster cluster;
  private final NodesView nodes = new Nodes();
  private final ImagesView images = new Images();
  private final ContainersView containers = new Containers();
  private final Network network = new Network();

  public SimIntrospection(Cluster cluster) {
    this.cluster = cluster;
    cluster.bus().subscribe(dev.ddlab.events.FrameEvent.class, network::sent);
    cluster.bus().subscribe(UnderlayEvent.class, swarm::heard);
  }

  @Override
  public dev.ddlab.introspect.NetworkView network() {
    return network;
  }

  @Override
  public boolean simulated() {
    return true;
  }

  @Override
  public NodesView nodes() {
    return nodes;
  }

  @Override
  public ImagesView images() {
    return images;
  }

  /**
   * The builds of each node's builder (kept by the builder as they ran, with their steps' virtual
   * times; the bus carries {@link dev.ddlab.introspect.BuildEvent}s for animation).
   */
  @Override
  public BuildsView builds() {
    return new BuildsView() {
      @Override
      public List<Build> builds(String node) {
        return host(node)
            .map(h -> h.builds() instanceof Builder b ? b.builds() : List.<Build>of())
            .orElse(List.of());
      }
    };
  }

  @Override
  public ContainersView containers() {
    return containers;
  }

  /**
   * Links from each node's stack as it is now (veth pairs: host end, container end); frames from
   * the bus, kept per link until they arrive on the virtual clock (at most the last {@link
   * #KEPT_PER_LINK}; past {@link #SWEEP_AT} links, those with nothing in flight are dropped); the
   * last {@link #CAPTURED} frames of the session for {@link #captured}.
   */
  private final class Network implements dev.ddlab.introspect.NetworkView {
    private static final int KEPT_PER_LINK = 64;
    private static final int SWEEP_AT = 256;
    private static final int CAPTURED = 2048;
    private final Map<String, java.util.ArrayDeque<dev.ddlab.events.FrameEvent>> frames =
        new java.util.HashMap<>();
    private final java.util.ArrayDeque<dev.ddlab.events.FrameEvent> capture =
        new java.util.ArrayDeque<>();

    void sent(dev.ddlab.events.FrameEvent e) {
      capture.addLast(e);
      if (capture.size() > CAPTURED) {
        capture.pollFirst();
      }
      long now = cluster.clock().nowNanos();
      if (frames.size() > SWEEP_AT) {
        // links whose frames all arrived (and links that are gone) are forgotten
        frames.values().removeIf(q -> q.peekLast().arrivesNanos() <= now);
      }
      java.util.ArrayDeque<dev.ddlab.events.FrameEvent> q =
          frames.computeIfAbsent(e.link(), k -> new java.util.ArrayDeque<>());
      while (!q.isEmpty() && (q.size() >= KEPT_PER_LINK || q.peekFirst().arrivesNanos() <= now)) {
        q.pollFirst();
      }
      q.addLast(e);
    }

    @Override
    public List<Link> links() {
      List<Link> out = new ArrayList<>();
      for (DockerHost h : cluster.nodes()) {
        if (h.network() == null) {
          continue;
        }
        dev.ddlab.sim.network.dataplane.NetStack stack = h.network().stack();
        for (dev.ddlab.sim.network.dataplane.NetDevice d : stack.host().devices()) {
          dev.ddlab.sim.network.dataplane.NetDevice peer = d.peer();
          if (peer == null || peer.netns() == null) {
            continue;
          }
          String id = stack.linkId(d, peer);
          out.add(
              new Link(
                  id,
                  "veth",
                  h.name(),
                  h.name() + ":" + d.name(),
                  h.network().ownerOf(peer.netns()) + ":" + peer.name()));
        }
      }
      return out;
    }

    @Override
    public List<Interface> interfaces(String node) {
      Optional<DockerHost> h = host(node);
      if (h.isEmpty() || h.get().network() == null) {
        return List.of();
      }
      dev.ddlab.sim.network.NetworkController net = h.get().network();
      List<Interface> out = new ArrayList<>();
      net.stack()
          .forEachNetns(
              ns -> {
                String owner = ns.isHost() ? node : net.ownerOf(ns);
                for (dev.ddlab.sim.network.dataplane.NetDevice d : ns.devices()) {
                  dev.ddlab.sim.network.dataplane.NetDevice peer = d.peer();
                  String master =
                      d.master() != null
                          ? d.master().name()
                          : d.parent() != null ? d.parent().name() : null;
                  out.add(
                      new Interface(
                          owner,
                          d.name(),
                          d.kind(),
                          master,
                          peer == null || peer.netns() == null
                              ? null
                              : (peer.netns().isHost() ? node : net.ownerOf(peer.netns()))
                                  + ":"
                                  + peer.name(),
                          d.addresses().stream()
                              .map(
                                  a ->
                                      dev.ddlab.sim.network.types.Ipv4.format(a.ip())
                                          + "/"
                                          + a.prefix())
                              .toList(),
                          dev.ddlab.sim.network.dataplane.frame.Mac.format(d.mac())));
                }
              });
      return out;
    }

    @Override
    public List<String> natRules(String node) {
      Optional<DockerHost> h = host(node);
      if (h.isEmpty() || h.get().network() == null) {
        return List.of();
      }
      String rules =
          dev.ddlab.sim.network.dataplane.HostViews.iptablesRules(
              h.get().network().stack().host().netfilter(), "nat", null);
      return rules == null
          ? List.of()
          : rules
              .lines()
              .filter(l -> l.endsWith(" -j MASQUERADE") || l.contains(" -j DNAT "))
              .toList();
    }

    @Override
    public List<Frame> captured(String node) {
      List<Frame> out = new ArrayList<>();
      for (dev.ddlab.events.FrameEvent e : capture) {
        if (e.node().equals(node)) {
          out.add(
              new Frame(e.timeNanos(), e.arrivesNanos(), e.from(), e.to(), e.summary(), e.bytes()));
        }
      }
      return out;
    }

    @Override
    public List<Frame> inFlight(String linkId) {
      long now = cluster.clock().nowNanos();
      List<Frame> out = new ArrayList<>();
      for (dev.ddlab.events.FrameEvent e :
          frames.getOrDefault(linkId, new java.util.ArrayDeque<>())) {
        if (e.arrivesNanos() > now) {
          // the line and the bytes are made only for frames someone looks at
          out.add(
              new Frame(e.timeNanos(), e.arrivesNanos(), e.from(), e.to(), e.summary(), e.bytes()));
        }
      }
      return out;
    }
  }

  @Override
  public SwarmView swarm() {
    return swarm;
  }

  private final Swarm swarm = new Swarm();

  /** Raft per manager from the swarm's members; services and tasks from the leader's store. */
  private final class Swarm implements SwarmView {
    private Optional<SwarmCluster> swarmCluster() {
      return cluster.nodes().isEmpty()
          ? Optional.empty()
          : Optional.of(cluster.nodes().get(0).swarm().cluster());
    }

    @Override
    public List<RaftState> managers() {
      List<RaftState> out = new java.util.ArrayList<>();
      // Raft names members by their swarm node IDs; the view names them as the nodes are called
      java.util.Map<String, String> names = new java.util.HashMap<>();
      swarmCluster()
          .ifPresent(
              sc ->
                  sc.nodes().stream()
                      .filter(n -> n.nodeId() != null)
                      .forEach(n -> names.put(n.nodeId(), n.hostname())));
      for (RaftStatus r : swarmCluster().map(SwarmCluster::raft).orElse(List.of())) {
        out.add(
            new RaftState(
                r.node(),
                Role.valueOf(r.role().toUpperCase(java.util.Locale.ROOT)),
                r.term(),
                names.getOrDefault(r.votedFor(), r.votedFor()),
                r.votesReceived().stream()
                    .map(v -> names.getOrDefault(v, v))
                    .collect(java.util.stream.Collectors.toSet()),
                names.getOrDefault(r.leader(), r.leader()),
                r.log().stream().map(e -> new LogEntry(e.index(), e.term(), e.summary())).toList(),
                r.commitIndex(),
                r.lastApplied(),
                r.electionDeadlineNanos(),
                r.nextHeartbeatNanos()));
      }
      return out;
    }

    /** The latest control-plane messages by packet id, oldest first. */
    private final java.util.LinkedHashMap<Long, Message> recent = new java.util.LinkedHashMap<>();

    void heard(UnderlayEvent e) {
      Packet p = e.packet();
      if (p.dstPort() != SwarmNode.PORT && p.srcPort() != SwarmNode.PORT) {
        return;
      }
      if (e instanceof UnderlayEvent.Sent s) {
        recent.put(
            p.id(),
            new Message(
                p.id(),
                s.node(),
                s.toNode(),
                p.summary(),
                s.timeNanos(),
                s.dueNanos(),
                "in-flight",
                ""));
        while (recent.size() > MESSAGES_KEPT) {
          recent.remove(recent.keySet().iterator().next());
        }
      } else if (e instanceof UnderlayEvent.Delivered) {
        settle(p.id(), "delivered", "");
      } else if (e instanceof UnderlayEvent.Dropped d) {
        settle(p.id(), "dropped", d.reason());
      }
    }

    private void settle(long id, String state, String reason) {
      Message m = recent.get(id);
      if (m != null) {
        recent.put(
            id,
            new Message(
                m.id(), m.from(), m.to(), m.summary(), m.sentNanos(), m.dueNanos(), state, reason));
      }
    }

    @Override
    public List<Message> messages() {
      return List.copyOf(recent.values());
    }

    @Override
    public List<ServiceInfo> services() {
      Optional<ClusterStore> store = swarmCluster().flatMap(SwarmCluster::leaderStore);
      if (store.isEmpty()) {
        return List.of();
      }
      List<ServiceInfo> out = new java.util.ArrayList<>();
      for (dev.ddlab.engine.dto.swarm.Service sv : store.get().services().values()) {
        out.add(
            new ServiceInfo(
                sv.id(),
                sv.spec().name(),
                sv.spec().global() ? "global" : "replicated",
                (int) sv.spec().replicas(),
                sv.spec().taskTemplate().containerSpec().image()));
      }
      return out;
    }

    @Override
    public List<TaskInfo> tasks(String serviceId) {
      Optional<ClusterStore> store = swarmCluster().flatMap(SwarmCluster::leaderStore);
      if (store.isEmpty()) {
        return List.of();
      }
      List<TaskInfo> out = new java.util.ArrayList<>();
      for (dev.ddlab.engine.dto.swarm.Task t : store.get().tasks().values()) {
        if ((serviceId != null && !serviceId.equals(t.serviceId()))
            || (t.spec() != null && t.spec().isAttachment())) {
          continue; // a standalone container's network attachment is no service's task
        }
        dev.ddlab.engine.dto.swarm.Node n =
            t.nodeId() == null ? null : store.get().nodes().get(t.nodeId());
        out.add(
            new TaskInfo(
                t.id(),
                t.serviceId(),
                t.slot(),
                n == null ? "" : n.description().hostname(),
                t.desiredState(),
                t.status().state(),
                t.status().containerStatus() == null
                    ? ""
                    : t.status().containerStatus().containerId()));
      }
      return out;
    }
  }

  private Optional<DockerHost> host(String node) {
    return cluster.nodes().stream().filter(h -> h.name().equals(node)).findFirst();
  }

  private final class Nodes implements NodesView {
    @Override
    public List<NodeInfo> nodes() {
      return cluster.nodes().stream()
          .map(h -> new NodeInfo(h.name(), h.address(), h.isDaemonActive()))
          .toList();
    }

    @Override
    public Optional<FileSystem> hostFiles(String node) {
      return host(node).map(h -> ReadOnlyFs.of(h.hostFs()));
    }
  }

  private final class Images implements ImagesView {
    @Override
    public Optional<ImageLayers> image(String node, String imageId) {
      return host(node)
          .flatMap(
              h ->
                  h.images().local() instanceof SimImagesApi store
                      ? store.image(imageId)
                      : Optional.empty())
          .map(Images::layers);
    }

    private static ImageLayers layers(Image image) {
      List<String> commands = layerCommands(image.config());
      List<LayerInfo> out = new ArrayList<>();
      List<ImageLayer> layers = image.layers();
      for (int i = 0; i < layers.size(); i++) {
        ImageLayer l = layers.get(i);
        out.add(
            new LayerInfo(
                i,
                l.diffId(),
                l.size(),
                i < commands.size() ? commands.get(i) : "",
                Collections.unmodifiableNavigableMap(l.layer().entries())));
      }
      return new ImageLayers(image.id(), image.size(), out);
    }

    /** The build steps that made a layer (history entries that are not empty layers), in order. */
    private static List<String> layerCommands(ImageConfig config) {
      List<String> out = new ArrayList<>();
      if (config.history() != null) {
        for (ImageConfig.History h : config.history()) {
          if (!h.emptyLayer()) {
            out.add(h.createdBy() == null ? "" : h.createdBy());
          }
        }
      }
      return out;
    }
  }

  private final class Containers implements ContainersView {
    @Override
    public List<ContainerInfo> containers(String node) {
      return host(node)
          .map(h -> h.inspectContainers().stream().map(Containers::info).toList())
          .orElse(List.of());
    }

    @Override
    public Map<String, String> hostNamespaces(String node) {
      return host(node).isPresent()
          ? Collections.unmodifiableMap(Kernel.HOST_NAMESPACES.describe())
          : Map.of();
    }

    @Override
    public Optional<WritableLayer> writableLayer(String node, String containerId) {
      return view(node, containerId)
          .filter(c -> c.rootFs() instanceof ContainerRootFs)
          .map(
              c -> {
                ContainerRootFs fs = (ContainerRootFs) c.rootFs();
                return new WritableLayer(fs.sizeRw(), fs.changes());
              });
    }

    @Override
    public Optional<FileSystem> rootFs(String node, String containerId) {
      return view(node, containerId).map(c -> ReadOnlyFs.of(c.rootFs()));
    }

    /** By full ID or name, as the panels know containers. */
    private Optional<ContainerView> view(String node, String containerId) {
      return host(node)
          .flatMap(
              h ->
                  h.inspectContainers().stream()
                      .filter(c -> c.id().equals(containerId) || c.name().equals(containerId))
                      .findFirst());
    }

    private static ContainerInfo info(ContainerView c) {
      List<ProcessInfo> procs = new ArrayList<>();
      for (ContainerView.ProcessView p : c.processes()) {
        procs.add(
            new ProcessInfo(
                p.pid(), p.ppid(), p.hostPid(), p.hostPpid(), p.user(), p.command(), p.state()));
      }
      ContainerView.Cgroup cg = c.cgroup();
      return new ContainerInfo(
          c.id(),
          c.name(),
          c.status(),
          c.image(),
          c.imageId(),
          procs,
          c.namespaces(),
          c.sharesNetworkWith(),
          cg == null
              ? null
              : new Cgroup(cg.path(), cg.memoryBytes(), cg.nanoCpus(), cg.pidsLimit()),
          c.mounts());
    }
  }
}
