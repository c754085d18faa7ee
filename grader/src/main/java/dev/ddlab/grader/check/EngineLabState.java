package dev.ddlab.grader.check;

import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.engine.dto.ContainerInspect;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.HostConfig;
import dev.ddlab.engine.dto.ImageInspect;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.engine.dto.MountPoint;
import dev.ddlab.engine.dto.PortBinding;
import dev.ddlab.engine.dto.swarm.ContainerSpec;
import dev.ddlab.engine.dto.swarm.ManagerStatus;
import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.Service;
import dev.ddlab.engine.dto.swarm.ServiceSpec;
import dev.ddlab.engine.dto.swarm.ServiceStatus;
import dev.ddlab.engine.dto.swarm.Swarm;
import dev.ddlab.engine.dto.swarm.Task;
import dev.ddlab.engine.dto.swarm.UpdateConfig;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.grader.state.CommandView;
import dev.ddlab.grader.state.ContainerView;
import dev.ddlab.grader.state.ImageView;
import dev.ddlab.grader.state.LabState;
import dev.ddlab.grader.state.ServiceView;
import dev.ddlab.grader.state.SwarmNodeView;
import dev.ddlab.grader.state.SwarmStatus;
import dev.ddlab.grader.state.TaskView;
import dev.ddlab.introspect.SwarmView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@link LabState} read through the {@link Engine} API, as {@code docker inspect} would: nothing
 * here knows whether the engine is simulated. Only host files need the simulator's own view.
 */
public final class EngineLabState implements LabState {
  private final Workspace workspace;

  public EngineLabState(Workspace workspace) {
    this.workspace = workspace;
  }

  @Override
  public List<String> nodes() {
    return List.copyOf(workspace.nodes());
  }

  private Engine engine(String node) {
    return workspace.engine(node);
  }

  @Override
  public Optional<ContainerView> container(String node, String nameOrId) {
    try {
      return Optional.of(view(engine(node).containers().inspect(nameOrId)));
    } catch (EngineException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<ContainerView> containers(String node) {
    List<ContainerView> views = new ArrayList<>();
    try {
      for (ContainerSummary s : engine(node).containers().list(true, 0, false, Map.of())) {
        container(node, s.id()).ifPresent(views::add);
      }
    } catch (EngineException e) {
      return List.of();
    }
    return views;
  }

  private static ContainerView view(ContainerInspect c) {
    ContainerConfig config = c.config();
    HostConfig host = c.hostConfig();
    String name = c.name() == null ? "" : c.name().replaceFirst("^/", "");
    String policy =
        host == null || host.restartPolicy() == null || blank(host.restartPolicy().name())
            ? "no"
            : host.restartPolicy().name();
    Map<String, List<PortBinding>> ports =
        c.networkSettings() != null
                && c.networkSettings().ports() != null
                && !c.networkSettings().ports().isEmpty()
            ? c.networkSettings().ports()
            : host == null ? null : host.portBindings();
    List<String> published = new ArrayList<>();
    if (ports != null) {
      new TreeMap<>(ports)
          .forEach(
              (port, bindings) -> {
                if (bindings != null) {
                  for (PortBinding b : bindings) {
                    if (b != null && !blank(b.hostPort())) {
                      published.add(b.hostPort() + ":" + port);
                    }
                  }
                }
              });
    }
    List<String> mounts = new ArrayList<>();
    if (c.mounts() != null) {
      for (MountPoint m : c.mounts()) {
        mounts.add(m.destination());
      }
    }
    return new ContainerView(
        c.id(),
        name,
        c.state() == null ? "" : c.state().status(),
        c.state() == null ? 0 : c.state().exitCode(),
        policy,
        c.restartCount(),
        config == null ? "" : nz(config.image()),
        nz(c.image()),
        published,
        config == null ? List.of() : nz(config.env()),
        mounts,
        config == null ? List.of() : nz(config.cmd()),
        config == null ? List.of() : nz(config.entrypoint()));
  }

  @Override
  public Optional<ImageView> image(String node, String referenceOrId) {
    try {
      return Optional.of(view(engine(node).images().inspect(referenceOrId)));
    } catch (EngineException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<ImageView> images(String node) {
    List<ImageView> views = new ArrayList<>();
    try {
      for (ImageSummary s : engine(node).images().list(true, Map.of())) {
        image(node, s.id()).ifPresent(views::add);
      }
    } catch (EngineException e) {
      return List.of();
    }
    return views;
  }

  private static ImageView view(ImageInspect i) {
    ContainerConfig config = i.config();
    return new ImageView(
        i.id(),
        nz(i.repoTags()),
        nz(i.repoDigests()),
        i.rootFs() == null ? List.of() : nz(i.rootFs().layers()),
        config == null || config.labels() == null ? Map.of() : config.labels(),
        config == null ? List.of() : nz(config.cmd()),
        config == null ? List.of() : nz(config.entrypoint()),
        i.size());
  }

  @Override
  public Optional<String> containerFile(String node, String container, String path) {
    byte[] tar;
    try {
      tar = engine(node).containers().getArchive(container, path);
    } catch (EngineException e) {
      return Optional.empty();
    }
    return Tar.firstRegularFile(tar).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  @Override
  public Optional<String> hostFile(String node, String path) {
    Optional<FileSystem> fs = workspace.hostFileSystem(node);
    if (fs.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (!fs.get().exists(path) || fs.get().isDirectory(path)) {
        return Optional.empty();
      }
      return Optional.of(new String(fs.get().read(path), StandardCharsets.UTF_8));
    } catch (FsException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> networkDriver(String node, String name) {
    try {
      return Optional.of(nz(engine(node).networks().inspect(name).driver()));
    } catch (EngineException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean volumeExists(String node, String name) {
    try {
      engine(node).volumes().inspect(name);
      return true;
    } catch (EngineException e) {
      return false;
    }
  }

  /**
   * On a simulated node the managers come from Raft itself (the session's introspection): asking
   * the engine ({@code node ls}) would send messages on the simulated network and change what a
   * replay does. On a real engine, {@code node ls}. Autolock is read from the engine ({@code swarm
   * inspect}) only when the node can ask a leader.
   */
  @Override
  public SwarmStatus swarm(String node) {
    SwarmStatus s = membership(node);
    if (!s.manager() || !s.quorum()) {
      return s;
    }
    return s.withAutolock(
        read(
            node,
            e -> {
              Swarm sw = e.swarm().inspect();
              return sw.spec() != null
                  && sw.spec().encryptionConfig() != null
                  && sw.spec().encryptionConfig().autoLockManagers();
            },
            false));
  }

  private SwarmStatus membership(String node) {
    Map<String, Object> info;
    try {
      info = engine(node).system().info().swarm();
    } catch (EngineException e) {
      info = null;
    }
    String state =
        info == null ? "inactive" : String.valueOf(info.getOrDefault("LocalNodeState", "inactive"));
    boolean manager = info != null && Boolean.TRUE.equals(info.get("ControlAvailable"));
    if (!manager || !state.equals("active")) {
      return new SwarmStatus(state, manager, false, "", List.of(), List.of(), List.of(), -1, false);
    }
    List<SwarmView.RaftState> raft = workspace.raft();
    return raft.isEmpty() ? askManagers(node, state) : fromRaft(node, state, raft);
  }

  /**
   * A read of the swarm's objects on {@code node}'s engine, only when the node can ask a leader
   * now: without one a simulated manager waits for an election before it answers, and a check must
   * never move the session's clock (a replay would differ from the run it replays).
   */
  private <T> T ask(String node, Function<Engine, T> read, T otherwise) {
    SwarmStatus s = membership(node);
    return s.manager() && s.quorum() ? read(node, read, otherwise) : otherwise;
  }

  /** {@code read} on {@code node}'s engine; {@code otherwise} when the engine refuses. */
  private <T> T read(String node, Function<Engine, T> read, T otherwise) {
    try {
      return read.apply(engine(node));
    } catch (EngineException e) {
      return otherwise;
    }
  }

  @Override
  public List<ServiceView> services(String node) {
    return ask(
        node,
        e -> {
          List<ServiceView> out = new ArrayList<>();
          for (Service s : e.services().list(Map.of(), true)) {
            out.add(view(s));
          }
          return out;
        },
        List.of());
  }

  private static ServiceView view(Service s) {
    ServiceSpec spec = s.spec();
    ContainerSpec c = spec.taskTemplate() == null ? null : spec.taskTemplate().containerSpec();
    // swarmkit's defaults where the spec leaves the update config out
    UpdateConfig u = spec.updateConfig();
    ServiceStatus st = s.serviceStatus();
    return new ServiceView(
        s.id(),
        nz(spec.name()),
        spec.global() ? "global" : "replicated",
        st != null ? st.desiredTasks() : spec.replicas(),
        st != null ? st.runningTasks() : 0,
        c == null ? "" : nz(c.image()),
        c == null ? List.of() : nz(c.env()),
        spec.labels() == null ? Map.of() : spec.labels(),
        u == null ? 1 : u.parallelism(),
        u == null ? 0 : u.delay(),
        u == null || blank(u.failureAction()) ? "pause" : u.failureAction(),
        u == null || blank(u.order()) ? "stop-first" : u.order(),
        s.updateStatus() == null ? "" : nz(s.updateStatus().state()));
  }

  @Override
  public List<TaskView> tasks(String node) {
    return ask(
        node,
        e -> {
          Map<String, String> hostnames = new java.util.HashMap<>();
          for (Node n : e.nodes().list(Map.of())) {
            hostnames.put(n.id(), n.description() == null ? "" : nz(n.description().hostname()));
          }
          Map<String, String> services = new java.util.HashMap<>();
          for (Service s : e.services().list(Map.of(), false)) {
            services.put(s.id(), nz(s.spec().name()));
          }
          List<TaskView> out = new ArrayList<>();
          for (Task t : e.tasks().list(Map.of())) {
            out.add(
                new TaskView(
                    t.id(),
                    services.getOrDefault(t.serviceId(), nz(t.serviceId())),
                    t.slot(),
                    t.nodeId() == null ? "" : hostnames.getOrDefault(t.nodeId(), t.nodeId()),
                    nz(t.desiredState()),
                    t.status() == null ? "" : nz(t.status().state())));
          }
          return out;
        },
        List.of());
  }

  @Override
  public List<SwarmNodeView> swarmNodes(String node) {
    return ask(
        node,
        e -> {
          List<SwarmNodeView> out = new ArrayList<>();
          for (Node n : e.nodes().list(Map.of())) {
            ManagerStatus m = n.managerStatus();
            String managerStatus = m == null ? "" : m.nodeLsText();
            out.add(
                new SwarmNodeView(
                    n.id(),
                    n.description() == null ? "" : nz(n.description().hostname()),
                    n.spec() == null ? "" : nz(n.spec().role()),
                    n.spec() == null ? "" : nz(n.spec().availability()),
                    n.status() == null ? "" : nz(n.status().state()),
                    managerStatus));
          }
          return out;
        },
        List.of());
  }

  private static SwarmStatus fromRaft(String node, String state, List<SwarmView.RaftState> raft) {
    Map<String, SwarmView.RaftState> byNode = new java.util.LinkedHashMap<>();
    raft.forEach(r -> byNode.put(r.node(), r));
    SwarmView.RaftState mine = byNode.get(node);
    List<String> managers = new ArrayList<>(byNode.keySet());
    List<String> reachable = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    for (SwarmView.RaftState r : raft) {
      (r.role() == SwarmView.Role.DOWN ? unreachable : reachable).add(r.node());
    }
    // the leader this node follows, if it still leads at this node's term or later
    SwarmView.RaftState leads = mine == null ? null : byNode.get(mine.leader());
    boolean quorum =
        leads != null && leads.role() == SwarmView.Role.LEADER && leads.term() >= mine.term();
    return new SwarmStatus(
        state,
        true,
        quorum,
        quorum ? leads.node() : "",
        managers,
        reachable,
        unreachable,
        mine == null ? -1 : mine.term(),
        false);
  }

  private SwarmStatus askManagers(String node, String state) {
    List<String> managers = new ArrayList<>();
    List<String> reachable = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    String leader = "";
    try {
      for (Node n : engine(node).nodes().list(Map.of())) {
        ManagerStatus m = n.managerStatus();
        if (m == null) {
          continue;
        }
        String host = n.description() == null ? "" : nz(n.description().hostname());
        managers.add(host);
        if (m.leader()) {
          leader = host;
        }
        (m.leader() || "reachable".equals(m.reachability()) ? reachable : unreachable).add(host);
      }
    } catch (EngineException e) {
      // "The swarm does not have a leader": no quorum
      return new SwarmStatus(state, true, false, "", List.of(), List.of(), List.of(), -1, false);
    }
    return new SwarmStatus(state, true, true, leader, managers, reachable, unreachable, -1, false);
  }

  @Override
  public List<CommandView> transcript() {
    return workspace.transcript().stream()
        .map(e -> new CommandView(e.node(), e.command(), nz(e.output()), e.exitCode()))
        .toList();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static <T> List<T> nz(List<T> l) {
    return l == null ? List.of() : l;
  }
}
